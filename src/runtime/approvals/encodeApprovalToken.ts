import { canonicalJson } from '../util/canonicalJson';
import type { ApprovalToken } from './types';
import { validateApprovalToken } from './validateToken';

/** base64url (no padding) of the token's canonical JSON: one copy-pasteable word. */
export function encodeApprovalToken(token: ApprovalToken): string {
  validateApprovalToken(token);
  return Buffer.from(canonicalJson(token), 'utf8').toString('base64url');
}
