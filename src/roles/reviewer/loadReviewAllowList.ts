import { readFileSync } from 'node:fs';
import { FabricError } from '../../runtime/errors';
import type { ReviewAllowList } from './types';
import { validateReviewAllowList } from './validateReviewAllowList';

/**
 * Reads and validates a review allow-list file (normally `policies/review.json`). Throws
 * `CONFIG_INVALID` when it cannot be read or is not JSON, `SCHEMA_INVALID` when its shape is wrong.
 */
export function loadReviewAllowList(path: string): ReviewAllowList {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new FabricError('CONFIG_INVALID', 'cannot read the review allow-list', { cause: e, data: { path } });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new FabricError('CONFIG_INVALID', 'the review allow-list is not JSON', { cause: e, data: { path } });
  }
  return validateReviewAllowList(json, path);
}
