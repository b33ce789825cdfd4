import { FabricError } from '../../runtime/errors';
import { compileSchema } from '../../runtime/util/schema';
import { reviewAllowListSchema } from './reviewAllowList.schema';
import type { ReviewAllowList } from './types';

const allowList = compileSchema<ReviewAllowList>(reviewAllowListSchema);

/**
 * Returns `x` as an allow-list or throws `SCHEMA_INVALID` with every bad field in `data.errors`
 * (the allow-list itself is `''` there, not `/`).
 */
export function validateReviewAllowList(x: unknown, source = 'review allow-list'): ReviewAllowList {
  const issues = allowList.issues(x);
  if (issues.length === 0) return x as ReviewAllowList;
  const errors = issues.map(({ path, message }) => ({ path: path === '/' ? '' : path, message }));
  throw new FabricError('SCHEMA_INVALID', `invalid ${source}`, { data: { source, errors } });
}
