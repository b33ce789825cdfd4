/**
 * Test results as the Verifier sees them: one `SuiteRun` per run of the user's own test command,
 * parsed from the runner's real output (TAP, mocha spec, node:test spec, mocha/jest/vitest JSON).
 * The exit code always counts; per-test outcomes are evidence on top of it.
 */

export type TestStatus = 'pass' | 'fail' | 'skip';

/** Which reporter output a run was parsed from; `none` means the exit code alone decided. */
export type ReporterFormat = 'tap' | 'mocha-spec' | 'mocha-json' | 'jest-json' | 'node-test-spec' | 'none';

export interface TestFailure {
  /** The assertion or error message. */
  message: string;
  /** Stack or location lines, when the runner printed them. */
  stack?: string;
}

export interface TestCaseResult {
  /**
   * Stable across runs: `<file>::<full title>` when the runner reports a workspace-relative file for
   * every test (mocha/jest JSON), else the full title alone. The 2nd, 3rd… test with the same id gets
   * ` #2`, ` #3`.
   */
  id: string;
  /** Full title: suites and test joined by a space (mocha, jest) or by ` > ` (node:test subtests). */
  title: string;
  /** Test file, workspace-relative when the run's workspace root was known. */
  file?: string;
  /** Outcome; TODO tests count as `skip`. */
  status: TestStatus;
  /** Why it failed (only on `fail`). */
  failure?: TestFailure;
}

export interface SuiteRun {
  /** The reporter format the tests were parsed from. */
  format: ReporterFormat;
  /** Exit code of the test command; null when it was killed by a signal. */
  exitCode: number | null;
  /** Whether the sandbox stopped the command at its time limit. */
  timedOut: boolean;
  /** Every parsed test, in output order. */
  tests: TestCaseResult[];
  /** Tests per status. */
  counts: { pass: number; fail: number; skip: number };
  /** Exit code 0, not timed out, and no failing test. */
  passed: boolean;
}

/** A test as a format parser sees it, before ids are assigned. */
export type ParsedTest = Omit<TestCaseResult, 'id'>;
