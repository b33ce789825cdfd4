/** Hand-made events shaped like the runtime's (see a real agent_events.jsonl for the originals). */
import type { ActionType, FabricEvent } from '../../../src/runtime/events/types';

export const TRACE = '29b968b2-abb1-41ca-b4a5-6800d424911b';
export const BASE = '67bf011fa8eef36668a5246009272726d2a77de1';
export const COMMIT = '28711887359cae864ac2932c7d50c51e647c9ead';

export function event(seq: number, agent_id: string, action_type: ActionType, payload: Record<string, unknown>, extra: Partial<FabricEvent> = {}): FabricEvent {
  return {
    v: 1,
    seq,
    timestamp: `2026-01-01T00:00:${String(seq % 60).padStart(2, '0')}.000000Z`,
    trace_id: TRACE,
    session_id: 's',
    task_id: `${TRACE}:fix`,
    tenant_id: 'repo:x',
    agent_id,
    action_type,
    payload,
    prev_hash: `sha256:${'0'.repeat(64)}`,
    hash: `sha256:${String(seq).padStart(64, '0')}`,
    ...extra,
  };
}

/** A short successful run: snapshot, two candidates (one verified), review, release. */
export function successfulRun(): FabricEvent[] {
  const c1 = { id: 'fe727cfa14a1', operator: 'comparison-flip', file: 'lib/truncate.js', line: 9, score: 0.7632, description: 'lib/truncate.js:9 `<` → `<=`' };
  const c2 = { id: '1a85a9b94bf5', operator: 'arithmetic-swap', file: 'lib/truncate.js', line: 10, score: 0.7208, description: 'lib/truncate.js:10 `-` → `+`' };
  const c3 = { id: '4c895d1aa1a3', operator: 'arithmetic-swap', file: 'lib/truncate.js', line: 11, score: 0.7, description: 'never tried' };
  return [
    event(0, 'orchestrator:run', 'thought', { kind: 'run_started', sandbox: 'bwrap' }),
    event(1, 'operator:intake', 'tool_result', { base: BASE, head: BASE, dirty: false, branch: 'main' }, { capability_id: 'git.snapshot' }),
    event(2, 'orchestrator:session', 'state_transition', { from: 'intake', to: 'baseline', signal: 'start' }),
    event(3, 'implementer:1', 'thought', { kind: 'candidates_proposed', provider: 'offline', count: 3, candidates: [c1, c2, c3] }),
    event(4, 'orchestrator:session', 'state_transition', { from: 'implementing', to: 'verifying' }),
    event(5, 'implementer:fe727cfa14a1', 'file_edit', { candidate: c1.id, file: c1.file, line: 9, description: c1.description, edit: { start: 13, end: 14, replacement: '<=' } }),
    event(6, 'implementer:1a85a9b94bf5', 'file_edit', { candidate: c2.id, file: c2.file, line: 10, description: c2.description, edit: { start: 20, end: 21, replacement: '+' } }),
    event(7, 'verifier:1a85a9b94bf5', 'verification', { ...c2, verdict: 'still-failing', detail: 'failing tests still fail' }),
    event(8, 'verifier:fe727cfa14a1', 'verification', { ...c1, verdict: 'verified', detail: 'fixed 1 test(s), whole suite passes' }),
    event(9, 'reviewer:1', 'verification', { kind: 'review', candidate: c1.id, verdict: 'approve', findings: [] }),
    event(10, 'orchestrator:session', 'state_transition', { from: 'releasing', to: 'released' }),
    event(11, 'orchestrator:1', 'thought', { kind: 'run_finished', outcome: 'success', branch: 'fabric/x-29b968b2', commit: COMMIT, reason: null }),
  ];
}
