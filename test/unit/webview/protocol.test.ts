import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import {
  LIMITS,
  errorMessageFor,
  parseHostMessage,
  parsePersistedPanelState,
  parseWebviewMessage,
  ProtocolMessageError,
  type HostToWebview,
  type ParseResult,
  type WebviewToHost,
} from '../../../src/webview/protocol';
import { approval, events, snapshot, TRACE_ID } from './fixtures';

function issuesOf<T>(result: ParseResult<T>): { paths: string[]; error: ProtocolMessageError } {
  assert.equal(result.ok, false, 'expected the message to be refused');
  if (result.ok) throw new Error('unreachable');
  return { paths: result.error.issues.map((i) => i.path), error: result.error };
}

describe('#parseHostMessage', () => {
  describe('when given each valid message kind', () => {
    const valid: HostToWebview[] = [
      { kind: 'state', snapshot: snapshot() },
      { kind: 'state', snapshot: { run: { status: 'idle', traceId: null, sessionState: null, progress: '' }, candidates: [], bundle: null, approvals: [] } },
      { kind: 'events', traceId: TRACE_ID, events: events(50) },
      { kind: 'events', traceId: TRACE_ID, events: [], reset: true },
      { kind: 'reply', requestId: 'r-1', ok: true },
      { kind: 'reply', requestId: 'r-2', ok: false, error: { code: 'APPROVAL_EXPIRED', message: 'expired' } },
    ];
    for (const message of valid) {
      it(`accepts ${message.kind}${'ok' in message ? ` (ok: ${String(message.ok)})` : ''}`, () => {
        const result = parseHostMessage(message);
        assert.ok(result.ok, result.ok ? '' : result.error.message);
        assert.deepEqual(result.value, message);
      });
    }
  });

  describe('when given something that is not a message', () => {
    for (const value of [null, 'state', 42, [], undefined]) {
      it(`refuses ${JSON.stringify(value) ?? 'undefined'} with a SCHEMA_INVALID error at the root`, () => {
        const { paths, error } = issuesOf(parseHostMessage(value));
        assert.ok(isFabricError(error, 'SCHEMA_INVALID'));
        assert.equal(error.direction, 'hostToWebview');
        assert.deepEqual(paths, ['/']);
      });
    }
  });

  describe('when the kind is unknown or missing', () => {
    it('reports /kind for an unknown kind and keeps the kind', () => {
      const { paths, error } = issuesOf(parseHostMessage({ kind: 'approve', requestId: 'x' }));
      assert.deepEqual(paths, ['/kind']);
      assert.equal(error.refusedKind, 'approve');
    });
    it('reports /kind when it is missing', () => {
      assert.deepEqual(issuesOf(parseHostMessage({ snapshot: snapshot() })).paths, ['/kind']);
    });
  });

  describe('when fields are wrong', () => {
    it('lists every bad path of a state, however deep', () => {
      const bad = snapshot() as unknown as Record<string, unknown>;
      const run = { ...(bad.run as object), sessionState: 'sleeping', progress: 3 };
      const candidate = { ...snapshot().candidates[0], verdict: 'great', line: -1 };
      const appr = { ...approval(), argsDigest: 'md5:abc', extra: true };
      const { paths } = issuesOf(parseHostMessage({ kind: 'state', snapshot: { ...bad, run, candidates: [candidate], approvals: [appr] } }));
      assert.deepEqual(new Set(paths), new Set(['/snapshot/run/sessionState', '/snapshot/run/progress', '/snapshot/candidates/0/verdict', '/snapshot/candidates/0/line', '/snapshot/approvals/0/argsDigest', '/snapshot/approvals/0/extra']));
    });
    it('reports a missing required field at its own path', () => {
      const { bundle: _bundle, ...rest } = snapshot();
      assert.deepEqual(issuesOf(parseHostMessage({ kind: 'state', snapshot: rest })).paths, ['/snapshot/bundle']);
    });
    it('reports only the bundle fields when a non-null bundle is wrong', () => {
      const b = { ...snapshot().bundle, commit: 'not-a-commit', cost: { wall_ms: -1, tokens: 0, usd: 0 } };
      const { paths } = issuesOf(parseHostMessage({ kind: 'state', snapshot: { ...snapshot(), bundle: b } }));
      assert.deepEqual(new Set(paths), new Set(['/snapshot/bundle/commit', '/snapshot/bundle/cost/wall_ms']));
    });
    it('refuses an event with an unknown action type', () => {
      const e = { ...events(1)[0], action_type: 'telepathy' };
      assert.deepEqual(issuesOf(parseHostMessage({ kind: 'events', traceId: TRACE_ID, events: [e] })).paths, ['/events/0/action_type']);
    });
  });

  describe('when a message exceeds its bounds', () => {
    it('refuses more events than one message may carry', () => {
      const tooMany = events(LIMITS.eventsPerMessage + 1);
      assert.deepEqual(issuesOf(parseHostMessage({ kind: 'events', traceId: TRACE_ID, events: tooMany })).paths, ['/events']);
    });
    it('refuses an over-long summary', () => {
      const e = { ...events(1)[0], summary: 'x'.repeat(LIMITS.text + 1) };
      assert.deepEqual(issuesOf(parseHostMessage({ kind: 'events', traceId: TRACE_ID, events: [e] })).paths, ['/events/0/summary']);
    });
    it('refuses an empty trace id', () => {
      assert.deepEqual(issuesOf(parseHostMessage({ kind: 'events', traceId: '', events: [] })).paths, ['/traceId']);
    });
  });

  describe('when a reply is inconsistent', () => {
    it('refuses a failed reply without an error', () => {
      assert.deepEqual(issuesOf(parseHostMessage({ kind: 'reply', requestId: 'r', ok: false })).paths, ['/error']);
    });
    it('refuses a successful reply with an error', () => {
      assert.deepEqual(issuesOf(parseHostMessage({ kind: 'reply', requestId: 'r', ok: true, error: { code: 'X', message: 'y' } })).paths, ['/error']);
    });
  });
});

