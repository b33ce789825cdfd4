import { assertProtocolDocument } from '../../runtime/protocol';
import { normalizeScopeEntry } from './isInWriteScope';
import type { Plan } from './types';

/** The write scope the Gate enforces: the plan's `module_scope.write_modules`, normalized (validates the plan first). */
export function writeScopeOf(plan: Plan): string[] {
  assertProtocolDocument(plan);
  const out: string[] = [];
  for (const entry of plan.module_scope.write_modules) {
    const n = normalizeScopeEntry(entry);
    if (n !== undefined && !out.includes(n)) out.push(n);
  }
  return out;
}
