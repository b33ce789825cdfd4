/**
 * The regression gate's comparison of a candidate run against the baseline, test by test (by id).
 *
 * - fixed: failing in the baseline, passing now.
 * - regressions: passing in the baseline, now failing, skipped or missing (a skip or a vanished test
 *   must not hide a break).
 * - stillFailing: failing in the baseline and not passing now (failing, skipped or missing).
 * - newTests: not in the baseline.
 * Tests skipped in the baseline are judged by neither list; a new failure among them still makes
 * `allPassing` false. When neither run has parsed tests, the exit code stands in as one pseudo-test
 * `<exit-code>` (pass = the run passed).
 */
import type { SuiteRun, TestStatus } from './testResults/types';

export interface RunComparison {
  /** Ids failing in the baseline and passing in the candidate, sorted. */
  fixed: string[];
  /** Ids passing in the baseline and failing, skipped or missing in the candidate, sorted. */
  regressions: string[];
  /** Ids failing in the baseline and not passing in the candidate, sorted. */
  stillFailing: string[];
  /** Ids present only in the candidate, sorted. */
  newTests: string[];
  /** `regressions.length`; 0 is required to accept a candidate. */
  regressionScore: number;
  /** Whether the candidate run passed as a whole (`candidate.passed`). */
  allPassing: boolean;
}

/** The id used when neither run has per-test results. */
export const EXIT_CODE_TEST_ID = '<exit-code>';

function statuses(run: SuiteRun, useExitCode: boolean): Map<string, TestStatus> {
  if (useExitCode) return new Map([[EXIT_CODE_TEST_ID, run.passed ? 'pass' : 'fail']]);
  return new Map(run.tests.map((t) => [t.id, t.status]));
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareRuns(baseline: SuiteRun, candidate: SuiteRun): RunComparison {
  const useExitCode = baseline.tests.length === 0 && candidate.tests.length === 0;
  const before = statuses(baseline, useExitCode);
  const after = statuses(candidate, useExitCode);
  const out: RunComparison = { fixed: [], regressions: [], stillFailing: [], newTests: [], regressionScore: 0, allPassing: candidate.passed };
  for (const [id, was] of before) {
    const now = after.get(id);
    if (was === 'pass' && now !== 'pass') out.regressions.push(id);
    else if (was === 'fail' && now === 'pass') out.fixed.push(id);
    else if (was === 'fail') out.stillFailing.push(id);
  }
  for (const id of after.keys()) if (!before.has(id)) out.newTests.push(id);
  for (const list of [out.fixed, out.regressions, out.stillFailing, out.newTests]) list.sort(byId);
  out.regressionScore = out.regressions.length;
  return out;
}
