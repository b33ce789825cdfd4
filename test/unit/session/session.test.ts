import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import {
  REVISE_SIGNAL_TYPES,
  SESSION_STATES,
  SIGNAL_TYPES,
  Session,
  TERMINAL_STATES,
  legalTransitions,
  type SessionSignal,
  type SessionState,
  type SessionTransitionEvent,
  type SignalType,
} from '../../../src/runtime/session';

function recorder(): { events: SessionTransitionEvent[]; emit: (e: SessionTransitionEvent) => { seq: number } } {
  const events: SessionTransitionEvent[] = [];
  return { events, emit: (e) => (events.push(e), { seq: events.length - 1 }) };
}

/** Shortest signal path from `intake` to every state, found by walking the table (BFS). */
function pathsToStates(): Map<SessionState, SignalType[]> {
  const paths = new Map<SessionState, SignalType[]>([['intake', []]]);
  const queue: SessionState[] = ['intake'];
  while (queue.length > 0) {
    const state = queue.shift() as SessionState;
    for (const t of legalTransitions().filter((x) => x.from === state)) {
      if (!paths.has(t.to)) {
        paths.set(t.to, [...(paths.get(state) as SignalType[]), t.signal]);
        queue.push(t.to);
      }
    }
  }
  return paths;
}

function sessionAt(state: SessionState, maxRevisions = 3): { session: Session; events: SessionTransitionEvent[] } {
  const rec = recorder();
  const session = new Session({ maxRevisions, emit: rec.emit });
  for (const type of pathsToStates().get(state) as SignalType[]) session.send({ type } as SessionSignal);
  assert.equal(session.state, state);
  rec.events.length = 0;
  return { session, events: rec.events };
}

function expectCode(fn: () => unknown, code: 'SESSION_ILLEGAL_TRANSITION' | 'SESSION_REVISION_LIMIT' | 'USAGE_INVALID'): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    assert.ok(isFabricError(e, code), `expected ${code}, got ${String(e)}`);
    return e.data ?? {};
  }
  assert.fail(`expected ${code}, nothing thrown`);
}

describe('#legalTransitions', () => {
  describe('when listed', () => {
    it('is exactly the designed table (error and abort from every active state)', () => {
      const rows = legalTransitions().map((t) => `${t.from} --${t.signal}--> ${t.to}${t.revise ? ` (exhausted: ${t.revise.exhausted})` : ''}`);
      const active = SESSION_STATES.filter((s) => !(TERMINAL_STATES as readonly string[]).includes(s));
      const expected = [
        'intake --start--> baseline',
        'baseline --baseline_failing--> localizing',
        'baseline --baseline_passing--> no_fix',
        'localizing --localized--> planning',
        'planning --planned--> implementing',
        'implementing --candidates_ready--> verifying',
        'implementing --no_candidates--> planning (exhausted: no_fix)',
        'verifying --verified--> reviewing',
        'verifying --none_verified--> planning (exhausted: no_fix)',
        'reviewing --review_passed--> compiling',
        'reviewing --review_revise--> planning (exhausted: rejected)',
        'reviewing --review_rejected--> rejected',
        'compiling --compiled--> releasing',
        'compiling --nondeterministic--> rejected',
        'compiling --policy_denied--> rejected',
        'releasing --policy_denied--> rejected',
        'releasing --released--> released',
        ...active.map((s) => `${s} --error--> failed`),
        ...active.map((s) => `${s} --abort--> aborted`),
      ];
      assert.deepEqual([...rows].sort(), [...expected].sort());
    });
    it('has at most one move per (state, signal) and reaches every state from intake', () => {
      const keys = legalTransitions().map((t) => `${t.from}/${t.signal}`);
      assert.equal(new Set(keys).size, keys.length);
      assert.deepEqual([...pathsToStates().keys()].sort(), [...SESSION_STATES].sort());
    });
    it('marks exactly the revise signals as revise rows', () => {
      const revise = new Set(legalTransitions().filter((t) => t.revise).map((t) => t.signal));
      assert.deepEqual([...revise].sort(), [...REVISE_SIGNAL_TYPES].sort());
    });
    it('returns copies that cannot change the table', () => {
      const first = legalTransitions();
      first[0].to = 'released';
      assert.equal(legalTransitions()[0].to, 'baseline');
    });
  });
});

