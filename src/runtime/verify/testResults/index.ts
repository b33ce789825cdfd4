export type { ReporterFormat, SuiteRun, TestCaseResult, TestFailure, TestStatus } from './types';
export { parseTestOutput, type TestOutput } from './parseTestOutput';
export { normalizeRun, type NormalizedRun } from './normalizeRun';
export { failingTestFiles } from './failingTestFiles';
