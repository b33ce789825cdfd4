/**
 * OpenSSH wire-format helpers for Ed25519 public keys (RFC 4251 strings, RFC 8709 key blobs),
 * shared by key ids, allowed-signers lines and SSHSIG commit signatures.
 */
import { createHash } from 'node:crypto';

/** RFC 4251 `string`: uint32 big-endian length, then the bytes. */
export function sshString(data: string | Uint8Array): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([len, bytes]);
}

/** The public-key blob: string("ssh-ed25519") ‖ string(32-byte key). */
export function sshEd25519PublicKeyBlob(publicKey: Uint8Array): Buffer {
  if (publicKey.length !== 32) throw new RangeError(`Ed25519 public key must be 32 bytes, got ${publicKey.length}`);
  return Buffer.concat([sshString('ssh-ed25519'), sshString(publicKey)]);
}

/** `ssh-ed25519 AAAA… comment`, the form of authorized_keys and allowed-signers files. */
export function sshEd25519PublicKeyLine(publicKey: Uint8Array, comment?: string): string {
  const line = `ssh-ed25519 ${sshEd25519PublicKeyBlob(publicKey).toString('base64')}`;
  return comment ? `${line} ${comment}` : line;
}

/** OpenSSH fingerprint: `SHA256:` + unpadded base64 of sha256(public-key blob). */
export function sshFingerprint(publicKey: Uint8Array): string {
  const digest = createHash('sha256').update(sshEd25519PublicKeyBlob(publicKey)).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Parses `ssh-ed25519 AAAA… [comment]` back to the 32-byte key; null if it is not one. */
export function parseSshEd25519PublicKeyLine(line: string): { publicKey: Uint8Array; comment: string } | null {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2 || parts[0] !== 'ssh-ed25519') return null;
  const blob = Buffer.from(parts[1], 'base64');
  const expectedType = sshString('ssh-ed25519');
  if (blob.length !== expectedType.length + 4 + 32 || !blob.subarray(0, expectedType.length).equals(expectedType)) return null;
  if (blob.readUInt32BE(expectedType.length) !== 32) return null;
  return { publicKey: new Uint8Array(blob.subarray(expectedType.length + 4)), comment: parts.slice(2).join(' ') };
}
