/**
 * The P1 session: a state machine that only makes the moves in the transition table, records each
 * move as one `state_transition` event (through the injected `emit`, i.e. the append-only event
 * log) and bounds the reject/revise loop back to planning.
 */
import { FabricError } from '../errors';
import { findTransition, type LegalTransition } from './transitions';
import { isTerminalState, type SessionState } from './states';
import type { SessionSignal, SignalType } from './signals';

/** The event a session hands to `emit`; the event log stamps seq, time and hashes on append. */
export interface SessionTransitionEvent {
  /** role:instance of the session owner. */
  agent_id: string;
  /** Always `state_transition`. */
  action_type: 'state_transition';
  /** `{ from, to, signal, reason?, revision }`. */
  payload: Record<string, unknown>;
}

export interface SessionOptions {
  /** How many revise rounds (back to `planning`) are allowed; a non-negative integer. */
  maxRevisions: number;
  /** Appends one event and returns its sequence number; a throw leaves the session unchanged. */
  emit: (e: SessionTransitionEvent) => { seq: number };
  /** `agent_id` of the emitted events (role:instance); default `orchestrator:session`. */
  agentId?: string;
}

/** One recorded move. */
export interface SessionHistoryEntry {
  /** State before the move. */
  from: SessionState;
  /** State after the move. */
  to: SessionState;
  /** The signal that caused it. */
  signal: SignalType;
  /** The signal's reason, when it had one. */
  reason?: string;
  /** Revise rounds used after this move. */
  revision: number;
  /** Sequence number of the `state_transition` event that recorded it. */
  seq: number;
}

export class Session {
  private current: SessionState = 'intake';
  private used = 0;
  private readonly entries: SessionHistoryEntry[] = [];
  private readonly maxRevisions: number;
  private readonly emit: SessionOptions['emit'];
  private readonly agentId: string;

  constructor(opts: SessionOptions) {
    if (!Number.isSafeInteger(opts.maxRevisions) || opts.maxRevisions < 0) {
      throw new FabricError('USAGE_INVALID', 'maxRevisions must be a non-negative integer', {
        data: { maxRevisions: opts.maxRevisions },
      });
    }
    this.maxRevisions = opts.maxRevisions;
    this.emit = opts.emit;
    this.agentId = opts.agentId ?? 'orchestrator:session';
  }

  /** The current state. */
  get state(): SessionState {
    return this.current;
  }

  /** Revise rounds used so far. */
  get revisions(): number {
    return this.used;
  }

  /** Whether the session has ended (accepts no further signal). */
  get isTerminal(): boolean {
    return isTerminalState(this.current);
  }

  /** Every move so far, oldest first (copies). */
  get history(): readonly SessionHistoryEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /**
   * Applies `signal`: emits one `state_transition` event and returns the new state. Throws
   * `SESSION_ILLEGAL_TRANSITION` (data `{ from, signal }`) for a move not in the table and
   * `SESSION_REVISION_LIMIT` when a revise round is forced past the bound; neither emits anything.
   */
  send(signal: SessionSignal): SessionState {
    const from = this.current;
    const move = findTransition(from, signal.type);
    if (move === undefined) {
      throw new FabricError('SESSION_ILLEGAL_TRANSITION', `no transition from ${from} on ${signal.type}`, {
        data: { from, signal: signal.type },
      });
    }
    const { to, revision } = this.resolve(move, signal);
    const payload: Record<string, unknown> = { from, to, signal: signal.type, revision };
    if (signal.reason !== undefined) payload.reason = signal.reason;
    const { seq } = this.emit({ agent_id: this.agentId, action_type: 'state_transition', payload });
    this.current = to;
    this.used = revision;
    const entry: SessionHistoryEntry = { from, to, signal: signal.type, revision, seq };
    if (signal.reason !== undefined) entry.reason = signal.reason;
    this.entries.push(entry);
    return to;
  }

  /** Target state and revision count after `move`, enforcing the revise bound. */
  private resolve(move: LegalTransition, signal: SessionSignal): { to: SessionState; revision: number } {
    if (move.revise === undefined) return { to: move.to, revision: this.used };
    if (this.used < this.maxRevisions) return { to: move.to, revision: this.used + 1 };
    const onLimit = 'onLimit' in signal ? signal.onLimit : undefined;
    if (onLimit === 'throw') {
      throw new FabricError('SESSION_REVISION_LIMIT', `revision limit ${this.maxRevisions} reached`, {
        data: { from: move.from, signal: signal.type, revisions: this.used, maxRevisions: this.maxRevisions },
      });
    }
    return { to: move.revise.exhausted, revision: this.used };
  }
}
