import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import { limitsPrefix } from '../../../src/runtime/sandbox/limitsPrefix';

describe('#limitsPrefix', () => {
  describe('when no limits are set', () => {
    it('adds nothing (and needs no prlimit)', () => {
      assert.deepEqual(limitsPrefix({}, undefined), []);
    });
  });
  describe('when every limit is set', () => {
    it('maps them to prlimit flags, cpu hard limit one second above soft', () => {
      assert.deepEqual(limitsPrefix({ pids: 64, fileSizeBytes: 1024, openFiles: 256, cpuSeconds: 30 }, '/usr/bin/prlimit'), [
        '/usr/bin/prlimit',
        '--nproc=64',
        '--fsize=1024',
        '--nofile=256',
        '--cpu=30:31',
        '--',
      ]);
    });
  });
  describe('when prlimit is missing', () => {
    it('throws SANDBOX_UNAVAILABLE', () => {
      assert.throws(() => limitsPrefix({ pids: 1 }, undefined), (e) => isFabricError(e, 'SANDBOX_UNAVAILABLE'));
    });
  });
});
