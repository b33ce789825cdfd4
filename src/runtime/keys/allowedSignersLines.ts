import { FabricError } from '../errors';
import { parseSshEd25519PublicKeyLine, sshEd25519PublicKeyLine } from '../util/sshWire';
import { publicKeyInfo } from './publicKeyInfo';
import type { Ed25519Key, PublicKeyInfo } from './types';

/** The principal a role signs git objects as: `fabric-<role>@fabric.invalid`. */
export function signerPrincipal(role: string): string {
  return `fabric-${role}@fabric.invalid`;
}

/**
 * Lines for git's `gpg.ssh.allowedSignersFile` (one per key, newline-terminated):
 * `fabric-<role>@fabric.invalid namespaces="git" ssh-ed25519 AAAA…`.
 */
export function allowedSignersLines(keys: readonly (Ed25519Key | PublicKeyInfo)[]): string {
  return keys
    .map((k) => {
      const info = 'openssh' in k ? k : publicKeyInfo(k);
      const parsed = parseSshEd25519PublicKeyLine(info.openssh);
      if (!parsed) throw new FabricError('KEYS_INVALID', `not an ssh-ed25519 key for ${info.role}`, { data: { role: info.role } });
      return `${signerPrincipal(info.role)} namespaces="git" ${sshEd25519PublicKeyLine(parsed.publicKey)}\n`;
    })
    .join('');
}
