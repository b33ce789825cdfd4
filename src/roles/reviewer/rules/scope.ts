import { isInWriteScope } from '../../planner/isInWriteScope';
import type { ReviewFinding, RuleContext } from '../types';

/** Every changed path lies inside the plan's write scope (and inside the repository at all). */
export function checkScope(ctx: RuleContext): ReviewFinding[] {
  return ctx.files.flatMap((f): ReviewFinding[] => {
    if (f.normalized === undefined) return [{ rule: 'scope', path: f.path, message: 'path escapes the repository' }];
    if (!isInWriteScope(ctx.writeScope, f.normalized)) return [{ rule: 'scope', path: f.path, message: 'outside the write scope' }];
    return [];
  });
}
