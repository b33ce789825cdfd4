import nacl from 'tweetnacl';
import type { Clock, RandomSource } from '../context';
import { FabricError } from '../errors';
import type { Ed25519Key } from '../keys/types';
import { describeAction } from './describeAction';
import { tokenSigningPayload } from './tokenPayload';
import type { ApprovalRequest, ApprovalToken } from './types';
import { validateApprovalToken } from './validateToken';

export const DEFAULT_APPROVAL_TTL_MS = 15 * 60 * 1000;
/** Longest lifetime a token may be minted with. */
export const MAX_APPROVAL_TTL_MS = 24 * 60 * 60 * 1000;

export interface MintApprovalOptions {
  /** Stamps the expiry. */
  clock: Clock;
  /** Source of the 16-byte nonce (never `Math.random`). */
  random: RandomSource;
  /** Lifetime in milliseconds (default 15 minutes, at most 24 hours). */
  ttlMs?: number;
}

/**
 * Mints a single-use token for exactly this action, trace and arguments, signed by the operator
 * key. Refuses (`APPROVAL_INVALID`) any key whose role is not `operator`, a bad lifetime, or a
 * request that does not make a valid token.
 */
export function mintApprovalToken(request: ApprovalRequest, operatorKey: Ed25519Key, opts: MintApprovalOptions): ApprovalToken {
  if (operatorKey.role !== 'operator') {
    throw new FabricError('APPROVAL_INVALID', `approval tokens are signed by the operator key, not the ${operatorKey.role} key`, { data: { role: operatorKey.role } });
  }
  const ttlMs = opts.ttlMs ?? DEFAULT_APPROVAL_TTL_MS;
  if (!Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > MAX_APPROVAL_TTL_MS) {
    throw new FabricError('APPROVAL_INVALID', `ttlMs must be an integer in (0, ${MAX_APPROVAL_TTL_MS}]`, { data: { ttlMs } });
  }
  const described = describeAction(request.action, request.trace_id, request.args);
  const unsigned: Omit<ApprovalToken, 'sig'> = {
    v: 1,
    action: described.action,
    trace_id: described.trace_id,
    args_digest: described.args_digest,
    nonce: Buffer.from(opts.random.bytes(16)).toString('hex'),
    exp: new Date(opts.clock.now().getTime() + ttlMs).toISOString(),
  };
  const sig = nacl.sign.detached(tokenSigningPayload(unsigned), operatorKey.secretKey);
  const token: ApprovalToken = { ...unsigned, sig: { keyid: operatorKey.keyid, sig: Buffer.from(sig).toString('base64') } };
  validateApprovalToken(token);
  return token;
}
