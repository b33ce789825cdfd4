import { strict as assert } from 'node:assert';
import { selectSandbox, type SandboxPreference } from '../../../src/runtime/sandbox';
import { isFabricError } from '../../../src/runtime/errors';

describe('#selectSandbox', () => {
  describe('when bubblewrap works', () => {
    it('auto picks bwrap without a warning', async () => {
      const s = await selectSandbox('auto');
      assert.equal(s.runner.kind, 'bwrap');
      assert.equal(s.warning, undefined);
      assert.ok(s.reason.length > 0);
    });
    it('bwrap picks bwrap', async () => {
      assert.equal((await selectSandbox('bwrap')).runner.kind, 'bwrap');
    });
  });

  describe('when bubblewrap is unavailable', () => {
    const bwrapPath = '/nonexistent/fabric/bwrap';
    it('auto throws SANDBOX_UNAVAILABLE instead of falling back to host', async () => {
      await assert.rejects(selectSandbox('auto', { bwrapPath }), (e) => isFabricError(e, 'SANDBOX_UNAVAILABLE'));
    });
    it('bwrap throws SANDBOX_UNAVAILABLE', async () => {
      await assert.rejects(selectSandbox('bwrap', { bwrapPath }), (e) => isFabricError(e, 'SANDBOX_UNAVAILABLE'));
    });
  });

  describe('when host is requested', () => {
    it('returns the host runner with a warning', async () => {
      const s = await selectSandbox('host');
      assert.equal(s.runner.kind, 'host');
      assert.ok(s.warning !== undefined && s.warning.length > 0);
    });
  });

  describe('when the preference is unknown', () => {
    it('throws USAGE_INVALID', async () => {
      await assert.rejects(selectSandbox('docker' as SandboxPreference), (e) => isFabricError(e, 'USAGE_INVALID'));
    });
  });
});
