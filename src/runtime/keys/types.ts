/**
 * Role keys (Ed25519, tweetnacl). Each role of the pipeline that signs something has its own key;
 * the key id is the OpenSSH SHA256 fingerprint, so the same id appears in git's allowed-signers
 * file, in SSH commit signatures, in Evidence Bundle signatures and in DSSE envelopes.
 */

/** Every signing role. `operator` is the human: it mints approval tokens. */
export type KeyRole = 'verifier' | 'policy_engine' | 'release' | 'operator';

export const KEY_ROLES: readonly KeyRole[] = ['verifier', 'policy_engine', 'release', 'operator'];

/** The roles the runtime loads. Never `operator`: roles can never mint approval tokens. */
export const RUNTIME_KEY_ROLES = ['verifier', 'policy_engine', 'release'] as const;

export type RuntimeKeyRole = (typeof RUNTIME_KEY_ROLES)[number];

export interface Ed25519Key {
  /** The role this key signs for. */
  role: KeyRole;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** 64-byte tweetnacl secret key (seed ‖ public key). */
  secretKey: Uint8Array;
  /** OpenSSH fingerprint of the public key (`SHA256:…`), used as key id everywhere. */
  keyid: string;
}

/** The public half of a key, as shown to users and written to trust files. */
export interface PublicKeyInfo {
  /** The role the key signs for. */
  role: KeyRole;
  /** OpenSSH fingerprint (`SHA256:…`). */
  keyid: string;
  /** `ssh-ed25519 AAAA… fabric-<role>`. */
  openssh: string;
}

export function isKeyRole(x: unknown): x is KeyRole {
  return typeof x === 'string' && (KEY_ROLES as readonly string[]).includes(x);
}
