/**
 * Collects items (timeline rows) and hands them on in batches: at most every `delayMs`, and at once
 * when a batch reaches `maxBatch`. A busy run appends hundreds of events a second; the panel gets a
 * few messages a second instead. The timer is injected so tests control time. No `vscode` import.
 */

export type Schedule = (fn: () => void, ms: number) => { cancel(): void };

export const timerSchedule: Schedule = (fn, ms) => {
  const handle = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(handle) };
};

export interface BatcherOptions {
  delayMs: number;
  maxBatch: number;
  schedule?: Schedule;
}

export class EventBatcher<T> {
  private items: T[] = [];
  private timer: { cancel(): void } | null = null;
  private disposed = false;
  private readonly schedule: Schedule;

  constructor(
    private readonly deliver: (items: T[]) => void,
    private readonly options: BatcherOptions,
  ) {
    this.schedule = options.schedule ?? timerSchedule;
  }

  push(item: T): void {
    if (this.disposed) return;
    this.items.push(item);
    if (this.items.length >= this.options.maxBatch) this.flush();
    else if (!this.timer) this.timer = this.schedule(() => this.flush(), this.options.delayMs);
  }

  /** Delivers what is queued now (in batches of at most `maxBatch`). */
  flush(): void {
    this.timer?.cancel();
    this.timer = null;
    while (this.items.length > 0) this.deliver(this.items.splice(0, this.options.maxBatch));
  }

  /** Drops what is queued and stops; later pushes are ignored. */
  dispose(): void {
    this.timer?.cancel();
    this.timer = null;
    this.items = [];
    this.disposed = true;
  }
}
