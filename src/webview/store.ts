/**
 * The panel's state and its reducer: pure, no DOM, unit-tested in plain Node. Everything the
 * views show is derived from {@link PanelState}; everything that changes it is a
 * {@link PanelAction} (a validated host message, or something the user did).
 */
import {
  LIMITS,
  type ApprovalView,
  type ErrorView,
  type EventsMessage,
  type HostToWebview,
  type PersistedPanelState,
  type ReplyMessage,
  type RequestMessage,
  type TimelineEvent,
  type TimelineFilters,
  type ViewSnapshot,
} from './protocol';

/** The event log as the panel holds it (one trace at a time). */
export interface EventLogState {
  /** The trace the events belong to; null before any arrived. */
  traceId: string | null;
  /** In `seq` order, at most `LIMITS.eventsKept`. */
  items: readonly TimelineEvent[];
  /** How many old events were dropped to stay within `LIMITS.eventsKept`. */
  dropped: number;
}

/** A request posted to the host and not yet answered. */
export interface PendingRequest {
  kind: RequestMessage['kind'];
  /** What the request is about (see {@link subjectOf}); the UI disables that subject's buttons. */
  subject: string;
  /** `Date.now()` when it was posted. */
  sentAt: number;
}

export interface PanelState {
  /** The last view model from the host; null until the first `state` (or a restored one). */
  snapshot: ViewSnapshot | null;
  events: EventLogState;
  filters: TimelineFilters;
  /** The timeline's scroll position, and whether it follows new events. */
  timeline: { scrollTop: number; followTail: boolean };
  /** Requests in flight, by request id. */
  pending: Readonly<Record<string, PendingRequest>>;
  /** The last failed request per subject, shown next to it until the subject succeeds. */
  failures: Readonly<Record<string, ErrorView>>;
  /** Approvals whose inline "deny with a reason" form is open. */
  denyOpen: Readonly<Record<string, true>>;
  /** True when events arrived with a gap in `seq`: the app asks the host for a full resend. */
  needsResync: boolean;
}

export type PanelAction =
  | { type: 'hostMessage'; message: HostToWebview }
  | { type: 'requestSent'; request: RequestMessage; at: number }
  | { type: 'requestTimedOut'; requestId: string }
  | { type: 'setFilters'; filters: TimelineFilters }
  | { type: 'scrolled'; scrollTop: number; followTail: boolean }
  | { type: 'denyForm'; approvalId: string; open: boolean }
  | { type: 'resyncRequested' };

