import { strict as assert } from 'node:assert';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { FabricError, isFabricError } from '../../../src/runtime/errors';
import { assertExecSpec } from '../../../src/runtime/sandbox/assertExecSpec';
import type { ExecSpec } from '../../../src/runtime/sandbox';
import { makeTempDir } from '../../helpers/tmp';

describe('#assertExecSpec', () => {
  const tmp = makeTempDir('fabric-spec-');
  after(() => tmp.cleanup());
  const ws = join(tmp.path, 'ws');
  const outside = join(tmp.path, 'outside');
  mkdirSync(join(ws, 'pkg'), { recursive: true });
  mkdirSync(outside);
  symlinkSync(outside, join(ws, 'link'));

  describe('when the spec is well formed', () => {
    it('fills defaults and canonical paths', () => {
      const r = assertExecSpec({ argv: ['true'], cwd: join(ws, 'pkg'), workspace: ws, timeoutMs: 100 });
      assert.equal(r.maxOutputBytes, 4 * 1024 * 1024);
      assert.deepEqual(r.readOnlyMounts, []);
      assert.deepEqual(r.env, {});
      assert.deepEqual(r.limits, {});
    });
  });

  describe('when fields are malformed', () => {
    it('throws SCHEMA_INVALID naming every bad field', () => {
      const bad = { argv: [], cwd: 'relative', workspace: ws, timeoutMs: 0, env: { 'BAD-NAME': 'x' }, limits: { pids: 0 }, extra: 1 } as unknown as ExecSpec;
      let caught: unknown;
      try {
        assertExecSpec(bad);
      } catch (e) {
        caught = e;
      }
      assert.ok(isFabricError(caught, 'SCHEMA_INVALID'));
      const fields = (caught as FabricError).data?.fields as string[];
      for (const f of ['/argv', '/cwd', '/timeoutMs', '/env', '/limits/pids', '/extra']) assert.ok(fields.includes(f), f);
    });
  });

  describe('when paths escape the workspace', () => {
    const escapes = (spec: Partial<ExecSpec>, hidden: string[] = []): void => {
      assert.throws(() => assertExecSpec({ argv: ['true'], cwd: ws, workspace: ws, timeoutMs: 100, ...spec }, hidden), (e) => isFabricError(e, 'SANDBOX_PATH_ESCAPE'));
    };
    it('rejects a cwd outside the workspace', () => escapes({ cwd: outside }));
    it('rejects a cwd that leaves through a symlink', () => escapes({ cwd: join(ws, 'link') }));
    it('rejects a mount point outside the workspace', () => escapes({ readOnlyMounts: [{ hostPath: outside, sandboxPath: join(tmp.path, 'elsewhere') }] }));
    it('rejects a mount point behind a symlink that leaves', () => escapes({ readOnlyMounts: [{ hostPath: outside, sandboxPath: join(ws, 'link', 'deep', 'x') }] }));
    it('rejects a workspace that contains a hidden directory', () => escapes({}, [join(ws, 'pkg')]));
  });
});
