import { strict as assert } from 'node:assert';
import { statusText } from '../../../src/editor/statusText';
import { userMessageFor } from '../../../src/editor/userMessages';
import { FabricError, type FabricErrorCode } from '../../../src/runtime/errors';

const err = (code: FabricErrorCode, data?: Record<string, unknown>) => new FabricError(code, 'detail', data ? { data } : {});

describe('#userMessageFor', () => {
  describe('when the user can fix it in a setting', () => {
    it('offers exactly that setting', () => {
      const cases: [FabricErrorCode, string][] = [
        ['WORKSPACE_NO_TESTS', 'fabric.testCommand'],
        ['SANDBOX_UNAVAILABLE', 'fabric.sandbox'],
        ['GIT_NO_REMOTE', 'fabric.remote'],
        ['RUN_TIMEOUT', 'fabric.testTimeoutSeconds'],
        ['GATE_BUDGET_EXCEEDED', 'fabric.budgetSeconds'],
      ];
      for (const [code, setting] of cases) {
        const m = userMessageFor(err(code));
        assert.equal(m.code, code);
        assert.deepEqual(m.actions, [{ kind: 'openSettings', setting }], code);
      }
    });
  });
  describe('when a push is rejected', () => {
    it('tells auth failures, non-fast-forward and hooks apart', () => {
      const texts = (['auth-failed', 'non-fast-forward', 'hook-declined'] as const).map((rejection) => userMessageFor(err('GIT_PUSH_REJECTED', { rejection, remote: 'origin' })));
      for (const m of texts) {
        assert.equal(m.severity, 'error');
        assert.deepEqual(m.actions, [{ kind: 'showOutput' }]);
      }
      assert.equal(new Set(texts.map((m) => m.message)).size, 3);
    });
  });
  describe('when an approval is refused', () => {
    it('keeps the code for every APPROVAL_* error', () => {
      for (const code of ['APPROVAL_EXPIRED', 'APPROVAL_REUSED', 'APPROVAL_MISMATCH', 'APPROVAL_INVALID', 'APPROVAL_NOT_INTERACTIVE', 'GATE_APPROVAL_REQUIRED'] as const) {
        assert.equal(userMessageFor(err(code)).code, code);
      }
    });
  });
  describe('when cancelled', () => {
    it('is information, not an error', () => {
      assert.equal(userMessageFor(err('RUN_ABORTED')).severity, 'info');
    });
  });
  describe('when something unexpected is thrown', () => {
    it('is an INTERNAL error with the output one click away', () => {
      const m = userMessageFor(new Error('boom'));
      assert.deepEqual([m.code, m.severity, m.actions], ['INTERNAL', 'error', [{ kind: 'showOutput' }]]);
    });
  });
});

describe('#statusText', () => {
  const run = { traceId: null, sessionState: null, progress: 'p' } as const;
  it('spins while running and shows the session state', () => {
    assert.match(statusText({ ...run, status: 'running', sessionState: 'verifying' }, 0).text, /~spin.*verifying/);
  });
  it('counts actions waiting for approval', () => {
    assert.match(statusText({ ...run, status: 'done', sessionState: 'released' }, 2).text, /2/);
    assert.doesNotMatch(statusText({ ...run, status: 'idle' }, 0).text, /\d/);
  });
  it('shows an error state when the run failed', () => {
    assert.match(statusText({ ...run, status: 'done', error: { code: 'X', message: 'm' } }, 0).text, /\$\(error\)/);
  });
});
