export { ACTIVE_STATES, TERMINAL_STATES, SESSION_STATES, isTerminalState } from './states';
export type { ActiveState, TerminalState, SessionState } from './states';
export { SIGNAL_TYPES, REVISE_SIGNAL_TYPES } from './signals';
export type { SignalType, ReviseSignalType, ReviseSignal, SessionSignal } from './signals';
export { legalTransitions, findTransition } from './transitions';
export type { LegalTransition } from './transitions';
export { Session } from './session';
export type { SessionOptions, SessionTransitionEvent, SessionHistoryEntry } from './session';
