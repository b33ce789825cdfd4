import Ajv from 'ajv';
import { FabricError } from '../../runtime/errors';
import { reviewAllowListSchema } from './reviewAllowList.schema';
import type { ReviewAllowList } from './types';

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile<ReviewAllowList>(reviewAllowListSchema);

/** Returns `x` as an allow-list or throws `SCHEMA_INVALID` with every bad field in `data.errors`. */
export function validateReviewAllowList(x: unknown, source = 'review allow-list'): ReviewAllowList {
  if (validate(x)) return x;
  const errors = (validate.errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra = typeof params.missingProperty === 'string' ? params.missingProperty : typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
    return { path: extra === undefined ? e.instancePath : `${e.instancePath}/${extra}`, message: e.message ?? e.keyword };
  });
  throw new FabricError('SCHEMA_INVALID', `invalid ${source}`, { data: { source, errors } });
}
