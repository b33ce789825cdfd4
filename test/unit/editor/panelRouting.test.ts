import { strict as assert } from 'node:assert';
import { routePanelMessage, type PanelHandlers } from '../../../src/editor/panelRouting';
import { FabricError } from '../../../src/runtime/errors';
import { parseHostMessage, type HostToWebview } from '../../../src/webview/protocol';

function harness(overrides: Partial<PanelHandlers> = {}) {
  const posted: HostToWebview[] = [];
  const logged: string[] = [];
  const calls: string[] = [];
  const record = (name: string) => async () => {
    calls.push(name);
  };
  const handlers: PanelHandlers = {
    ready: record('ready'),
    requestState: record('requestState'),
    approve: record('approve'),
    deny: record('deny'),
    push: record('push'),
    exploreFix: record('exploreFix'),
    openDiff: record('openDiff'),
    openBundle: record('openBundle'),
    openEventLog: record('openEventLog'),
    setFilter: record('setFilter'),
    webviewError: record('webviewError'),
    ...overrides,
  };
  const io = { post: (m: HostToWebview) => posted.push(m), log: (l: string) => logged.push(l) };
  return { posted, logged, calls, route: (raw: unknown) => routePanelMessage(raw, handlers, io) };
}

describe('#routePanelMessage', () => {
  describe('when a message is invalid', () => {
    it('logs it, calls nothing and never answers', async () => {
      const h = harness();
      for (const raw of [null, 'ready', { kind: 'approve', approvalId: 'a' }, { kind: 'nope' }, { kind: 'ready', extra: 1 }]) await h.route(raw);
      assert.deepEqual(h.calls, []);
      assert.deepEqual(h.posted, []);
      assert.equal(h.logged.length, 5);
    });
  });

  describe('when a request succeeds', () => {
    it('answers exactly once with its id', async () => {
      const h = harness();
      await h.route({ kind: 'approve', requestId: 'r1', approvalId: 'a1' });
      assert.deepEqual(h.calls, ['approve']);
      assert.deepEqual(h.posted, [{ kind: 'reply', requestId: 'r1', ok: true }]);
    });
  });

  describe('when a request fails', () => {
    it('answers with the error code, in a reply the webview accepts', async () => {
      const h = harness({
        push: async () => {
          throw new FabricError('GIT_NO_REMOTE', 'no remote named origin');
        },
      });
      await h.route({ kind: 'push', requestId: 'r2', traceId: 't' });
      assert.equal(h.posted.length, 1);
      const reply = h.posted[0];
      assert.ok(reply.kind === 'reply' && !reply.ok && reply.error?.code === 'GIT_NO_REMOTE');
      assert.equal(parseHostMessage(reply).ok, true);
    });
  });

  describe('when a link handler fails', () => {
    it('logs it without a reply', async () => {
      const h = harness({
        openDiff: () => {
          throw new Error('gone');
        },
      });
      await h.route({ kind: 'openDiff', candidateId: 'c' });
      assert.deepEqual(h.posted, []);
      assert.equal(h.logged.length, 1);
    });
  });

  describe('when the webview reports a refused message', () => {
    it('logs it and never answers', async () => {
      const h = harness();
      await h.route({ kind: 'error', code: 'SCHEMA_INVALID', message: 'bad state', issues: [{ path: '/snapshot', message: 'm' }] });
      assert.deepEqual(h.posted, []);
      assert.deepEqual(h.calls, ['webviewError']);
    });
  });
});
