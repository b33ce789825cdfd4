/**
 * P3 event log types (ARCHITECTURE §5). One `FabricEvent` is one line of `agent_events.jsonl`.
 * In the protocol's layers this is part of "Verifier and Audit": the append-only, hash-chained
 * record of everything the agents did, which the Evidence Bundle pins by head hash and count.
 */
import type { Sha256Digest } from '../util/digest';

/** Every kind of event the runtime records. */
export const ACTION_TYPES = [
  'tool_call',
  'tool_result',
  'thought',
  'plan_update',
  'file_edit',
  'policy_decision',
  'verification',
  'state_transition',
  'approval_request',
  'approval_decision',
  'budget',
  'error',
] as const;

export type ActionType = (typeof ACTION_TYPES)[number];

/** The event format version written by this code. */
export const EVENT_VERSION = 1 as const;

/** `prev_hash` of the first event: `sha256:` and 64 zeros. */
export const GENESIS_HASH: Sha256Digest = `sha256:${'0'.repeat(64)}`;

/** The file name of the log inside its directory. */
export const EVENT_LOG_FILE = 'agent_events.jsonl';

/** Identifiers shared by every event of one log. */
export interface EventIds {
  /** The run (Explore + Compile) this log belongs to. */
  trace_id: string;
  /** The session (state machine instance) that writes the log. */
  session_id: string;
  /** The tenant, derived from the repository identity. */
  tenant_id: string;
}

/** What a caller hands to `EventLog.append`; the log stamps the rest. */
export interface EventInput {
  /** Who acts, as `role:instance` (e.g. `planner:0`). */
  agent_id: string;
  /** The kind of event. */
  action_type: ActionType;
  /** Event details. Every string (and key) in it is redacted before hashing and writing. */
  payload: Record<string, unknown>;
  /** The task this event belongs to; defaults to the log's `defaultTaskId`. */
  task_id?: string;
  /** The catalog capability used, for tool calls and their results. */
  capability_id?: string;
  /** A blob in this log's blob store holding the full evidence (e.g. long tool output). */
  evidence_ref?: Sha256Digest;
  /** `seq` of the earlier event this one answers (e.g. the tool_call of a tool_result). */
  cause?: number;
}

/** One stamped, immutable event as written to and read from the log. */
export interface FabricEvent {
  readonly v: typeof EVENT_VERSION;
  /** 0-based, consecutive. */
  readonly seq: number;
  /** ISO-8601 UTC with microseconds, strictly increasing within a log. */
  readonly timestamp: string;
  readonly trace_id: string;
  readonly session_id: string;
  readonly task_id: string;
  readonly tenant_id: string;
  readonly agent_id: string;
  readonly capability_id?: string;
  readonly action_type: ActionType;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly evidence_ref?: Sha256Digest;
  readonly cause?: number;
  /** `hash` of the previous event, or `GENESIS_HASH` for the first. */
  readonly prev_hash: Sha256Digest;
  /** sha256 over the RFC 8785 canonical JSON of this event without `hash`. */
  readonly hash: Sha256Digest;
}

/** Called synchronously after each event is written. */
export type EventListener = (event: FabricEvent) => void;
