import { canonicalDigest, type Sha256Digest } from '../util/digest';
import type { EvidenceBundle, UnsignedBundle } from './types';

/**
 * The digest a Fabric commit carries in its `Fabric-Evidence:` trailer: sha256 over the RFC 8785
 * JSON of the bundle without `commit` and `signatures`. The bundle names the commit and the commit
 * names this digest, so each is bound to the other without a circular hash.
 */
export function evidenceDigest(bundle: EvidenceBundle | UnsignedBundle | Omit<UnsignedBundle, 'commit'>): Sha256Digest {
  const { commit: _commit, signatures: _signatures, ...core } = bundle as Partial<EvidenceBundle>;
  return canonicalDigest(core);
}
