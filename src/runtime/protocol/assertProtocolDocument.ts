import { FabricError } from '../errors';
import type { ProtocolDocument } from './types';
import { validateProtocolDocument } from './validateProtocolDocument';

/** Narrows `x` to a valid document or throws `SCHEMA_INVALID` with `data.errors` (every problem). */
export function assertProtocolDocument(x: unknown): asserts x is ProtocolDocument {
  const result = validateProtocolDocument(x);
  if (!result.ok) {
    throw new FabricError('SCHEMA_INVALID', `invalid protocol document: ${result.errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`, {
      data: { errors: result.errors },
    });
  }
}
