import type { ReviewFinding, RuleContext } from '../types';

/** Binary files cannot be reviewed: any binary change is rejected. */
export function checkBinary(ctx: RuleContext): ReviewFinding[] {
  return ctx.files.filter((f) => f.binary).map((f) => ({ rule: 'binary', path: f.path, message: 'binary file changed' }));
}
