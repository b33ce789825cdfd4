/**
 * Signals drive the session from one state to the next. Each is a tagged union member with a
 * `type` and an optional human-readable `reason` that is recorded in the `state_transition` event.
 */

export const SIGNAL_TYPES = [
  'start',
  'baseline_failing',
  'baseline_passing',
  'localized',
  'planned',
  'candidates_ready',
  'no_candidates',
  'verified',
  'none_verified',
  'review_passed',
  'review_revise',
  'review_rejected',
  'compiled',
  'nondeterministic',
  'policy_denied',
  'released',
  'error',
  'abort',
] as const;

export type SignalType = (typeof SIGNAL_TYPES)[number];

/** The signals that ask for another planning round (bounded by `maxRevisions`). */
export const REVISE_SIGNAL_TYPES = ['no_candidates', 'none_verified', 'review_revise'] as const;
export type ReviseSignalType = (typeof REVISE_SIGNAL_TYPES)[number];

interface SignalBase<T extends SignalType> {
  /** What happened. */
  type: T;
  /** Why, in words, for the timeline and the audit trail (never parsed). */
  reason?: string;
}

/** A signal asking for another planning round. */
export interface ReviseSignal<T extends ReviseSignalType = ReviseSignalType> extends SignalBase<T> {
  /**
   * What to do when no revision round is left: `'route'` (default) goes to the terminal state the
   * table names for this signal; `'throw'` refuses with `SESSION_REVISION_LIMIT` and leaves the
   * session where it is (for a caller that insists on a revise round, e.g. an operator's "replan").
   */
  onLimit?: 'route' | 'throw';
}

export type SessionSignal =
  | SignalBase<'start'>
  | SignalBase<'baseline_failing'>
  | SignalBase<'baseline_passing'>
  | SignalBase<'localized'>
  | SignalBase<'planned'>
  | SignalBase<'candidates_ready'>
  | ReviseSignal<'no_candidates'>
  | SignalBase<'verified'>
  | ReviseSignal<'none_verified'>
  | SignalBase<'review_passed'>
  | ReviseSignal<'review_revise'>
  | SignalBase<'review_rejected'>
  | SignalBase<'compiled'>
  | SignalBase<'nondeterministic'>
  | SignalBase<'policy_denied'>
  | SignalBase<'released'>
  | SignalBase<'error'>
  | SignalBase<'abort'>;
