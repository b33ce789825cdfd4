import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPABILITY_IDS, loadCapabilityCatalog, type CapabilityCatalogFile } from '../../../src/runtime/capabilities';
import { isFabricError } from '../../../src/runtime/errors';
import { loadPolicyEngine, ROLE_NAMES, type PolicyRequest, type RoleName } from '../../../src/runtime/policy';
import { canonicalDigest } from '../../../src/runtime/util/digest';
import { makeTempDir } from '../../helpers/tmp';

const POLICIES_DIR = join(__dirname, '..', '..', '..', 'policies');
const SHIPPED = join(POLICIES_DIR, 'capabilities.json');

function errorOf(fn: () => unknown): { code: string; data: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    assert.ok(isFabricError(e), `expected a FabricError, got ${String(e)}`);
    return { code: e.code, data: e.data ?? {} };
  }
  assert.fail('expected an error');
}

describe('#loadCapabilityCatalog', () => {
  const tmp = makeTempDir('fabric-catalog-');
  after(() => tmp.cleanup());
  let n = 0;
  /** A private copy of the shipped catalog, optionally edited. */
  const copy = (edit?: (file: CapabilityCatalogFile) => unknown): string => {
    const path = join(tmp.path, `capabilities-${n++}.json`);
    copyFileSync(SHIPPED, path);
    if (edit) {
      const file = JSON.parse(readFileSync(path, 'utf8')) as CapabilityCatalogFile;
      const edited = edit(file) ?? file;
      writeFileSync(path, JSON.stringify(edited, null, 2));
    }
    return path;
  };

  describe('when the shipped catalog is loaded', () => {
    it('holds exactly the capabilities the runtime uses, each pinned by canonical digest', () => {
      const catalog = loadCapabilityCatalog(SHIPPED);
      assert.deepEqual(catalog.list().map((c) => c.entry.id).sort(), [...CAPABILITY_IDS].sort());
      for (const c of catalog.list()) assert.equal(c.digest, canonicalDigest(c.entry));
      assert.equal(catalog.digest(), canonicalDigest(JSON.parse(readFileSync(SHIPPED, 'utf8'))));
    });
    it('names every capability as an action of the Cedar schema, and no other', () => {
      const schema = readFileSync(join(POLICIES_DIR, 'fabric.cedarschema'), 'utf8');
      const actions = [...schema.matchAll(/^\s*action "([^"]+)"/gm)].map((m) => m[1]).sort();
      assert.deepEqual(actions, [...CAPABILITY_IDS].sort());
    });
    it('marks push, force push, branch deletion and network access as high impact', () => {
      const high = loadCapabilityCatalog(SHIPPED).list().filter((c) => c.entry.impact === 'high').map((c) => c.entry.id).sort();
      assert.deepEqual(high, ['git.delete_branch', 'git.force_push', 'git.push', 'network.access']);
    });
    it('agrees with default.cedar on which roles may use each capability', () => {
      const engine = loadPolicyEngine({ policiesDir: POLICIES_DIR });
      const exp = Math.floor(Date.now() / 1000) + 600;
      const best = (id: string, role: RoleName): PolicyRequest => {
        const approval = { valid: true, action: id, exp };
        const ref = { ref: id === 'git.note' ? 'refs/notes/fabric' : 'refs/heads/fabric/x', protected: false, approval };
        const byId: Record<string, PolicyRequest> = {
          'workspace.create': { capability: 'workspace.create', role, workspace: 'w' },
          'fs.read': { capability: 'fs.read', role, path: 'a.ts' },
          'fs.write': { capability: 'fs.write', role, path: 'a.ts', writeScope: ['.'], isTestFile: false, allowTestEdits: false },
          'sandbox.exec': { capability: 'sandbox.exec', role, program: 'node', workspace: 'w', network: false },
          'git.snapshot': { capability: 'git.snapshot', role },
          'git.commit': { capability: 'git.commit', role },
          'git.write_ref': { capability: 'git.write_ref', role, ...ref },
          'git.note': { capability: 'git.note', role, ...ref },
          'evidence.sign': { capability: 'evidence.sign', role, subject: 'bundle' },
          'git.push': { capability: 'git.push', role, ...ref },
          'git.force_push': { capability: 'git.force_push', role, ...ref },
          'git.delete_branch': { capability: 'git.delete_branch', role, ...ref },
          'network.access': { capability: 'network.access', role, host: 'example.org', approval },
        };
        return byId[id];
      };
      for (const { entry } of loadCapabilityCatalog(SHIPPED).list()) {
        const permitted = ROLE_NAMES.filter((role) => engine.decide(best(entry.id, role)).decision === 'allow');
        assert.deepEqual([...permitted].sort(), [...entry.roles].sort(), entry.id);
      }
    });
  });

  describe('when an id is not in the catalog', () => {
    it('throws GATE_CAPABILITY_UNKNOWN from get and recheck', () => {
      const catalog = loadCapabilityCatalog(SHIPPED);
      assert.equal(errorOf(() => catalog.get('shell.exec')).code, 'GATE_CAPABILITY_UNKNOWN');
      assert.equal(errorOf(() => catalog.recheck('shell.exec')).code, 'GATE_CAPABILITY_UNKNOWN');
    });
  });

  describe('when the file is not a valid catalog', () => {
    it('throws SCHEMA_INVALID listing every bad field path', () => {
      const path = copy((f) => {
        const first = f.capabilities[0] as unknown as Record<string, unknown>;
        first.impact = 'medium';
        delete first.runs;
        first.extra = true;
        (f.capabilities[1] as unknown as Record<string, unknown>).roles = ['root'];
      });
      const { code, data } = errorOf(() => loadCapabilityCatalog(path));
      assert.equal(code, 'SCHEMA_INVALID');
      const errors = (data.errors as string[]).map((e) => e.split(':')[0]).sort();
      assert.deepEqual(errors, ['/capabilities/0/extra', '/capabilities/0/impact', '/capabilities/0/runs', '/capabilities/1/roles/0']);
    });
    it('refuses duplicate ids', () => {
      const path = copy((f) => ({ ...f, capabilities: [...f.capabilities, f.capabilities[0]] }));
      assert.equal(errorOf(() => loadCapabilityCatalog(path)).code, 'SCHEMA_INVALID');
    });
    it('refuses text that is not JSON', () => {
      const path = join(tmp.path, 'not-json.json');
      writeFileSync(path, '{ "catalog_version": 1,');
      assert.equal(errorOf(() => loadCapabilityCatalog(path)).code, 'SCHEMA_INVALID');
    });
  });

  describe('when the file changes after loading', () => {
    it('passes recheck while the entry is unchanged', () => {
      const path = copy();
      const catalog = loadCapabilityCatalog(path);
      assert.equal(catalog.recheck('fs.write').digest, catalog.get('fs.write').digest);
    });
    it('throws GATE_CAPABILITY_TAMPERED when the entry was edited', () => {
      const path = copy();
      const catalog = loadCapabilityCatalog(path);
      const file = JSON.parse(readFileSync(path, 'utf8')) as CapabilityCatalogFile;
      const push = file.capabilities.find((c) => c.id === 'git.push');
      if (push) push.impact = 'low';
      writeFileSync(path, JSON.stringify(file));
      assert.equal(errorOf(() => catalog.recheck('git.push')).code, 'GATE_CAPABILITY_TAMPERED');
      assert.equal(catalog.recheck('fs.read').entry.id, 'fs.read', 'other entries are still trusted');
    });
    it('throws GATE_CAPABILITY_TAMPERED when the entry was removed or the file broken', () => {
      const path = copy();
      const catalog = loadCapabilityCatalog(path);
      const file = JSON.parse(readFileSync(path, 'utf8')) as CapabilityCatalogFile;
      writeFileSync(path, JSON.stringify({ ...file, capabilities: file.capabilities.filter((c) => c.id !== 'fs.write') }));
      assert.equal(errorOf(() => catalog.recheck('fs.write')).code, 'GATE_CAPABILITY_TAMPERED');
      writeFileSync(path, 'garbage');
      assert.equal(errorOf(() => catalog.recheck('fs.read')).code, 'GATE_CAPABILITY_TAMPERED');
    });
    it('ignores formatting changes that keep the canonical entry', () => {
      const path = copy();
      const catalog = loadCapabilityCatalog(path);
      writeFileSync(path, JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), null, 8));
      assert.equal(catalog.recheck('git.push').entry.id, 'git.push');
    });
  });
});
