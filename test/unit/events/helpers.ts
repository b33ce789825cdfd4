import { makeTempDir } from '../../helpers/tmp';
import type { Clock } from '../../../src/runtime/context';
import { EventLog, type EventIds } from '../../../src/runtime/events';

export const IDS: EventIds = { trace_id: 'trace-0001', session_id: 'session-0001', tenant_id: 'tenant-acme' };

/** A clock at a fixed wall time whose monotonic time advances `stepMs` on every read. */
export function steppingClock(stepMs: number, start = '2026-11-23T15:07:29.123Z'): Clock {
  let mono = 1000;
  return {
    now: () => new Date(start),
    monotonicMs: () => {
      const t = mono;
      mono += stepMs;
      return t;
    },
  };
}

/** A temp folder per test file; call `cleanup` in `after`. */
export function tempRoot(): { path: string; cleanup: () => void } {
  return makeTempDir('fabric-events-');
}

/** A log with a few typical events, closed; returns its folder. */
export function writeSmallLog(dir: string, withBlob = false): { log: EventLog } {
  const log = EventLog.create(dir, IDS, { clock: steppingClock(0.25), defaultTaskId: 'task-1' });
  const call = log.append({ agent_id: 'planner:0', action_type: 'tool_call', capability_id: 'fs.read', payload: { path: 'src/a.ts' } });
  const ref = withBlob ? log.putBlob('tool output that is kept as evidence\n') : undefined;
  log.append({ agent_id: 'planner:0', action_type: 'tool_result', payload: { ok: true, bytes: 12 }, cause: call.seq, evidence_ref: ref });
  log.append({ agent_id: 'verifier:1', action_type: 'verification', payload: { passed: ['t1'], failed: [] } });
  log.close();
  return { log };
}
