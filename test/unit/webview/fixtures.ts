/**
 * Realistic panel data, shaped like a real `fabric explore` run (roles, capabilities, payload
 * summaries): used by the unit tests and by the webview harness (test/e2e/webview-harness/).
 */
import type { ActionType, ApprovalView, BundleSummary, CandidateView, TimelineEvent, ViewSnapshot } from '../../../src/webview/protocol';

export const TRACE_ID = '266b006a-c9ca-41aa-aa5b-9ceee7541ff5';
export const COMMIT = 'b30cfdd6f98a67ce688e923eae9040c77d217130';
export const BRANCH = 'fabric/truncate-test-fails-266b006a';
export const ARGS_DIGEST = 'sha256:5d41402abc4b2a76b9719d911017c592ae2f8c3d9f0e1b2a3c4d5e6f70819a2b';

export function candidates(): CandidateView[] {
  return [
    { id: 'fe727cfa14a1', operator: 'comparison-flip', description: 'lib/truncate.js:9 `text.length < max` → `text.length <= max`', file: 'lib/truncate.js', line: 9, score: 1, verdict: 'verified', winner: true },
    { id: '1a85a9b94bf5', operator: 'arithmetic-swap', description: 'lib/truncate.js:10 `max - ellipsis.length` → `max + ellipsis.length`', file: 'lib/truncate.js', line: 10, score: 0.13, verdict: 'still-failing', detail: 'failing tests still fail' },
    { id: '4c895d1aa1a3', operator: 'arithmetic-swap', description: 'lib/truncate.js:11 `text.slice(0, keep) + ellipsis` → `text.slice(0, keep) - ellipsis`', file: 'lib/truncate.js', line: 11, score: 0, verdict: 'regression', detail: '2 previously passing tests now fail: truncate cuts long text and adds an ellipsis; truncate supports a custom ellipsis' },
    { id: '9fcab61f34fe', operator: 'boundary-shift', description: 'lib/truncate.js:10 `Math.max(0, …)` → `Math.max(1, …)`', file: 'lib/truncate.js', line: 10, score: 0, verdict: 'timeout', detail: 'test run exceeded 8 s' },
    { id: '0b3e1c77d2aa', operator: 'guard-insert', description: 'lib/index.js:3 add `if (max < 0) return text`', file: 'lib/index.js', line: 3, score: 0, verdict: 'not-run' },
  ];
}

export function bundle(): BundleSummary {
  return {
    trace_id: TRACE_ID,
    outcome: 'success',
    branch: BRANCH,
    commit: COMMIT,
    signatures: [
      { role: 'verifier', keyid: 'SHA256:NIsc0Vm0U8yZK5g8Jmpz6V/O9X/JEjHetpdi6spssWY', ok: true },
      { role: 'policy_engine', keyid: 'SHA256:i48Y455VHWbHlQcMK47bDvIk6oUVzeCUd0qqyMmx8cI', ok: true },
    ],
    checks: [
      { name: 'schema', ok: true, message: 'bundle matches fabric.evidence/v1' },
      { name: 'signature.verifier', ok: true, message: 'Good signature by the verifier key' },
      { name: 'signature.policy_engine', ok: true, message: 'Good signature by the policy-engine key' },
      { name: 'diff_digest', ok: true, message: 'commit diff matches verified_diff_sha' },
      { name: 'event_log', ok: true, message: '123 events, chain intact, head matches' },
    ],
    cost: { wall_ms: 3280, tokens: 0, usd: 0 },
  };
}

export function approval(overrides: Partial<ApprovalView> = {}): ApprovalView {
  return {
    id: 'appr-1',
    traceId: TRACE_ID,
    action: 'push',
    branch: BRANCH,
    remote: 'origin',
    commit: COMMIT,
    argsDigest: ARGS_DIGEST,
    summary: `Push for trace ${TRACE_ID} with {"branch":"${BRANCH}","commit":"${COMMIT}","notes":"refs/notes/fabric","remote":"origin"}`,
    status: 'pending',
    expiresAt: '2026-11-23T16:02:41Z',
    ...overrides,
  };
}

