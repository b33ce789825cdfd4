/** The Reviewer role: policy on a candidate's diff (scope, tests, secrets, protected paths, dependencies, scripts, binaries). */
export { reviewChanges } from './reviewer/reviewChanges';
export { loadReviewAllowList } from './reviewer/loadReviewAllowList';
export { validateReviewAllowList } from './reviewer/validateReviewAllowList';
export { defaultReviewAllowList } from './reviewer/defaultAllowList';
export { reviewAllowListSchema } from './reviewer/reviewAllowList.schema';
export { protectedReason } from './reviewer/rules/protectedPaths';
export { isTestConfigPath } from './reviewer/rules/testsUntouched';
export { REVIEW_RULES } from './reviewer/types';
export type { ReviewRule, ReviewFile, ReviewInput, ReviewFinding, ReviewVerdict, ReviewAllowList, AllowedDependency } from './reviewer/types';
