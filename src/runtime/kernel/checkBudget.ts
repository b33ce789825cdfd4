/** Gate step 5: the run's wall-time budget is not used up. */
import { FabricError } from '../errors';

export interface BudgetUsage {
  /** Wall time used since the run started (monotonic ms). */
  used_ms: number;
  /** Wall time allowed. */
  limit_ms: number;
}

export function budgetUsage(budget: { wallMs: number; startedAtMs: number }, nowMonotonicMs: number): BudgetUsage {
  return { used_ms: Math.max(0, Math.round(nowMonotonicMs - budget.startedAtMs)), limit_ms: budget.wallMs };
}

export function checkBudget(usage: BudgetUsage): void {
  if (usage.used_ms >= usage.limit_ms) {
    throw new FabricError('GATE_BUDGET_EXCEEDED', `wall-time budget exceeded (${usage.used_ms} of ${usage.limit_ms} ms)`, { data: { ...usage } });
  }
}
