/**
 * The reproducibility view of a run: format, exit code, timeout and each test's id and status,
 * sorted by id — no durations, no messages. The Compile phase hashes this for each of its two runs;
 * equal hashes mean the outcome reproduced.
 */
import type { ReporterFormat, SuiteRun, TestStatus } from './types';

export interface NormalizedRun {
  /** The reporter format the run was parsed from. */
  format: ReporterFormat;
  /** Exit code of the test command. */
  exitCode: number | null;
  /** Whether the command hit its time limit. */
  timedOut: boolean;
  /** `[id, status]` pairs sorted by id (code-unit order, independent of locale). */
  tests: [string, TestStatus][];
}

export function normalizeRun(run: SuiteRun): NormalizedRun {
  const tests = run.tests
    .map((t): [string, TestStatus] => [t.id, t.status])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { format: run.format, exitCode: run.exitCode, timedOut: run.timedOut, tests };
}