export function snapshot(overrides: Partial<ViewSnapshot> = {}): ViewSnapshot {
  return {
    run: { status: 'done', traceId: TRACE_ID, sessionState: 'released', progress: 'Signed branch ready; push waits for your approval.', goal: 'truncate test fails' },
    candidates: candidates(),
    bundle: bundle(),
    approvals: [approval(), approval({ id: 'appr-0', status: 'denied', reason: 'wrong remote', remote: 'upstream' })],
    ...overrides,
  };
}

const CYCLE: { agent: (n: number) => string; type: ActionType; capability?: string; summary: (n: number) => string }[] = [
  { agent: (n) => `implementer:${hex(n)}`, type: 'policy_decision', capability: 'workspace.create', summary: () => 'allow workspace.create (policy default.cedar#permit-workspace)' },
  { agent: (n) => `implementer:${hex(n)}`, type: 'tool_call', capability: 'workspace.create', summary: (n) => `workspace.create candidate-${hex(n)}` },
  { agent: (n) => `implementer:${hex(n)}`, type: 'tool_result', capability: 'workspace.create', summary: (n) => `{"workspace":"candidate-${hex(n)}"}` },
  { agent: (n) => `implementer:${hex(n)}`, type: 'file_edit', summary: (n) => `lib/truncate.js:${9 + (n % 5)} \`text.length < max\` → \`text.length <= max\`` },
  { agent: (n) => `verifier:${hex(n)}`, type: 'policy_decision', capability: 'sandbox.exec', summary: () => 'allow sandbox.exec (bwrap, network none)' },
  { agent: (n) => `verifier:${hex(n)}`, type: 'tool_call', capability: 'sandbox.exec', summary: () => 'sandbox.exec npm test (timeout 8000 ms)' },
  { agent: (n) => `verifier:${hex(n)}`, type: 'tool_result', capability: 'sandbox.exec', summary: (n) => `exit ${n % 3 === 0 ? 0 : 1} · pass ${7 - (n % 3)} fail ${n % 3} · ${120 + (n % 90)} ms` },
  { agent: (n) => `verifier:${hex(n)}`, type: 'verification', summary: (n) => (n % 3 === 0 ? 'verified: all tests pass, regression score 0' : 'still-failing: failing tests still fail') },
  { agent: () => 'orchestrator:session', type: 'budget', summary: (n) => `used ${1400 + n} ms of 1200000 ms` },
  { agent: () => 'reviewer:1', type: 'thought', summary: () => 'review: scope ok, tests untouched, no secrets, dependencies unchanged' },
  { agent: () => 'planner:1', type: 'plan_update', summary: () => 'write scope: lib/truncate.js, lib/index.js, lib/slugify.js' },
  { agent: () => 'orchestrator:session', type: 'state_transition', summary: () => 'verifying → reviewing (1 verified candidate)' },
];

function hex(n: number): string {
  return ((n * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(0, 8) + 'a1b2';
}

/** `count` events of trace {@link TRACE_ID} from `fromSeq`, one second of run time per 1,000. */
export function events(count: number, fromSeq = 0): TimelineEvent[] {
  const start = Date.UTC(2026, 10, 23, 15, 32, 39, 616);
  return Array.from({ length: count }, (_, i) => {
    const seq = fromSeq + i;
    const kind = CYCLE[seq % CYCLE.length];
    const micros = String(seq % 1000).padStart(3, '0');
    const e: TimelineEvent = {
      seq,
      timestamp: new Date(start + seq).toISOString().replace('Z', `${micros}Z`),
      agent_id: kind.agent(Math.floor(seq / CYCLE.length)),
      action_type: seq % 997 === 996 ? 'error' : kind.type,
      summary: seq % 997 === 996 ? 'SANDBOX_SPAWN_FAILED: bwrap exited 1 (retrying once)' : kind.summary(Math.floor(seq / CYCLE.length)),
    };
    if (kind.capability !== undefined) e.capability_id = kind.capability;
    return e;
  });
}