describe('#send', () => {
  describe('when every (state, signal) pair is tried', () => {
    const table = legalTransitions();
    for (const state of SESSION_STATES) {
      for (const type of SIGNAL_TYPES) {
        const legal = table.find((t) => t.from === state && t.signal === type);
        it(`${legal ? 'moves' : 'refuses'} ${state} on ${type}${legal ? ` to ${legal.to}` : ''}`, () => {
          const { session, events } = sessionAt(state);
          const before = session.history.length;
          if (legal) {
            assert.equal(session.send({ type, reason: 'r' } as SessionSignal), legal.to);
            assert.equal(session.state, legal.to);
            assert.equal(events.length, 1);
            assert.deepEqual(events[0].payload, { from: state, to: legal.to, signal: type, reason: 'r', revision: session.revisions });
          } else {
            const data = expectCode(() => session.send({ type } as SessionSignal), 'SESSION_ILLEGAL_TRANSITION');
            assert.deepEqual(data, { from: state, signal: type });
            assert.equal(session.state, state);
            assert.equal(events.length, 0);
            assert.equal(session.history.length, before);
          }
        });
      }
    }
  });

  describe('when the session is terminal', () => {
    for (const state of TERMINAL_STATES) {
      it(`accepts no signal in ${state}`, () => {
        const { session, events } = sessionAt(state);
        assert.equal(session.isTerminal, true);
        for (const type of SIGNAL_TYPES) expectCode(() => session.send({ type } as SessionSignal), 'SESSION_ILLEGAL_TRANSITION');
        assert.equal(events.length, 0);
      });
    }
  });

  describe('when a transition is emitted', () => {
    it('records one state_transition event per move and keeps the seq in history', () => {
      const rec = recorder();
      const session = new Session({ maxRevisions: 1, emit: rec.emit, agentId: 'orchestrator:t1' });
      session.send({ type: 'start' });
      session.send({ type: 'baseline_failing', reason: '2 failing' });
      assert.deepEqual(rec.events, [
        { agent_id: 'orchestrator:t1', action_type: 'state_transition', payload: { from: 'intake', to: 'baseline', signal: 'start', revision: 0 } },
        {
          agent_id: 'orchestrator:t1',
          action_type: 'state_transition',
          payload: { from: 'baseline', to: 'localizing', signal: 'baseline_failing', reason: '2 failing', revision: 0 },
        },
      ]);
      assert.deepEqual(session.history, [
        { from: 'intake', to: 'baseline', signal: 'start', revision: 0, seq: 0 },
        { from: 'baseline', to: 'localizing', signal: 'baseline_failing', reason: '2 failing', revision: 0, seq: 1 },
      ]);
      assert.equal(session.isTerminal, false);
    });
    it('leaves the state unchanged when emit throws', () => {
      const session = new Session({
        maxRevisions: 0,
        emit: () => {
          throw new Error('disk full');
        },
      });
      assert.throws(() => session.send({ type: 'start' }), /disk full/);
      assert.equal(session.state, 'intake');
      assert.deepEqual(session.history, []);
    });
  });

  describe('when the revise loop runs', () => {
    it('goes back to planning maxRevisions times, then ends in no_fix', () => {
      const { session } = sessionAt('verifying', 2);
      const seen: SessionState[] = [];
      for (let i = 0; i < 10 && !session.isTerminal; i++) {
        seen.push(session.send({ type: 'none_verified' }));
        if (session.state === 'planning') {
          session.send({ type: 'planned' });
          session.send({ type: 'candidates_ready' });
        }
      }
      assert.deepEqual(seen, ['planning', 'planning', 'no_fix']);
      assert.equal(session.revisions, 2);
    });
    it('routes an exhausted review_revise to rejected and shares the bound with other revise signals', () => {
      const { session } = sessionAt('implementing', 1);
      assert.equal(session.send({ type: 'no_candidates' }), 'planning');
      session.send({ type: 'planned' });
      session.send({ type: 'candidates_ready' });
      session.send({ type: 'verified' });
      assert.equal(session.send({ type: 'review_revise', reason: 'scope' }), 'rejected');
      assert.equal(session.revisions, 1);
    });
    it('terminates from intake even when every revise signal is always chosen', () => {
      for (const maxRevisions of [0, 1, 3]) {
        const session = new Session({ maxRevisions, emit: () => ({ seq: 0 }) });
        let steps = 0;
        while (!session.isTerminal) {
          const moves = legalTransitions().filter((t) => t.from === session.state && t.signal !== 'error' && t.signal !== 'abort');
          const pick = moves.find((t) => t.revise) ?? moves[0];
          session.send({ type: pick.signal } as SessionSignal);
          steps += 1;
          assert.ok(steps < 100, 'revise loop did not terminate');
        }
        assert.equal(session.revisions, maxRevisions);
      }
    });
    it('with maxRevisions 0 never revises', () => {
      const { session } = sessionAt('implementing', 0);
      assert.equal(session.send({ type: 'no_candidates' }), 'no_fix');
      assert.equal(session.revisions, 0);
    });
  });

  describe('when a caller forces a revise past the bound', () => {
    it('throws SESSION_REVISION_LIMIT, emits nothing and stays put', () => {
      const { session, events } = sessionAt('reviewing', 0);
      const data = expectCode(() => session.send({ type: 'review_revise', onLimit: 'throw' }), 'SESSION_REVISION_LIMIT');
      assert.deepEqual(data, { from: 'reviewing', signal: 'review_revise', revisions: 0, maxRevisions: 0 });
      assert.equal(session.state, 'reviewing');
      assert.equal(events.length, 0);
    });
    it('still revises while rounds remain', () => {
      const { session } = sessionAt('reviewing', 1);
      assert.equal(session.send({ type: 'review_revise', onLimit: 'throw' }), 'planning');
    });
  });
});

describe('#constructor', () => {
  describe('when maxRevisions is not a non-negative integer', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`refuses ${bad}`, () => {
        expectCode(() => new Session({ maxRevisions: bad, emit: () => ({ seq: 0 }) }), 'USAGE_INVALID');
      });
    }
  });
});
