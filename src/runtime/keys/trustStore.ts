import { FabricError } from '../errors';
import type { SchemaIssue } from '../util/schema';
import type { KeyRole } from './types';

/** A key the verifier trusts, and the one role it may sign for. */
export interface TrustedKey {
  /** The only role this key is trusted to sign for. */
  role: KeyRole;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** OpenSSH fingerprint of `publicKey`. */
  keyid: string;
}

/** Which public keys are trusted, each for exactly one role. */
export interface TrustStore {
  /** The trusted key with this id, or undefined if the key is unknown. */
  lookup(keyid: string): { role: KeyRole; publicKey: Uint8Array } | undefined;
  /** Every trusted key of one role (e.g. the operator keys that may sign approvals). */
  keysForRole(role: KeyRole): { keyid: string; publicKey: Uint8Array }[];
  /** Every trusted key, in the order given. */
  entries(): readonly TrustedKey[];
}

/**
 * Builds a trust store from keys (public halves are enough). A key id listed twice for different
 * roles is refused (`KEYS_INVALID`): one key, one role, so a signature can never count for two.
 */
export function trustStoreFromKeys(keys: readonly TrustedKey[]): TrustStore {
  const byId = new Map<string, TrustedKey>();
  const errors: SchemaIssue[] = [];
  keys.forEach((k, i) => {
    const seen = byId.get(k.keyid);
    if (seen && seen.role !== k.role) errors.push({ path: `/keys/${i}`, message: `key ${k.keyid} already trusted for role ${seen.role}` });
    else if (!seen) byId.set(k.keyid, { role: k.role, publicKey: new Uint8Array(k.publicKey), keyid: k.keyid });
  });
  if (errors.length > 0) throw new FabricError('KEYS_INVALID', 'a key is trusted for more than one role', { data: { errors } });
  const all = [...byId.values()];
  return {
    lookup: (keyid) => {
      const k = byId.get(keyid);
      return k && { role: k.role, publicKey: new Uint8Array(k.publicKey) };
    },
    keysForRole: (role) => all.filter((k) => k.role === role).map((k) => ({ keyid: k.keyid, publicKey: new Uint8Array(k.publicKey) })),
    entries: () => all.map((k) => ({ ...k, publicKey: new Uint8Array(k.publicKey) })),
  };
}