describe('#parseWebviewMessage', () => {
  describe('when given each valid message kind', () => {
    const valid: WebviewToHost[] = [
      { kind: 'ready' },
      { kind: 'requestState' },
      { kind: 'approve', requestId: 'a-1', approvalId: 'appr-1' },
      { kind: 'deny', requestId: 'a-2', approvalId: 'appr-1', reason: 'wrong remote' },
      { kind: 'openDiff', candidateId: 'fe727cfa14a1' },
      { kind: 'openBundle', traceId: TRACE_ID },
      { kind: 'openEventLog', traceId: TRACE_ID },
      { kind: 'exploreFix', requestId: 'a-3' },
      { kind: 'push', requestId: 'a-4', traceId: TRACE_ID },
      { kind: 'setFilter', roles: ['verifier'], actionTypes: ['tool_call', 'error'] },
      { kind: 'error', code: 'SCHEMA_INVALID', message: 'bad', refusedKind: 'state', issues: [{ path: '/snapshot', message: 'must be object' }] },
    ];
    for (const message of valid) {
      it(`accepts ${message.kind}`, () => {
        const result = parseWebviewMessage(message);
        assert.ok(result.ok, result.ok ? '' : result.error.message);
      });
    }
  });

  describe('when given invalid messages', () => {
    it('refuses an approve without a request id (a reply could not be matched)', () => {
      const { paths, error } = issuesOf(parseWebviewMessage({ kind: 'approve', approvalId: 'appr-1' }));
      assert.deepEqual(paths, ['/requestId']);
      assert.equal(error.direction, 'webviewToHost');
    });
    it('refuses a deny whose reason is blank or too long', () => {
      assert.deepEqual(issuesOf(parseWebviewMessage({ kind: 'deny', requestId: 'r', approvalId: 'a', reason: '   ' })).paths, ['/reason']);
      assert.deepEqual(issuesOf(parseWebviewMessage({ kind: 'deny', requestId: 'r', approvalId: 'a', reason: 'x'.repeat(LIMITS.reason + 1) })).paths, ['/reason']);
    });
    it('refuses extra properties', () => {
      assert.deepEqual(issuesOf(parseWebviewMessage({ kind: 'ready', token: 'abc' })).paths, ['/token']);
    });
    it('refuses an unknown action type in a filter', () => {
      assert.deepEqual(issuesOf(parseWebviewMessage({ kind: 'setFilter', roles: [], actionTypes: ['nope'] })).paths, ['/actionTypes/0']);
    });
    it('refuses a host message sent the wrong way', () => {
      assert.deepEqual(issuesOf(parseWebviewMessage({ kind: 'reply', requestId: 'r', ok: true })).paths, ['/kind']);
    });
  });
});

describe('#errorMessageFor', () => {
  it('turns a refused host message into a valid, bounded error message for the host', () => {
    const huge = { kind: 'state', snapshot: { run: {}, candidates: Array.from({ length: 60 }, () => ({})), bundle: null, approvals: [] } };
    const refused = parseHostMessage(huge);
    assert.equal(refused.ok, false);
    if (refused.ok) return;
    const message = errorMessageFor(refused.error);
    assert.equal(message.refusedKind, 'state');
    assert.ok(message.issues.length <= LIMITS.issues);
    assert.ok(parseWebviewMessage(message).ok);
  });
});

describe('#parsePersistedPanelState', () => {
  it('accepts what the panel saves', () => {
    const saved = { v: 1, filters: { roles: ['verifier'], actionTypes: ['error'] }, timeline: { scrollTop: 1200, followTail: false }, snapshot: snapshot() };
    assert.ok(parsePersistedPanelState(saved).ok);
  });
  it('refuses state saved by another version', () => {
    const { paths, error } = issuesOf(parsePersistedPanelState({ v: 2, filters: { roles: [] }, timeline: { scrollTop: 0, followTail: true }, snapshot: null }));
    assert.deepEqual(new Set(paths), new Set(['/v', '/filters/actionTypes']));
    assert.equal(error.direction, 'persistedState');
  });
});
