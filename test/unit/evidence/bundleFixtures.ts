import { sha256Digest } from '../../../src/runtime/util/digest';
import type { UnsignedBundle } from '../../../src/runtime/evidence/types';

export const DIFF_DIGEST = sha256Digest('diff --git a/src/sum.js b/src/sum.js\n-  return a - b;\n+  return a + b;\n');
export const HEAD_HASH = sha256Digest('event 41');

export function unsignedBundle(): UnsignedBundle {
  return {
    schema_version: 'fabric.evidence/v1',
    trace_id: '0f6c1c2e9a8b4d7e',
    tenant_id: 'github.com/example/calc',
    goal: 'Fix failing test "sum adds" — ünïcode ✓',
    outcome: 'success',
    base_commit: '1'.repeat(40),
    commit: 'a'.repeat(40),
    branch: 'fabric/fix-sum-0f6c1c2e',
    environment: { TZ: 'UTC', LANG: 'C.UTF-8', SOURCE_DATE_EPOCH: '1700000000', runner: 'bwrap' },
    phases: {
      explore: {
        attempts: 3,
        trace_ref: 'agent_events.jsonl',
        candidates: [
          { id: 'c1', operator: 'swap-operator', verdict: 'accepted', score: 0.97 },
          { id: 'c2', operator: 'model', verdict: 'regression', score: 0.4 },
        ],
      },
      compile: {
        verified_diff_sha: DIFF_DIGEST,
        tests_passed: ['sum adds', 'sum is commutative'],
        static_checks: ['eslint', 'tsc'],
        reproducibility_hash: sha256Digest('run twice'),
      },
    },
    regression_score: 0,
    policy_decisions: { allowed: 17, denied: 2, decisions_digest: sha256Digest('decisions') },
    cost: { wall_ms: 12345, tokens: 2048, usd: 0.0125, by_role: { implementer: { wall_ms: 9000, tokens: 2048, usd: 0.0125 } } },
    event_log: { head_hash: HEAD_HASH, count: 42 },
  };
}
