import { strict as assert } from 'node:assert';
import { ACTION_TYPES, GENESIS_HASH, validateEvent } from '../../../src/runtime/events';

const good = {
  v: 1,
  seq: 0,
  timestamp: '2026-11-23T15:07:29.123456Z',
  trace_id: 't',
  session_id: 's',
  task_id: 'k',
  tenant_id: 'n',
  agent_id: 'planner:0',
  action_type: 'thought',
  payload: {},
  prev_hash: GENESIS_HASH,
  hash: GENESIS_HASH,
};

describe('#validateEvent', () => {
  describe('when the event is well formed', () => {
    it('returns no errors for every action type', () => {
      for (const action_type of ACTION_TYPES) assert.deepEqual(validateEvent({ ...good, action_type, cause: 0, capability_id: 'c', evidence_ref: GENESIS_HASH }), []);
    });
  });

  describe('when several fields are bad', () => {
    it('returns every bad field path', () => {
      const { trace_id: _dropped, ...rest } = good;
      const bad = { ...rest, timestamp: '2026-11-23T15:07:29.123Z', agent_id: 'planner', payload: [], evidence_ref: 'sha256:XYZ', cause: -1, extra: 1 };
      assert.deepEqual(validateEvent(bad).sort(), ['agent_id', 'cause', 'evidence_ref', 'extra', 'payload', 'timestamp', 'trace_id']);
    });

    it('names the root when the value is not an object', () => {
      assert.deepEqual(validateEvent('nope'), ['(root)']);
    });
  });
});
