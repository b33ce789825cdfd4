/**
 * Token verification as a pipeline (STYLE §8): shape → signature by a trusted operator key →
 * bound to this action, trace and arguments → not expired → nonce consumed exactly once.
 */
import type { Clock } from '../context';
import { FabricError } from '../errors';
import { verifyEd25519 } from '../keys/ed25519Verify';
import { canonicalDigest } from '../util/digest';
import { sshFingerprint } from '../util/sshWire';
import type { NonceLedger } from './nonceLedger';
import { tokenSigningPayload } from './tokenPayload';
import type { ApprovalRequest, ApprovalToken, OperatorPublicKey } from './types';
import { validateApprovalToken } from './validateToken';

export interface VerifyApprovalOptions {
  /** The operator keys trusted to approve (e.g. `trust.keysForRole('operator')`). Role keys never belong here. */
  operatorKeys: readonly OperatorPublicKey[];
  /** Decides expiry. */
  clock: Clock;
  /** Single-use ledger; the nonce is consumed when every other check passed. */
  ledger: Pick<NonceLedger, 'consume'>;
}

function verifySignature(token: ApprovalToken, operatorKeys: readonly OperatorPublicKey[]): void {
  // A key only counts if its id really is its fingerprint: a caller cannot pair a foreign id with a key.
  const key = operatorKeys.find((k) => k.keyid === token.sig.keyid && sshFingerprint(k.publicKey) === k.keyid);
  if (!key) throw new FabricError('APPROVAL_INVALID', `token signed by ${token.sig.keyid}, which is not a trusted operator key`, { data: { keyid: token.sig.keyid } });
  const sig = Buffer.from(token.sig.sig, 'base64');
  if (!verifyEd25519(tokenSigningPayload(token), sig, key.publicKey)) {
    throw new FabricError('APPROVAL_INVALID', 'token signature does not verify', { data: { keyid: token.sig.keyid } });
  }
}

function verifyBinding(token: ApprovalToken, expected: ApprovalRequest): void {
  const mismatch = (field: string): FabricError => new FabricError('APPROVAL_MISMATCH', `token is for another ${field}`, { data: { field } });
  if (token.action !== expected.action) throw mismatch('action');
  if (token.trace_id !== expected.trace_id) throw mismatch('trace_id');
  if (token.args_digest !== canonicalDigest(expected.args)) throw mismatch('args_digest');
}

function verifyNotExpired(token: ApprovalToken, clock: Clock): void {
  const now = clock.now();
  if (now.getTime() >= Date.parse(token.exp)) {
    throw new FabricError('APPROVAL_EXPIRED', `token expired at ${token.exp}`, { data: { exp: token.exp, now: now.toISOString() } });
  }
}

/**
 * Throws `APPROVAL_INVALID`, `APPROVAL_MISMATCH`, `APPROVAL_EXPIRED` or `APPROVAL_REUSED`; on
 * success the nonce is consumed, so the same token is refused next time.
 */
export function verifyApprovalToken(token: unknown, expected: ApprovalRequest, opts: VerifyApprovalOptions): void {
  validateApprovalToken(token);
  verifySignature(token, opts.operatorKeys);
  verifyBinding(token, expected);
  verifyNotExpired(token, opts.clock);
  opts.ledger.consume(token.nonce, { action: token.action, trace_id: token.trace_id, keyid: token.sig.keyid, consumed_at: opts.clock.now().toISOString() });
}
