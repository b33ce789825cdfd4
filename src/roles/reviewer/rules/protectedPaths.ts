import { normalizeScopeEntry } from '../../planner/isInWriteScope';
import type { ReviewFinding, RuleContext } from '../types';

/** Built-in protected paths; `policies/review.json` can add to them, never remove. Matched case-insensitively. */
const PROTECTED_DIRS_AT_ROOT = ['.github/workflows/', '.fabric/', 'policies/'];
const PROTECTED_ANYWHERE = /(?:^|\/)\.git(?:\/|$)/;
const PROTECTED_BASENAMES = new Set([
  // lockfiles
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'cargo.lock',
  'poetry.lock',
  'pipfile.lock',
  'uv.lock',
  'gemfile.lock',
  'composer.lock',
  'go.sum',
  // package-manager and git configuration that runs or fetches things
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pnpmfile.cjs',
  '.gitattributes',
  '.gitmodules',
]);

/** Why `path` (normalized) is protected, or `undefined`. */
export function protectedReason(path: string, extra: readonly string[] = []): string | undefined {
  const lower = path.toLowerCase();
  if (PROTECTED_ANYWHERE.test(lower)) return 'git internals';
  const dir = PROTECTED_DIRS_AT_ROOT.find((d) => lower.startsWith(d));
  if (dir !== undefined) return `protected directory ${dir}`;
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (PROTECTED_BASENAMES.has(base)) return `protected file ${base}`;
  for (const raw of extra) {
    const entry = normalizeScopeEntry(raw);
    if (entry !== undefined && (entry.endsWith('/') ? path.startsWith(entry) : path === entry)) return `protected by policy: ${entry}`;
  }
  return undefined;
}

/** No change to git internals, CI workflows, Fabric's own state and policies, lockfiles or registry config. */
export function checkProtectedPaths(ctx: RuleContext): ReviewFinding[] {
  return ctx.files.flatMap((f): ReviewFinding[] => {
    const reason = protectedReason(f.normalized ?? f.path, ctx.allowList.protectedPaths);
    return reason === undefined ? [] : [{ rule: 'protected-paths', path: f.path, message: reason }];
  });
}
