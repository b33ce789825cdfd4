import { isTestPath } from '../../../runtime/util/testPaths';
import type { ReviewFinding, RuleContext } from '../types';

/**
 * Test-runner configuration counts as test code: changing it can switch tests off as surely as
 * editing them.
 */
const TEST_CONFIG = /^(?:\.mocharc(?:\..+)?|\.nycrc(?:\..+)?|(?:jest|vitest|karma|ava|playwright|cypress)\.conf(?:ig)?\.[cm]?[jt]s(?:on)?|pytest\.ini|conftest\.py|tox\.ini)$/i;

export function isTestConfigPath(path: string): boolean {
  return TEST_CONFIG.test(path.slice(path.lastIndexOf('/') + 1));
}

/** No test file or test-runner config changes unless the goal allows test edits. */
export function checkTestsUntouched(ctx: RuleContext): ReviewFinding[] {
  if (ctx.allowTestEdits) return [];
  return ctx.files
    .filter((f) => {
      const p = f.normalized ?? f.path;
      return isTestPath(p) || isTestConfigPath(p);
    })
    .map((f) => ({ rule: 'tests-untouched', path: f.path, message: 'test file changed but test edits are not allowed' }));
}
