/**
 * Spectrum-based fault localization with the Ochiai coefficient:
 * `ef / sqrt(totalFailed * (ef + ep))` per `file:line`, where ef/ep count failing/passing runs
 * covering the line. Lines no run covers are absent; a line only passing runs cover scores 0.
 */
export interface SpectrumRun {
  /** Whether this run (one test) failed. */
  failed: boolean;
  /** Covered lines per workspace-relative file. */
  covered: Map<string, Set<number>>;
}

export function ochiai(runs: SpectrumRun[]): Map<string, number> {
  const totalFailed = runs.filter((r) => r.failed).length;
  const counts = new Map<string, { ef: number; ep: number }>();
  for (const run of runs) {
    for (const [file, lines] of run.covered) {
      for (const line of lines) {
        const key = `${file}:${line}`;
        const c = counts.get(key) ?? { ef: 0, ep: 0 };
        if (run.failed) c.ef += 1;
        else c.ep += 1;
        counts.set(key, c);
      }
    }
  }
  const scores = new Map<string, number>();
  for (const key of [...counts.keys()].sort()) {
    const { ef, ep } = counts.get(key) as { ef: number; ep: number };
    const denominator = Math.sqrt(totalFailed * (ef + ep));
    scores.set(key, denominator === 0 ? 0 : ef / denominator);
  }
  return scores;
}
