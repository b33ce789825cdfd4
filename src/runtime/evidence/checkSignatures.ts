import { verifyEd25519 } from '../keys/ed25519Verify';
import type { TrustStore } from '../keys/trustStore';
import { decodeCanonicalBase64 } from './base64';
import { bundleSigningPayload } from './signingPayload';
import { BUNDLE_SIGNER_ROLES, type BundleCheck, type BundleSignerRole, type EvidenceBundle } from './types';

/**
 * Step 2: each signature slot is signed by a trusted key of that slot's role. A key that signed
 * one slot never counts for another (one key, one role; duplicates never count twice).
 */
export function checkBundleSignatures(bundle: EvidenceBundle, trust: TrustStore): BundleCheck[] {
  const payload = bundleSigningPayload(bundle);
  const counted = new Set<string>();
  return BUNDLE_SIGNER_ROLES.map((slot) => {
    const check = checkSlot(bundle, slot, trust, payload, counted);
    if (check.ok) counted.add(bundle.signatures[slot].keyid);
    return check;
  });
}

function checkSlot(bundle: EvidenceBundle, slot: BundleSignerRole, trust: TrustStore, payload: Buffer, counted: ReadonlySet<string>): BundleCheck {
  const name = `signature.${slot}`;
  const { keyid, sig } = bundle.signatures[slot];
  const fail = (field: string, code: BundleCheck['code'], message: string): BundleCheck => ({ name, ok: false, field, code, message });
  if (counted.has(keyid)) return fail(`signatures.${slot}.keyid`, 'EVIDENCE_SIGNATURE_INVALID', `key ${keyid} already counted for another role`);
  const trusted = trust.lookup(keyid);
  if (!trusted) return fail(`signatures.${slot}.keyid`, 'EVIDENCE_UNTRUSTED_KEY', `key ${keyid} is not trusted`);
  if (trusted.role !== slot) return fail(`signatures.${slot}.keyid`, 'EVIDENCE_UNTRUSTED_KEY', `key ${keyid} is trusted for ${trusted.role}, not ${slot}`);
  const sigBytes = decodeCanonicalBase64(sig);
  if (!sigBytes) return fail(`signatures.${slot}.sig`, 'EVIDENCE_SIGNATURE_INVALID', 'signature is not canonical base64');
  if (!verifyEd25519(payload, sigBytes, trusted.publicKey)) return fail(`signatures.${slot}.sig`, 'EVIDENCE_SIGNATURE_INVALID', 'signature does not verify');
  return { name, ok: true, message: `signed by ${slot} key ${keyid}` };
}
