/**
 * The P1 transition table: the only moves a session can make. One row per (state, signal); a
 * pair that is not here is illegal and refused with `SESSION_ILLEGAL_TRANSITION`.
 *
 * `from: '*'` means "any active (non-terminal) state". A row with `revise` starts another planning
 * round: it counts against `maxRevisions`, and once none is left it goes to `revise.exhausted`
 * instead of `to`. Terminal states have no rows: they accept nothing.
 */
import { ACTIVE_STATES, type ActiveState, type SessionState, type TerminalState } from './states';
import type { SignalType } from './signals';

interface TableRow {
  from: ActiveState | '*';
  on: SignalType;
  to: SessionState;
  /** Present on rows that start a revise round. */
  revise?: { exhausted: TerminalState };
}

// prettier-ignore
const TABLE: readonly TableRow[] = [
  { from: 'intake',       on: 'start',            to: 'baseline' },
  { from: 'baseline',     on: 'baseline_failing', to: 'localizing' },
  { from: 'baseline',     on: 'baseline_passing', to: 'no_fix' },          // nothing to fix
  { from: 'localizing',   on: 'localized',        to: 'planning' },
  { from: 'planning',     on: 'planned',          to: 'implementing' },
  { from: 'implementing', on: 'candidates_ready', to: 'verifying' },
  { from: 'implementing', on: 'no_candidates',    to: 'planning', revise: { exhausted: 'no_fix' } },
  { from: 'verifying',    on: 'verified',         to: 'reviewing' },       // ≥ 1 verified candidate
  { from: 'verifying',    on: 'none_verified',    to: 'planning', revise: { exhausted: 'no_fix' } },
  { from: 'reviewing',    on: 'review_passed',    to: 'compiling' },
  { from: 'reviewing',    on: 'review_revise',    to: 'planning', revise: { exhausted: 'rejected' } },
  { from: 'reviewing',    on: 'review_rejected',  to: 'rejected' },
  { from: 'compiling',    on: 'compiled',         to: 'releasing' },
  { from: 'compiling',    on: 'nondeterministic', to: 'rejected' },        // flaky: fails the gate
  { from: 'compiling',    on: 'policy_denied',    to: 'rejected' },
  { from: 'releasing',    on: 'policy_denied',    to: 'rejected' },
  { from: 'releasing',    on: 'released',         to: 'released' },
  { from: '*',            on: 'error',            to: 'failed' },
  { from: '*',            on: 'abort',            to: 'aborted' },
];

/** One legal move, with `'*'` rows expanded to every active state. */
export interface LegalTransition {
  /** State the move starts from (never terminal). */
  from: ActiveState;
  /** Signal type that triggers it. */
  signal: SignalType;
  /** Target state (for revise moves: while rounds remain). */
  to: SessionState;
  /** Present when the move starts a revise round; `exhausted` is where it goes when none is left. */
  revise?: { exhausted: TerminalState };
}

const EXPANDED: readonly LegalTransition[] = TABLE.flatMap((row) =>
  (row.from === '*' ? ACTIVE_STATES : [row.from]).map((from) => {
    const t: LegalTransition = { from, signal: row.on, to: row.to };
    if (row.revise) t.revise = { ...row.revise };
    return t;
  }),
);

/** Every legal (state, signal) move, for tests, docs and the side panel. Returns fresh copies. */
export function legalTransitions(): LegalTransition[] {
  return EXPANDED.map((t) => (t.revise ? { ...t, revise: { ...t.revise } } : { ...t }));
}

/** The move for `(from, signal)`, or `undefined` when the table has none. */
export function findTransition(from: SessionState, signal: SignalType): LegalTransition | undefined {
  return EXPANDED.find((t) => t.from === from && t.signal === signal);
}
