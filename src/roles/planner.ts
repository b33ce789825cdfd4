/** The Planner role: a validated Unified Specification Protocol plan whose write scope the Gate enforces. */
export { planFix } from './planner/planFix';
export { writeScopeOf } from './planner/writeScopeOf';
export { isInWriteScope, normalizeRepoPath, normalizeScopeEntry } from './planner/isInWriteScope';
export { planFixInputSchema } from './planner/planFixInput.schema';
export type { Plan, PlanFixInput, PlanLocation } from './planner/types';
