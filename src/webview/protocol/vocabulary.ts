/**
 * The words and bounds of the side-panel message protocol (Reporting layer of the protocol's
 * eight layers). Plain constants, shared by the JSON Schemas, the TypeScript types and the app.
 *
 * Enumerations that the runtime already owns (action types, session states, high-impact actions)
 * are imported from it, so the panel can never drift from what the runtime writes.
 */
import { ACTION_TYPES } from '../../runtime/events/types';
import { SESSION_STATES } from '../../runtime/session/states';
import { HIGH_IMPACT_ACTIONS } from '../../runtime/approvals/types';
import type { CandidateRecord } from '../../runtime/pipeline/candidatePool';

export { ACTION_TYPES, SESSION_STATES, HIGH_IMPACT_ACTIONS };

/**
 * Where the run is, as the panel shows it: `idle` (no run in this window yet), `running`,
 * `cancelling` (Cancel pressed, sandboxes stopping), `done` (ended; `sessionState` says how).
 */
export const RUN_STATUSES = ['idle', 'running', 'cancelling', 'done'] as const;

/**
 * A candidate's verdict: the Verifier's (see `CandidateRecord` in runtime/pipeline), plus
 * `pending` for a candidate the host reports before it has been verified.
 */
export const CANDIDATE_VERDICTS = ['pending', 'verified', 'still-failing', 'regression', 'timeout', 'denied', 'error', 'not-run'] as const;

/** Where an approval stands. Only `pending` ones can be approved or denied. */
/** `pushed`/`failed`: an approved action that ran, or that the remote refused (a new approval is needed). */
export const APPROVAL_STATUSES = ['pending', 'approved', 'pushed', 'failed', 'denied', 'expired'] as const;

/** Outcome of a run as written in the Evidence Bundle. */
export const BUNDLE_OUTCOMES = ['success', 'rejected', 'no_fix', 'aborted'] as const;

// Compile-time check: every runtime verdict is one the panel knows.
type MissingVerdict = Exclude<CandidateRecord['verdict'], (typeof CANDIDATE_VERDICTS)[number]>;
const _everyRuntimeVerdictKnown: MissingVerdict extends never ? true : MissingVerdict = true;

/**
 * Upper bounds that keep every message small and every list bounded. A host that has more splits
 * it (events) or sends the most recent ones (candidates, approvals).
 */
export const LIMITS = {
  /** Request ids, approval ids, candidate ids, trace ids. */
  id: 200,
  /** Short labels: branch, remote, operator, role names, key ids, check names, error codes. */
  label: 300,
  /** A repository-relative file path. */
  path: 1000,
  /** Free text: progress, summaries, candidate detail, check and error messages. */
  text: 2000,
  /** A deny reason typed by the user. */
  reason: 500,
  /** Events in one `events` message. */
  eventsPerMessage: 5000,
  /** Events the panel keeps in memory; older ones are dropped (and counted). */
  eventsKept: 100_000,
  candidates: 500,
  approvals: 100,
  signatures: 10,
  checks: 100,
  /** Entries in each filter list. */
  filterEntries: 100,
  /** A refused message's `kind`, as echoed back in an `error` message. */
  kind: 100,
  /** Bad paths reported in one `error` message. */
  issues: 50,
} as const;
