import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** A content digest in the form used everywhere in Fabric: `sha256:<64 hex>`. */
export type Sha256Digest = `sha256:${string}`;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256Digest(data: string | Uint8Array): Sha256Digest {
  return `sha256:${sha256Hex(data)}`;
}

/** sha256 over the RFC 8785 canonical JSON of `value`. */
export function canonicalDigest(value: unknown): Sha256Digest {
  return sha256Digest(canonicalJson(value));
}

export function isSha256Digest(s: unknown): s is Sha256Digest {
  return typeof s === 'string' && /^sha256:[0-9a-f]{64}$/.test(s);
}
