import { strict as assert } from 'node:assert';
import { HostState, type TimelineUpdate } from '../../../src/editor/hostState';
import { RunModel } from '../../../src/editor/runModel';
import { summarizeEvent } from '../../../src/editor/timelineEvent';
import { ACTION_TYPES } from '../../../src/runtime/events/types';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { LIMITS, parseHostMessage } from '../../../src/webview/protocol';
import { BASE, COMMIT, TRACE, event, successfulRun } from './events.fixture';

function result(outcome: FixResult['outcome'], extra: Partial<FixResult> = {}): FixResult {
  return {
    trace_id: TRACE,
    outcome,
    base_commit: BASE,
    events_path: '/x/agent_events.jsonl',
    trace_dir: '/x',
    candidates_tried: 2,
    candidates_verified: 1,
    tests: { baseline_failing: [], fixed: [], passing_after: 0 },
    sandbox: 'bwrap',
    duration_ms: 10,
    ...extra,
  };
}

const success = () => result('success', { branch: 'fabric/x-29b968b2', commit: COMMIT, fix: { id: 'fe727cfa14a1', operator: 'comparison-flip', description: 'd', file: 'lib/truncate.js', patch: '' } });

describe('#RunModel', () => {
  describe('when a successful run is folded in', () => {
    const model = RunModel.starting('truncate cuts text');
    for (const e of successfulRun()) model.applyEvent(e);
    model.finish(success());

    it('follows the session state and the base commit', () => {
      assert.equal(model.sessionState, 'released');
      assert.equal(model.baseCommit, BASE);
      assert.equal(model.runView().status, 'done');
    });
    it('lists the winner first, then by verdict, and marks candidates never tried as not-run', () => {
      const views = model.candidateViews();
      assert.deepEqual(
        views.map((c) => [c.id, c.verdict, c.winner === true]),
        [
          ['fe727cfa14a1', 'verified', true],
          ['1a85a9b94bf5', 'still-failing', false],
          ['4c895d1aa1a3', 'not-run', false],
        ],
      );
    });
    it('keeps the recorded edit of each applied candidate', () => {
      assert.deepEqual(model.editOf('1a85a9b94bf5'), { file: 'lib/truncate.js', start: 20, end: 21, replacement: '+' });
      assert.equal(model.editOf('4c895d1aa1a3'), undefined);
    });
    it('produces a snapshot and timeline the panel protocol accepts', () => {
      const snapshot = { run: model.runView(), candidates: model.candidateViews(), bundle: null, approvals: [] };
      assert.equal(parseHostMessage({ kind: 'state', snapshot }).ok, true);
      assert.equal(parseHostMessage({ kind: 'events', traceId: TRACE, events: model.timeline, reset: true }).ok, true);
      assert.equal(model.timeline.length, successfulRun().length);
    });
  });

  describe('when an event arrives twice', () => {
    it('folds it once', () => {
      const model = new RunModel();
      const [first] = successfulRun();
      assert.ok(model.applyEvent(first));
      assert.equal(model.applyEvent(first), undefined);
      assert.equal(model.timeline.length, 1);
    });
  });

  describe('when review rejects the verified candidate', () => {
    it('marks it denied', () => {
      const model = new RunModel();
      for (const e of successfulRun().slice(0, 9)) model.applyEvent(e);
      model.applyEvent(event(9, 'reviewer:1', 'verification', { kind: 'review', candidate: 'fe727cfa14a1', verdict: 'reject', findings: [{}] }));
      assert.equal(model.candidate('fe727cfa14a1')?.verdict, 'denied');
    });
  });

  describe('when the run is cancelled', () => {
    it('goes running → cancelling → done/aborted', () => {
      const model = RunModel.starting('g');
      model.cancelling();
      assert.equal(model.runView().status, 'cancelling');
      model.finish(result('aborted', { reason: 'interrupted' }));
      assert.equal(model.runView().status, 'done');
      assert.equal(model.sessionState, 'aborted');
    });
  });

  describe('when the run fails before it starts', () => {
    it('shows the error code', () => {
      const model = RunModel.starting('g');
      model.fail({ code: 'WORKSPACE_NO_TESTS', message: 'no test command' });
      assert.equal(model.runView().error?.code, 'WORKSPACE_NO_TESTS');
      assert.equal(parseHostMessage({ kind: 'state', snapshot: { run: model.runView(), candidates: [], bundle: null, approvals: [] } }).ok, true);
    });
  });

  describe('#fromTrace', () => {
    it('rebuilds a finished run from its events and result', () => {
      const model = RunModel.fromTrace(TRACE, successfulRun(), success(), 'goal');
      assert.equal(model.traceId, TRACE);
      assert.equal(model.candidateViews()[0].winner, true);
    });
  });
});

describe('#summarizeEvent', () => {
  it('summarizes every action type within the protocol limit', () => {
    for (const action_type of ACTION_TYPES) {
      const text = summarizeEvent({ action_type, payload: { kind: 'x', message: 'y'.repeat(10_000), reason: 'z'.repeat(10_000) } });
      assert.equal(typeof text, 'string', action_type);
    }
    const huge = event(0, 'a:1', 'error', { code: 'INTERNAL', message: 'm'.repeat(10_000) });
    const model = new RunModel();
    const row = model.applyEvent(huge);
    assert.ok(row && row.summary.length <= LIMITS.text);
  });
});

describe('#HostState', () => {
  describe('when a run is set and events are appended', () => {
    it('resets the timeline once, then streams rows of that trace only', () => {
      const state = new HostState(() => 'id');
      const updates: TimelineUpdate[] = [];
      state.onTimeline((u) => updates.push(u));
      const model = RunModel.starting('g');
      model.attach(TRACE);
      state.setRun(model, '/repo');
      for (const e of successfulRun().slice(0, 3)) state.appendEvent(e);
      state.appendEvent(event(3, 'x:1', 'thought', { kind: 'k' }, { trace_id: 'another-trace' }));
      assert.deepEqual(
        updates.map((u) => [u.reset, u.rows.length]),
        [
          [true, 0],
          [false, 1],
          [false, 1],
          [false, 1],
        ],
      );
      assert.equal(state.fullTimeline()?.rows.length, 3);
    });
  });
});
