export * from './testResults';
export { compareRuns, EXIT_CODE_TEST_ID, type RunComparison } from './compareRuns';
export { detectTestCommand, focusTestCommand, type FocusInput } from './testCommand';
export * from './secrets';
