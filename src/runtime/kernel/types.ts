/**
 * Types of the Gate (P2 runtime kernel): the single path for every tool call. The Gate writes
 * its decisions to the event log through a narrow sink and hands back typed errors.
 */
import type { CapabilityCatalog } from '../capabilities/types';
import type { PolicyEngine, PolicyRequest } from '../policy/types';
import type { RoleName } from '../policy/roles';
import type { Sha256Digest } from '../util/digest';

/** The event kinds the Gate writes. */
export type GateActionType = 'policy_decision' | 'tool_call' | 'tool_result' | 'approval_decision' | 'budget' | 'error';

/** What the Gate hands the event log; the log stamps seq, time, ids and hashes on append. */
export interface GateEventInput {
  /** `role:instance` of the lease. */
  agent_id: string;
  action_type: GateActionType;
  /** The capability concerned. */
  capability_id?: string;
  payload: Record<string, unknown>;
  /** Seq of the event this one answers. */
  cause?: number;
}

/** The part of the event log the Gate needs. */
export interface GateEventSink {
  /** Appends one event and returns its seq. */
  append(input: GateEventInput): { seq: number };
}

/** Verified claims of an approval token, plus why it is not valid when it is not. */
export interface ApprovalVerdict {
  /** Signature, binding to (action, args), expiry and single use verified. */
  valid: boolean;
  /** The action the token was minted for. */
  action: string;
  /** Expiry, Unix seconds. */
  exp: number;
  /** Why the token is not valid (missing, expired, reused, mismatched …). */
  reason?: string;
}

/** The approvals service as the Gate uses it. */
export interface ApprovalVerifier {
  /** Verifies (and, when valid, consumes) the token for exactly this action and these arguments. */
  verify(action: string, args: Record<string, unknown>, token: string | undefined): ApprovalVerdict;
}

/** Who is calling: a role instance working for one session of one tenant, until `expiresAtMs`. */
export interface Lease {
  /** Trace of the run. */
  trace_id: string;
  /** Session of the run. */
  session_id: string;
  /** Tenant (from the repository identity). */
  tenant_id: string;
  /** The human principal the run acts for (git user). */
  principal: string;
  /** The role this lease is for; must equal the request's role. */
  role: RoleName;
  /** Instance of the role (e.g. `2` for the second implementer). */
  instance: string;
  /** Expiry as Unix epoch milliseconds (compared with `clock.now()`). */
  expiresAtMs: number;
}

export interface GateDeps {
  /** Where the Gate records every decision, call, result and error. */
  events: GateEventSink;
  /** The Cedar engine. */
  policy: PolicyEngine;
  /** The capability catalog, re-checked before every invoke. */
  catalog: CapabilityCatalog;
  /** `now()` for lease and approval expiry, `monotonicMs()` for the budget. */
  clock: { monotonicMs(): number; now(): Date };
  /** Wall-time budget of the run: `wallMs` from `startedAtMs` (monotonic). */
  budget: { wallMs: number; startedAtMs: number };
  /** Verifies approval tokens for high-impact capabilities. */
  approvals: ApprovalVerifier;
}

export interface InvokeOptions<T> {
  /** Approval token for a high-impact capability (minted by the operator). */
  approvalToken?: string;
  /** Turns the result into the `tool_result` payload (default `{ ok: true }`). Must not include secrets. */
  summarize?: (result: T) => Record<string, unknown>;
}

/** One policy decision as recorded in a `policy_decision` event's payload. */
export interface DecisionRecord {
  /** The capability asked for. */
  capability: string;
  /** The role asking. */
  role: string;
  /** Cedar and the catalog's role list combined. */
  decision: 'allow' | 'deny';
  /** Cedar policy ids that decided, or just `catalog/roles` when the catalog refused the role. */
  policy_ids: string[];
  /** Evaluation errors (any error denies). */
  errors: string[];
  /** The catalog entry's pinned digest. */
  capability_digest: Sha256Digest;
  /** Digest of the policies in force. */
  policy_digest: Sha256Digest;
  /** The request as decided (minus budget numbers). */
  request: Record<string, unknown>;
}

export interface GateStats {
  /** Decisions that allowed. */
  allowed: number;
  /** Decisions that denied. */
  denied: number;
  /** sha256 over the canonical JSON list of every {@link DecisionRecord}, in order. */
  decisions_digest: Sha256Digest;
}

export interface Gate {
  /**
   * Runs one tool call through lease → capability → approval → policy → budget → execute,
   * recording each decision as an event. Throws `GATE_*` errors before `execute` runs; errors of
   * `execute` itself are recorded and rethrown as `FabricError` (cause kept).
   */
  invoke<T>(lease: Lease, request: PolicyRequest, args: Record<string, unknown>, execute: () => Promise<T>, opts?: InvokeOptions<T>): Promise<T>;
  /** Counts and digest of the decisions so far, for the Evidence Bundle. */
  stats(): GateStats;
}
