/**
 * Human approval tokens (Operator Control Plane, protocol layer 1). A token is minted by the
 * operator key, which roles never hold, is bound to one action on one trace with exact arguments,
 * expires, and can be used once (nonce ledger).
 */
import type { Sha256Digest } from '../util/digest';

export type HighImpactAction = 'push' | 'force_push' | 'delete_branch' | 'network' | 'deploy';

export const HIGH_IMPACT_ACTIONS: readonly HighImpactAction[] = ['push', 'force_push', 'delete_branch', 'network', 'deploy'];

/** Arguments of an action: plain JSON (they are digested with RFC 8785). */
export type ActionArgs = Record<string, unknown>;

/** What is being approved. */
export interface ApprovalRequest {
  /** The high-impact action. */
  action: HighImpactAction;
  /** The trace the action belongs to. */
  trace_id: string;
  /** The exact arguments; the token binds their canonical digest. */
  args: ActionArgs;
}

/** What the human is shown before approving. */
export interface ActionDescription extends ApprovalRequest {
  /** `canonicalDigest(args)`, the value the token will carry. */
  args_digest: Sha256Digest;
  /** One line saying exactly what will happen. */
  summary: string;
}

export interface ApprovalToken {
  /** Token format version. */
  v: 1;
  /** The one action this token allows. */
  action: HighImpactAction;
  /** The one trace this token belongs to. */
  trace_id: string;
  /** `canonicalDigest(args)`. */
  args_digest: Sha256Digest;
  /** 32 lowercase hex characters (16 random bytes); single use. */
  nonce: string;
  /** Expiry, ISO-8601. */
  exp: string;
  /** Operator signature over the canonical JSON of the token without `sig`. */
  sig: { keyid: string; sig: string };
}

/** An operator key as the verifier knows it (public half only). */
export interface OperatorPublicKey {
  /** OpenSSH fingerprint of `publicKey`. */
  keyid: string;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}
