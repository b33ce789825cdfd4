import { strict as assert } from 'node:assert';
import { LIMITS, parsePersistedPanelState, type HostToWebview, type RequestMessage } from '../../../src/webview/protocol';
import { approvalSubject, createStore, initialState, isInFlight, pushSubject, reduce, toPersisted, type PanelAction, type PanelState } from '../../../src/webview/store';
import { approval, events, snapshot, TRACE_ID } from './fixtures';

const host = (message: HostToWebview): PanelAction => ({ type: 'hostMessage', message });
const sent = (request: RequestMessage): PanelAction => ({ type: 'requestSent', request, at: 1000 });
const run = (state: PanelState, ...actions: PanelAction[]): PanelState => actions.reduce(reduce, state);
const seqs = (state: PanelState): number[] => state.events.items.map((e) => e.seq);

describe('#reduce', () => {
  describe('when events arrive', () => {
    it('appends them in order', () => {
      const all = events(30);
      const state = run(initialState(), host({ kind: 'events', traceId: TRACE_ID, events: all.slice(0, 10) }), host({ kind: 'events', traceId: TRACE_ID, events: all.slice(10) }));
      assert.deepEqual(seqs(state), all.map((e) => e.seq));
      assert.equal(state.events.traceId, TRACE_ID);
      assert.equal(state.needsResync, false);
    });
    it('ignores events it already has (a resend is harmless)', () => {
      const all = events(10);
      const state = run(initialState(), host({ kind: 'events', traceId: TRACE_ID, events: all }), host({ kind: 'events', traceId: TRACE_ID, events: all.slice(5) }));
      assert.deepEqual(seqs(state), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
    it('returns the same state when nothing new arrived', () => {
      const state = run(initialState(), host({ kind: 'events', traceId: TRACE_ID, events: events(3) }));
      assert.equal(reduce(state, host({ kind: 'events', traceId: TRACE_ID, events: events(2) })), state);
    });
    it('replaces everything on reset', () => {
      const state = run(initialState(), host({ kind: 'events', traceId: TRACE_ID, events: events(20) }), host({ kind: 'events', traceId: TRACE_ID, events: events(3), reset: true }));
      assert.deepEqual(seqs(state), [0, 1, 2]);
    });
    it('starts over when the trace changes', () => {
      const state = run(initialState(), host({ kind: 'events', traceId: TRACE_ID, events: events(20) }), host({ kind: 'events', traceId: 'other-trace', events: events(2) }));
      assert.equal(state.events.traceId, 'other-trace');
      assert.deepEqual(seqs(state), [0, 1]);
    });
    it('asks for a resync after a gap in seq, and keeps what arrived', () => {
      const state = run(initialState(), host({ kind: 'events', traceId: TRACE_ID, events: events(5) }), host({ kind: 'events', traceId: TRACE_ID, events: events(3, 9) }));
      assert.equal(state.needsResync, true);
      assert.deepEqual(seqs(state), [0, 1, 2, 3, 4, 9, 10, 11]);
      const asked = reduce(state, { type: 'resyncRequested' });
      assert.equal(asked.needsResync, false);
      assert.equal(run(asked, host({ kind: 'events', traceId: TRACE_ID, events: events(12), reset: true })).needsResync, false);
    });
    it(`keeps at most ${LIMITS.eventsKept} events, dropping the oldest and counting them`, () => {
      let state = initialState();
      const batches = Math.ceil((LIMITS.eventsKept + 7000) / LIMITS.eventsPerMessage);
      for (let b = 0; b < batches; b++) state = reduce(state, host({ kind: 'events', traceId: TRACE_ID, events: events(LIMITS.eventsPerMessage, b * LIMITS.eventsPerMessage) }));
      const total = batches * LIMITS.eventsPerMessage;
      assert.equal(state.events.items.length, LIMITS.eventsKept);
      assert.equal(state.events.dropped, total - LIMITS.eventsKept);
      assert.equal(state.events.items[0].seq, total - LIMITS.eventsKept);
      assert.equal(state.needsResync, false);
    });
  });

  describe('when a state arrives', () => {
    it('replaces the snapshot (candidates, bundle, approvals)', () => {
      const first = run(initialState(), host({ kind: 'state', snapshot: snapshot() }));
      const candidates = snapshot().candidates.map((c) => ({ ...c, verdict: 'pending' as const }));
      const second = reduce(first, host({ kind: 'state', snapshot: snapshot({ candidates, bundle: null }) }));
      assert.deepEqual(second.snapshot?.candidates.map((c) => c.verdict), candidates.map(() => 'pending'));
      assert.equal(second.snapshot?.bundle, null);
    });
  });

  describe('when requests are made and answered', () => {
    const base = run(initialState(), host({ kind: 'state', snapshot: snapshot() }));
    const approve: RequestMessage = { kind: 'approve', requestId: 'r1', approvalId: 'appr-1' };
    const deny: RequestMessage = { kind: 'deny', requestId: 'r2', approvalId: 'appr-1', reason: 'not now' };

    it('marks the subject in flight until the reply', () => {
      const state = reduce(base, sent(approve));
      assert.ok(isInFlight(state, approvalSubject('appr-1')));
      assert.ok(!isInFlight(state, approvalSubject('appr-0')));
      const done = reduce(state, host({ kind: 'reply', requestId: 'r1', ok: true }));
      assert.ok(!isInFlight(done, approvalSubject('appr-1')));
    });
    it('shows an approved approval as approved once the reply says ok', () => {
      const state = run(base, sent(approve), host({ kind: 'reply', requestId: 'r1', ok: true }));
      assert.equal(state.snapshot?.approvals.find((a) => a.id === 'appr-1')?.status, 'approved');
    });
    it('shows a denied approval as denied and closes its form', () => {
      const state = run(base, { type: 'denyForm', approvalId: 'appr-1', open: true }, sent(deny), host({ kind: 'reply', requestId: 'r2', ok: true }));
      assert.equal(state.snapshot?.approvals.find((a) => a.id === 'appr-1')?.status, 'denied');
      assert.equal(state.denyOpen['appr-1'], undefined);
    });
    it('keeps the approval pending and records the failure when the reply is an error', () => {
      const state = run(base, sent(approve), host({ kind: 'reply', requestId: 'r1', ok: false, error: { code: 'APPROVAL_EXPIRED', message: 'too late' } }));
      assert.equal(state.snapshot?.approvals.find((a) => a.id === 'appr-1')?.status, 'pending');
      assert.equal(state.failures[approvalSubject('appr-1')]?.code, 'APPROVAL_EXPIRED');
      assert.ok(!isInFlight(state, approvalSubject('appr-1')));
    });
    it('clears a recorded failure when the subject is tried again', () => {
      const failed = run(base, sent(approve), host({ kind: 'reply', requestId: 'r1', ok: false, error: { code: 'X', message: 'y' } }));
      assert.equal(reduce(failed, sent({ ...approve, requestId: 'r3' })).failures[approvalSubject('appr-1')], undefined);
    });
    it('never resurrects a decided approval', () => {
      const expired = run(initialState(), host({ kind: 'state', snapshot: snapshot({ approvals: [approval({ status: 'expired' })] }) }));
      const state = run(expired, sent(approve), host({ kind: 'reply', requestId: 'r1', ok: true }));
      assert.equal(state.snapshot?.approvals[0].status, 'expired');
    });
    it('ignores a reply to a request it does not know', () => {
      assert.equal(reduce(base, host({ kind: 'reply', requestId: 'nobody', ok: true })), base);
    });
    it('gives up on a request that timed out, with REQUEST_TIMEOUT', () => {
      const push: RequestMessage = { kind: 'push', requestId: 'p1', traceId: TRACE_ID };
      const state = run(base, sent(push), { type: 'requestTimedOut', requestId: 'p1' });
      assert.ok(!isInFlight(state, pushSubject(TRACE_ID)));
      assert.equal(state.failures[pushSubject(TRACE_ID)]?.code, 'REQUEST_TIMEOUT');
      // A late reply changes nothing.
      assert.equal(reduce(state, host({ kind: 'reply', requestId: 'p1', ok: true })), state);
    });
  });

  describe('when the user filters and scrolls', () => {
    it('stores the filters', () => {
      const state = reduce(initialState(), { type: 'setFilters', filters: { roles: ['verifier'], actionTypes: ['error'] } });
      assert.deepEqual(state.filters, { roles: ['verifier'], actionTypes: ['error'] });
    });
    it('stores the scroll position and follow mode, and ignores a no-op', () => {
      const state = reduce(initialState(), { type: 'scrolled', scrollTop: 440, followTail: false });
      assert.deepEqual(state.timeline, { scrollTop: 440, followTail: false });
      assert.equal(reduce(state, { type: 'scrolled', scrollTop: 440, followTail: false }), state);
    });
  });
});

describe('#toPersisted / #initialState', () => {
  it('round-trips filters, scroll position and the snapshot through valid saved state', () => {
    const state = run(
      initialState(),
      host({ kind: 'state', snapshot: snapshot() }),
      host({ kind: 'events', traceId: TRACE_ID, events: events(10) }),
      { type: 'setFilters', filters: { roles: ['planner'], actionTypes: [] } },
      { type: 'scrolled', scrollTop: 66, followTail: false },
    );
    const saved = JSON.parse(JSON.stringify(toPersisted(state))) as unknown;
    const parsed = parsePersistedPanelState(saved);
    assert.ok(parsed.ok);
    const restored = initialState(parsed.value);
    assert.deepEqual(restored.filters, state.filters);
    assert.deepEqual(restored.timeline, state.timeline);
    assert.deepEqual(restored.snapshot, state.snapshot);
    // Events are not saved: the host resends them after `ready`.
    assert.equal(restored.events.items.length, 0);
  });
});

describe('#createStore', () => {
  it('notifies subscribers of changes only, with the previous state', () => {
    const store = createStore(initialState());
    const seen: [number, number][] = [];
    const off = store.subscribe((s, p) => seen.push([s.timeline.scrollTop, p.timeline.scrollTop]));
    store.dispatch({ type: 'scrolled', scrollTop: 10, followTail: false });
    store.dispatch({ type: 'scrolled', scrollTop: 10, followTail: false });
    off();
    store.dispatch({ type: 'scrolled', scrollTop: 20, followTail: false });
    assert.deepEqual(seen, [[10, 0]]);
    assert.equal(store.getState().timeline.scrollTop, 20);
  });
});
