import type { Sha256Digest } from '../util/digest';
import type { BundleCheck, EvidenceBundle } from './types';

/** Step 3: the verified diff is the diff of the commit (digest computed by the caller from git). */
export function checkDiffDigest(bundle: EvidenceBundle, commitDiffDigest: Sha256Digest): BundleCheck {
  const field = 'phases.compile.verified_diff_sha';
  return bundle.phases.compile.verified_diff_sha === commitDiffDigest
    ? { name: 'diff_digest', ok: true, field, message: 'verified diff equals the commit diff' }
    : { name: 'diff_digest', ok: false, field, code: 'EVIDENCE_DIGEST_MISMATCH', message: `bundle says ${bundle.phases.compile.verified_diff_sha}, commit diff is ${commitDiffDigest}` };
}
