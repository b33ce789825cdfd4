import { canonicalJson } from '../util/canonicalJson';
import type { ApprovalToken } from './types';

/** The bytes the operator signs: canonical JSON of the token without `sig`. */
export function tokenSigningPayload(token: Omit<ApprovalToken, 'sig'> | ApprovalToken): Buffer {
  const { sig: _sig, ...unsigned } = token as ApprovalToken;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}
