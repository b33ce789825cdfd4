import reviewJson from '../../../policies/review.json';
import { validateReviewAllowList } from './validateReviewAllowList';
import type { ReviewAllowList } from './types';

/** The allow-list shipped with Fabric (`policies/review.json`), validated when first used. */
let cached: ReviewAllowList | undefined;
export function defaultReviewAllowList(): ReviewAllowList {
  cached ??= validateReviewAllowList(reviewJson as unknown, 'policies/review.json');
  return cached;
}
