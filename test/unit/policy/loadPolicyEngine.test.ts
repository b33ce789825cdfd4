import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFabricError } from '../../../src/runtime/errors';
import { loadPolicyEngine } from '../../../src/runtime/policy';
import { validatePolicies } from '../../../src/runtime/policy/validatePolicies';
import { parsePolicyText } from '../../../src/runtime/policy/parsePolicyText';
import { makeTempDir } from '../../helpers/tmp';

const POLICIES_DIR = join(__dirname, '..', '..', '..', 'policies');

/** A policies dir holding the shipped schema and `defaultCedar` as default.cedar. */
function policiesWith(dir: string, defaultCedar: string): string {
  mkdirSync(dir);
  copyFileSync(join(POLICIES_DIR, 'fabric.cedarschema'), join(dir, 'fabric.cedarschema'));
  writeFileSync(join(dir, 'default.cedar'), defaultCedar);
  return dir;
}

function codeOf(fn: () => unknown): { code: string; errors: string[] } {
  try {
    fn();
  } catch (e) {
    assert.ok(isFabricError(e), `expected a FabricError, got ${String(e)}`);
    return { code: e.code, errors: (e.data?.errors as string[]) ?? [] };
  }
  assert.fail('expected an error');
}

describe('#loadPolicyEngine', () => {
  const tmp = makeTempDir('fabric-policy-');
  after(() => tmp.cleanup());
  const shipped = readFileSync(join(POLICIES_DIR, 'default.cedar'), 'utf8');

  describe('when the shipped policies are loaded', () => {
    it('passes strict validation with no errors', () => {
      const parsed = parsePolicyText(shipped, 'default.cedar');
      assert.deepEqual(parsed.errors, []);
      const record = Object.fromEntries(parsed.policies.map((p) => [p.id, p.text]));
      assert.deepEqual(validatePolicies(readFileSync(join(POLICIES_DIR, 'fabric.cedarschema'), 'utf8'), record), []);
    });
    it('keys every policy by its @id annotation', () => {
      const engine = loadPolicyEngine({ policiesDir: POLICIES_DIR });
      const ids = engine.policyIds();
      assert.equal(ids.length, (shipped.match(/@id\(/g) ?? []).length);
      for (const id of ['fs-write-outside-scope', 'fs-write-test-file', 'ref-protected', 'push-requires-approval']) assert.ok(ids.includes(id), id);
    });
    it('has a stable policy digest', () => {
      const a = loadPolicyEngine({ policiesDir: POLICIES_DIR }).policyDigest();
      const b = loadPolicyEngine({ policiesDir: POLICIES_DIR }).policyDigest();
      assert.match(a, /^sha256:[0-9a-f]{64}$/);
      assert.equal(a, b);
    });
  });

  describe('when a trusted policy does not type-check against the schema', () => {
    it('throws POLICY_INVALID listing the error', () => {
      const broken = `${shipped}\n@id("broken")\nforbid (principal, action == Fabric::Action::"fs.read", resource) when { resource.no_such_attr == 1 };\n`;
      const { code, errors } = codeOf(() => loadPolicyEngine({ policiesDir: policiesWith(join(tmp.path, 'broken'), broken) }));
      assert.equal(code, 'POLICY_INVALID');
      assert.ok(errors.some((e) => e.startsWith('broken:')), errors.join('\n'));
    });
  });

  describe('when a trusted policy does not parse', () => {
    it('throws POLICY_INVALID', () => {
      assert.equal(codeOf(() => loadPolicyEngine({ policiesDir: policiesWith(join(tmp.path, 'syntax'), '@id("x") permit (principal, action, resource') })).code, 'POLICY_INVALID');
    });
  });

  describe('when a policy has no @id', () => {
    it('throws POLICY_INVALID', () => {
      const { code, errors } = codeOf(() => loadPolicyEngine({ policiesDir: policiesWith(join(tmp.path, 'noid'), `${shipped}\nforbid (principal, action, resource);\n`) }));
      assert.equal(code, 'POLICY_INVALID');
      assert.equal(errors.length, 1);
    });
  });

  describe('when the policies directory is missing', () => {
    it('throws POLICY_INVALID', () => {
      assert.equal(codeOf(() => loadPolicyEngine({ policiesDir: join(tmp.path, 'absent') })).code, 'POLICY_INVALID');
    });
  });

  describe('when the workspace adds a permit', () => {
    it('refuses it with POLICY_INVALID', () => {
      const workspacePolicies = '@id("let-me-in")\npermit (principal, action == Fabric::Action::"git.push", resource);\n';
      assert.equal(codeOf(() => loadPolicyEngine({ policiesDir: POLICIES_DIR, workspacePolicies })).code, 'POLICY_INVALID');
    });
  });

  describe('when the workspace adds a forbid', () => {
    const workspacePolicies = '@id("no-generated")\nforbid (principal, action == Fabric::Action::"fs.write", resource in Fabric::Directory::"src/generated/");\n';
    it('accepts it under a workspace/ id and changes the digest', () => {
      const engine = loadPolicyEngine({ policiesDir: POLICIES_DIR, workspacePolicies });
      assert.ok(engine.policyIds().includes('workspace/no-generated'));
      assert.notEqual(engine.policyDigest(), loadPolicyEngine({ policiesDir: POLICIES_DIR }).policyDigest());
    });
    it('refuses a workspace forbid that does not type-check', () => {
      const bad = '@id("bad")\nforbid (principal, action == Fabric::Action::"fs.write", resource) when { resource.owner == "x" };\n';
      assert.equal(codeOf(() => loadPolicyEngine({ policiesDir: POLICIES_DIR, workspacePolicies: bad })).code, 'POLICY_INVALID');
    });
  });
});