/** The subject a request is about: `approval:<id>`, `push:<traceId>` or `exploreFix`. */
export function subjectOf(request: RequestMessage): string {
  switch (request.kind) {
    case 'approve':
    case 'deny':
      return approvalSubject(request.approvalId);
    case 'push':
      return pushSubject(request.traceId);
    case 'exploreFix':
      return 'exploreFix';
    default: {
      const never: never = request;
      throw new Error(`unknown request ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

export const approvalSubject = (approvalId: string): string => `approval:${approvalId}`;
export const pushSubject = (traceId: string): string => `push:${traceId}`;

/** The state of a fresh panel, optionally restored from what it saved before. */
export function initialState(saved?: PersistedPanelState): PanelState {
  return {
    snapshot: saved?.snapshot ?? null,
    events: { traceId: null, items: [], dropped: 0 },
    filters: saved?.filters ?? { roles: [], actionTypes: [] },
    timeline: saved?.timeline ?? { scrollTop: 0, followTail: true },
    pending: {},
    failures: {},
    denyOpen: {},
    needsResync: false,
  };
}

/** What the panel saves with `setState` to survive hiding and reloading. */
export function toPersisted(state: PanelState): PersistedPanelState {
  return { v: 1, filters: state.filters, timeline: state.timeline, snapshot: state.snapshot };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** Keeps the newest `LIMITS.eventsKept` events, counting what it drops. */
function capped(items: readonly TimelineEvent[], dropped: number): { items: readonly TimelineEvent[]; dropped: number } {
  const overflow = items.length - LIMITS.eventsKept;
  return overflow > 0 ? { items: items.slice(overflow), dropped: dropped + overflow } : { items, dropped };
}

function applyEvents(state: PanelState, message: EventsMessage): PanelState {
  const log = state.events;
  if (message.reset === true || log.traceId !== message.traceId) {
    return { ...state, events: { traceId: message.traceId, ...capped(message.events, 0) }, needsResync: false };
  }
  const last = log.items.length > 0 ? log.items[log.items.length - 1].seq : -1;
  const fresh = message.events.filter((e) => e.seq > last);
  if (fresh.length === 0) return state;
  // A gap (events lost, or a panel reloaded mid-run): show what arrived, ask for a full resend.
  const gap = log.items.length + log.dropped > 0 && fresh[0].seq !== last + 1;
  return {
    ...state,
    events: { traceId: log.traceId, ...capped([...log.items, ...fresh], log.dropped) },
    needsResync: state.needsResync || gap,
  };
}

function setApproval(snapshot: ViewSnapshot | null, approvalId: string, change: Partial<ApprovalView>): ViewSnapshot | null {
  if (snapshot === null) return null;
  const index = snapshot.approvals.findIndex((a) => a.id === approvalId);
  if (index < 0 || snapshot.approvals[index].status !== 'pending') return snapshot;
  const approvals = snapshot.approvals.slice();
  approvals[index] = { ...approvals[index], ...change };
  return { ...snapshot, approvals };
}

function applyReply(state: PanelState, reply: ReplyMessage): PanelState {
  const request = state.pending[reply.requestId];
  if (request === undefined) return state; // unknown or timed out: the next `state` tells the truth
  const pending = without(state.pending, reply.requestId);
  if (!reply.ok) {
    const error = reply.error ?? { code: 'UNKNOWN', message: 'The extension refused the request.' };
    return { ...state, pending, failures: { ...state.failures, [request.subject]: error } };
  }
  const failures = without(state.failures, request.subject);
  // Until the host's next `state` arrives, show the decision that was just accepted.
  const approvalId = request.subject.startsWith('approval:') ? request.subject.slice('approval:'.length) : undefined;
  if (approvalId !== undefined && (request.kind === 'approve' || request.kind === 'deny')) {
    const snapshot = setApproval(state.snapshot, approvalId, { status: request.kind === 'approve' ? 'approved' : 'denied' });
    return { ...state, pending, failures, snapshot, denyOpen: without(state.denyOpen, approvalId) };
  }
  return { ...state, pending, failures };
}

function applyHostMessage(state: PanelState, message: HostToWebview): PanelState {
  switch (message.kind) {
    case 'state':
      return { ...state, snapshot: message.snapshot };
    case 'events':
      return applyEvents(state, message);
    case 'reply':
      return applyReply(state, message);
    default: {
      const never: never = message;
      throw new Error(`unknown host message ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

/** The one place state changes. Pure: returns the same object when nothing changed. */
export function reduce(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'hostMessage':
      return applyHostMessage(state, action.message);
    case 'requestSent': {
      const subject = subjectOf(action.request);
      const request: PendingRequest = { kind: action.request.kind, subject, sentAt: action.at };
      return { ...state, pending: { ...state.pending, [action.request.requestId]: request }, failures: without(state.failures, subject) };
    }
    case 'requestTimedOut': {
      const request = state.pending[action.requestId];
      if (request === undefined) return state;
      const error = { code: 'REQUEST_TIMEOUT', message: 'The extension did not answer. Try again, or reload the panel.' };
      return { ...state, pending: without(state.pending, action.requestId), failures: { ...state.failures, [request.subject]: error } };
    }
    case 'setFilters':
      return { ...state, filters: action.filters };
    case 'scrolled':
      if (state.timeline.scrollTop === action.scrollTop && state.timeline.followTail === action.followTail) return state;
      return { ...state, timeline: { scrollTop: action.scrollTop, followTail: action.followTail } };
    case 'denyForm':
      return { ...state, denyOpen: action.open ? { ...state.denyOpen, [action.approvalId]: true } : without(state.denyOpen, action.approvalId) };
    case 'resyncRequested':
      return state.needsResync ? { ...state, needsResync: false } : state;
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String((never as { type: unknown }).type)}`);
    }
  }
}

/** True while a request about `subject` is in flight. */
export function isInFlight(state: PanelState, subject: string): boolean {
  return Object.values(state.pending).some((p) => p.subject === subject);
}

/** A minimal observable store around {@link reduce}. */
export interface Store {
  getState(): PanelState;
  dispatch(action: PanelAction): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (state: PanelState, previous: PanelState) => void): () => void;
}

export function createStore(initial: PanelState): Store {
  let state = initial;
  const listeners = new Set<(state: PanelState, previous: PanelState) => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const previous = state;
      state = reduce(state, action);
      if (state !== previous) for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
