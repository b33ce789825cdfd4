import { FabricError } from '../errors';
import { canonicalJson } from '../util/canonicalJson';
import type { ApprovalToken } from './types';
import { validateApprovalToken } from './validateToken';

/**
 * Parses what {@link encodeApprovalToken} produced. Anything else (not base64url, not JSON, not
 * canonical, or failing the schema) is `APPROVAL_INVALID`; the signature is NOT checked here.
 */
export function decodeApprovalToken(text: string): ApprovalToken {
  const word = text.trim();
  if (!/^[A-Za-z0-9_-]+$/.test(word)) throw new FabricError('APPROVAL_INVALID', 'approval token is not base64url');
  const json = Buffer.from(word, 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new FabricError('APPROVAL_INVALID', 'approval token is not JSON', { cause: e });
  }
  validateApprovalToken(parsed);
  if (Buffer.from(canonicalJson(parsed), 'utf8').toString('base64url') !== word) {
    throw new FabricError('APPROVAL_INVALID', 'approval token is not in canonical form');
  }
  return parsed;
}
