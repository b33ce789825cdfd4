/**
 * P1 session states (Orchestration layer of the protocol's eight layers, with pipeline/).
 *
 * The happy path is `intake → baseline → localizing → planning → implementing → verifying →
 * reviewing → compiling → releasing → released`. Four more terminal states end a session early:
 * - `no_fix`   — nothing to fix (baseline passes) or nothing verified within the revision bound;
 * - `rejected` — review or compile refused the change (policy, nondeterministic outcome);
 * - `failed`   — an internal error;
 * - `aborted`  — cancelled or interrupted by the user.
 */

export const ACTIVE_STATES = [
  'intake',
  'baseline',
  'localizing',
  'planning',
  'implementing',
  'verifying',
  'reviewing',
  'compiling',
  'releasing',
] as const;

export const TERMINAL_STATES = ['released', 'no_fix', 'rejected', 'failed', 'aborted'] as const;

/** A state a session can still leave. */
export type ActiveState = (typeof ACTIVE_STATES)[number];
/** A state a session never leaves. */
export type TerminalState = (typeof TERMINAL_STATES)[number];
export type SessionState = ActiveState | TerminalState;

/** Every state, active ones first in pipeline order. */
export const SESSION_STATES: readonly SessionState[] = [...ACTIVE_STATES, ...TERMINAL_STATES];

export function isTerminalState(state: SessionState): state is TerminalState {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}
