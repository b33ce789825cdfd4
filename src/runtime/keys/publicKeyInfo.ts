import { sshEd25519PublicKeyLine } from '../util/sshWire';
import type { Ed25519Key, PublicKeyInfo } from './types';

/** The shareable half of a key: role, key id and `ssh-ed25519 AAAA… fabric-<role>`. */
export function publicKeyInfo(key: Pick<Ed25519Key, 'role' | 'publicKey' | 'keyid'>): PublicKeyInfo {
  return { role: key.role, keyid: key.keyid, openssh: sshEd25519PublicKeyLine(key.publicKey, `fabric-${key.role}`) };
}
