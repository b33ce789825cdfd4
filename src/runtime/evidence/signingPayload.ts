import { canonicalJson } from '../util/canonicalJson';
import type { EvidenceBundle, UnsignedBundle } from './types';

/** The bytes both signatures cover: RFC 8785 canonical JSON of the bundle without `signatures`. */
export function bundleSigningPayload(bundle: UnsignedBundle | EvidenceBundle): Buffer {
  const { signatures: _signatures, ...unsigned } = bundle as EvidenceBundle;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}
