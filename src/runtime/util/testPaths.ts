/**
 * Whether a repository path is a test file. Used by the Localizer (tests are evidence, not edit
 * targets), the Planner (write scope) and the Reviewer (no test edits unless the goal says so).
 */
const TEST_DIR = /(^|\/)(test|tests|__tests__|spec|specs|__mocks__)\//;
const TEST_FILE = /(^|[./_-])(test|spec)s?\.[cm]?[jt]sx?$|^test\.[cm]?[jt]s$/;

export function isTestPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  return TEST_DIR.test(p) || TEST_FILE.test(base);
}
