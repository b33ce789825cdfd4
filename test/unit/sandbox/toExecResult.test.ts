import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import type { TreeSpawnResult } from '../../../src/runtime/sandbox/spawnTree';
import { toExecResult } from '../../../src/runtime/sandbox/toExecResult';

const raw = (over: Partial<TreeSpawnResult>): TreeSpawnResult => ({
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  truncated: false,
  timedOut: false,
  cancelled: false,
  durationMs: 1,
  fd3: '',
  ...over,
});

describe('#toExecResult', () => {
  describe('when bwrap reports 128+N', () => {
    it('decodes the signal', () => {
      const r = toExecResult(raw({ exitCode: 128 + 24 }), 'bwrap');
      assert.equal(r.exitCode, null);
      assert.equal(r.signal, 'SIGXCPU');
      assert.equal(r.limitBreached, 'cpu');
    });
  });
  describe('when the host runner reports 137', () => {
    it('keeps it as an exit code', () => {
      const r = toExecResult(raw({ exitCode: 137 }), 'host');
      assert.equal(r.exitCode, 137);
      assert.equal(r.signal, null);
    });
  });
  describe('when several limits are hit', () => {
    it('reports timeout before output', () => {
      assert.equal(toExecResult(raw({ exitCode: null, signal: 'SIGTERM', timedOut: true, truncated: true }), 'host').limitBreached, 'timeout');
      assert.equal(toExecResult(raw({ truncated: true }), 'host').limitBreached, 'output');
    });
  });
  describe('when bwrap itself could not start the command', () => {
    it('throws SANDBOX_SPAWN_FAILED', () => {
      assert.throws(() => toExecResult(raw({ exitCode: 1, stderr: 'bwrap: execvp nope: No such file or directory\n' }), 'bwrap'), (e) => isFabricError(e, 'SANDBOX_SPAWN_FAILED'));
    });
  });
});
