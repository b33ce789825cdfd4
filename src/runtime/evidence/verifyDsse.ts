import { verifyEd25519 } from '../keys/ed25519Verify';
import type { TrustStore } from '../keys/trustStore';
import type { KeyRole } from '../keys/types';
import { compileSchemaAssert } from '../util/schema';
import { decodeCanonicalBase64 } from './base64';
import { pae } from './pae';
import { dsseEnvelopeSchema } from './schema';
import type { DsseEnvelope } from './types';

export interface VerifyDsseOptions {
  /** How many distinct trusted keys must have signed (default 1). */
  threshold?: number;
  /** Only keys trusted for one of these roles count (default: any trusted role). */
  roles?: readonly KeyRole[];
}

export interface DsseVerification {
  /** At least `threshold` distinct trusted keys signed PAE(payloadType, payload). */
  ok: boolean;
  /** The distinct key ids whose signatures verified, in envelope order. */
  keyids: string[];
}

const assertEnvelope: (x: unknown) => asserts x is DsseEnvelope = compileSchemaAssert<DsseEnvelope>(dsseEnvelopeSchema, 'SCHEMA_INVALID', 'DSSE envelope');

/**
 * Verifies a DSSE envelope against the trust store. Throws `SCHEMA_INVALID` for something that is
 * not an envelope; otherwise reports which trusted keys signed. A key signing twice counts once.
 */
export function verifyDsse(envelope: unknown, trust: TrustStore, opts: VerifyDsseOptions = {}): DsseVerification {
  assertEnvelope(envelope);
  const body = decodeCanonicalBase64(envelope.payload);
  if (!body) return { ok: false, keyids: [] };
  const message = pae(envelope.payloadType, body);
  const keyids: string[] = [];
  for (const { keyid, sig } of envelope.signatures) {
    if (keyids.includes(keyid)) continue;
    const trusted = trust.lookup(keyid);
    if (!trusted || (opts.roles && !opts.roles.includes(trusted.role))) continue;
    const sigBytes = decodeCanonicalBase64(sig);
    if (sigBytes && verifyEd25519(message, sigBytes, trusted.publicKey)) keyids.push(keyid);
  }
  return { ok: keyids.length >= Math.max(1, opts.threshold ?? 1), keyids };
}
