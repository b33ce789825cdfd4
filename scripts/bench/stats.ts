/** Summary statistics and a monotonic stopwatch for the benchmarks. */

/** Summary of a sample of durations (or any numbers). */
export interface Summary {
  /** How many samples. */
  n: number;
  median: number;
  /** 95th percentile, nearest-rank (the smallest sample that at least 95 % of samples do not exceed). */
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an already sorted sample; `q` in (0, 1]. */
function percentile(sorted: readonly number[], q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** Median (mean of the two middle samples for an even count), p95, min, max, mean. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { n: sorted.length, median, p95: percentile(sorted, 0.95), min: sorted[0], max: sorted[sorted.length - 1], mean };
}

/** Monotonic milliseconds. */
export const nowMs = (): number => performance.now();

/** Runs `fn` and returns its result and how long it took, in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = nowMs();
  const value = await fn();
  return { value, ms: nowMs() - start };
}

/** Runs a synchronous `fn` `n` times (after `warmup` unmeasured runs) and returns each duration. */
export function sampleSync(n: number, warmup: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = nowMs();
    fn(i);
    out.push(nowMs() - start);
  }
  return out;
}

/** Rounds for display and JSON: 3 significant decimals below 10, fewer above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
