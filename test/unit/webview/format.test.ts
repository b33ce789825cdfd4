import { strict as assert } from 'node:assert';
import { ACTION_TYPES, CANDIDATE_VERDICTS, HIGH_IMPACT_ACTIONS } from '../../../src/webview/protocol';
import { actionTypeIcon, approvalActionLook, shortAgent, formatClock, formatCount, formatDuration, formatUsd, humanize, runLook, shortDigest, verdictLook } from '../../../src/webview/format';
import { canPush, checkedFor, facetOptions, facetsOf, filterEvents, filterFor, roleOf } from '../../../src/webview/selectors';
import { approval, events, snapshot, TRACE_ID } from './fixtures';

describe('format', () => {
  it('#formatDuration picks a unit a person reads at a glance', () => {
    assert.deepEqual([850, 3280, 245_000, 7_380_000, -1].map(formatDuration), ['850 ms', '3.3 s', '4 min 05 s', '2 h 03 min', '—']);
  });
  it('#formatUsd keeps small amounts visible', () => {
    assert.deepEqual([0, 0.0042, 12.345].map(formatUsd), ['$0.00', '$0.0042', '$12.35']);
  });
  it('#formatCount groups thousands', () => {
    assert.equal(formatCount(1234567), '1,234,567');
  });
  it('#formatClock shows the UTC time of the log with milliseconds', () => {
    assert.equal(formatClock('2026-11-23T15:32:39.616631Z'), '15:32:39.616');
    assert.equal(formatClock('2026-11-23T15:32:39Z'), '15:32:39.000');
    assert.equal(formatClock('garbage'), 'garbage');
  });
  it('#shortAgent shortens long hex instance ids only', () => {
    assert.deepEqual(['implementer:9e377a1b2c3d', 'orchestrator:session', 'reviewer:1', 'solo'].map(shortAgent), ['implementer:9e37', 'orchestrator:session', 'reviewer:1', 'solo']);
  });
  it('#shortDigest keeps the algorithm', () => {
    assert.equal(shortDigest(`sha256:${'ab'.repeat(32)}`, 8), 'sha256:abababab…');
  });
  it('#humanize', () => {
    assert.deepEqual(['no_fix', 'still-failing', 'released'].map(humanize), ['No fix', 'Still failing', 'Released']);
  });
  it('has an icon for every action type, verdict and high-impact action', () => {
    for (const t of ACTION_TYPES) assert.match(actionTypeIcon(t), /^[a-z-]+$/);
    for (const v of CANDIDATE_VERDICTS) assert.match(verdictLook(v).icon, /^[a-z-]+$/);
    for (const a of HIGH_IMPACT_ACTIONS) assert.match(approvalActionLook(a).icon, /^[a-z-]+$/);
  });
  it('#runLook spins only while running', () => {
    assert.equal(runLook('running', 'verifying').spin, true);
    assert.equal(runLook('done', 'released').tone, 'ok');
    assert.equal(runLook('idle', null).spin, false);
  });
});

describe('selectors', () => {
  const all = events(120);
  it('#roleOf takes the part before the colon', () => {
    assert.deepEqual(['verifier:2', 'orchestrator:session', 'solo'].map(roleOf), ['verifier', 'orchestrator', 'solo']);
  });
  it('#filterEvents returns the same list when no filter is set', () => {
    assert.equal(filterEvents(all, { roles: [], actionTypes: [] }), all);
  });
  it('#filterEvents combines role and action type filters', () => {
    const shown = filterEvents(all, { roles: ['verifier'], actionTypes: ['tool_result', 'verification'] });
    assert.ok(shown.length > 0);
    assert.ok(shown.every((e) => roleOf(e.agent_id) === 'verifier' && (e.action_type === 'tool_result' || e.action_type === 'verification')));
    assert.equal(shown.length, all.filter((e) => e.agent_id.startsWith('verifier:') && ['tool_result', 'verification'].includes(e.action_type)).length);
  });
  it('#facetsOf lists the roles and action types present, sorted', () => {
    const f = facetsOf(all);
    assert.deepEqual(f.roles, ['implementer', 'orchestrator', 'planner', 'reviewer', 'verifier']);
    assert.ok(f.actionTypes.includes('tool_call'));
  });
  describe('facet pickers', () => {
    const options = ['planner', 'reviewer', 'verifier'];
    it('#facetOptions keeps a selected value that has not been seen yet', () => {
      assert.deepEqual(facetOptions(['verifier', 'planner'], ['release_captain']), ['planner', 'release_captain', 'verifier']);
    });
    it('#checkedFor shows an empty filter as everything checked', () => {
      assert.deepEqual(checkedFor([], options), options);
      assert.deepEqual(checkedFor(['reviewer'], options), ['reviewer']);
    });
    it('#filterFor maps all or nothing checked to no filter, anything else to that list', () => {
      assert.deepEqual(filterFor(options, options), []);
      assert.deepEqual(filterFor([], options), []);
      assert.deepEqual(filterFor(['verifier', 'planner'], options), ['planner', 'verifier']);
    });
  });

  describe('#canPush', () => {
    it('is false while a push of the trace waits for approval', () => {
      assert.equal(canPush(snapshot()), false);
    });
    it('is true for a released, successful bundle with no pending push', () => {
      assert.equal(canPush(snapshot({ approvals: [approval({ status: 'denied' })] })), true);
    });
    it('is false without a bundle, for a failed outcome, or during a run', () => {
      assert.equal(canPush(snapshot({ bundle: null, approvals: [] })), false);
      assert.equal(canPush(snapshot({ approvals: [], bundle: { ...snapshot().bundle!, outcome: 'rejected' } })), false);
      assert.equal(canPush(snapshot({ approvals: [], run: { status: 'running', traceId: TRACE_ID, sessionState: 'verifying', progress: '' } })), false);
    });
  });
});
