/**
 * Microsecond timestamps that never go backwards: the wall clock is read once when the log opens;
 * later stamps add `clock.monotonicMs()` deltas, and a stamp that would not be later than the
 * previous one is bumped by one microsecond. So timestamps are strictly increasing within a log
 * even when the wall clock jumps or two events fall in the same microsecond.
 */
import type { Clock } from '../context';

/** `2026-11-23T15:07:29.123456Z` for microseconds since the epoch. */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const secondsPart = new Date(ms).toISOString().slice(0, 19);
  const fraction = micros - Math.floor(micros / 1_000_000) * 1_000_000;
  return `${secondsPart}.${String(fraction).padStart(6, '0')}Z`;
}

export class MicrosecondStamper {
  private readonly startMicros: number;
  private readonly startMono: number;
  private last = -Infinity;

  constructor(private readonly clock: Clock) {
    this.startMicros = clock.now().getTime() * 1000;
    this.startMono = clock.monotonicMs();
  }

  /** The next timestamp, strictly later than every earlier one from this stamper. */
  /** Continues after an existing event's timestamp (reopening a log): never stamps earlier than it. */
  resumeAfter(timestamp: string): void {
    const m = /^(.*)\.(\d{6})Z$/.exec(timestamp);
    if (!m) return;
    const micros = Date.parse(`${m[1]}Z`) * 1000 + Number(m[2]);
    if (Number.isFinite(micros)) this.last = Math.max(this.last, micros);
  }

  next(): string {
    const elapsed = Math.max(0, Math.floor((this.clock.monotonicMs() - this.startMono) * 1000));
    let micros = this.startMicros + elapsed;
    if (micros <= this.last) micros = this.last + 1;
    this.last = micros;
    return formatMicros(micros);
  }
}
