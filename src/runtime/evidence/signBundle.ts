import nacl from 'tweetnacl';
import { FabricError } from '../errors';
import type { Ed25519Key } from '../keys/types';
import { bundleSigningPayload } from './signingPayload';
import { validateBundle, validateUnsignedBundle } from './validateBundle';
import { BUNDLE_SIGNER_ROLES, type BundleSignature, type EvidenceBundle, type UnsignedBundle } from './types';

/** The two keys that sign a bundle, each in its own slot. */
export interface BundleSigningKeys {
  /** The Verifier role's key (tests, static checks, reproducibility). */
  verifier: Ed25519Key;
  /** The Policy Engine's key (Cedar decisions, Reviewer verdict). */
  policy_engine: Ed25519Key;
}

/**
 * Signs a bundle with the verifier and policy-engine keys. Refuses (`KEYS_INVALID`) a key whose
 * role does not match its slot, and (`SCHEMA_INVALID`) a bundle that does not validate.
 */
export function signBundle(unsigned: UnsignedBundle, keys: BundleSigningKeys): EvidenceBundle {
  validateUnsignedBundle(unsigned);
  const payload = bundleSigningPayload(unsigned);
  const sign = (slot: (typeof BUNDLE_SIGNER_ROLES)[number]): BundleSignature => {
    const key = keys[slot];
    if (key.role !== slot) throw new FabricError('KEYS_INVALID', `the ${slot} signature needs the ${slot} key, got ${key.role}`, { data: { slot, role: key.role } });
    return { keyid: key.keyid, sig: Buffer.from(nacl.sign.detached(payload, key.secretKey)).toString('base64') };
  };
  const bundle: EvidenceBundle = { ...unsigned, signatures: { verifier: sign('verifier'), policy_engine: sign('policy_engine') } };
  validateBundle(bundle);
  return bundle;
}
