import { canonicalJson } from '../../../runtime/util/canonicalJson';
import type { ReviewFinding, RuleContext } from '../types';
import { isPackageJson, parseManifest } from './packageJson';

/**
 * No change to package.json `scripts`: rewriting the test script (or adding an install hook) would
 * make the tests "pass" without fixing anything, or run code at install time.
 */
export function checkPackageScripts(ctx: RuleContext): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  for (const f of ctx.files.filter(isPackageJson)) {
    const before = parseManifest(f.before) ?? {};
    const after = parseManifest(f.after);
    if (after === undefined) continue; // reported by the dependency rule
    if (canonicalJson(before.scripts ?? null) !== canonicalJson(after.scripts ?? null)) {
      findings.push({ rule: 'package-scripts', path: f.path, message: 'package.json scripts changed' });
    }
  }
  return findings;
}
