import { FabricError } from '../errors';
import { isSha256Digest, type Sha256Digest } from '../util/digest';
import { validateBundle } from './validateBundle';
import { EVIDENCE_PREDICATE_TYPE, IN_TOTO_STATEMENT_TYPE, type EvidenceBundle, type InTotoStatement } from './types';

/** The two artifacts the statement is about. */
export interface InTotoSubjects {
  /** The fix commit id (must equal `bundle.commit`). */
  commit: string;
  /** Digest of the commit's diff (must equal `phases.compile.verified_diff_sha`). */
  diffDigest: Sha256Digest;
}

/**
 * An in-toto Statement v1 whose subjects are the commit (`gitCommit`) and its diff (`sha256`) and
 * whose predicate is the signed bundle. Refuses (`EVIDENCE_DIGEST_MISMATCH`) subjects that
 * disagree with the bundle, so an envelope can never attest a commit the bundle is not about.
 */
export function inTotoStatement(bundle: EvidenceBundle, subjects: InTotoSubjects): InTotoStatement {
  validateBundle(bundle);
  if (subjects.commit !== bundle.commit) {
    throw new FabricError('EVIDENCE_DIGEST_MISMATCH', `commit ${subjects.commit} is not the bundle's commit ${bundle.commit}`, { data: { field: 'commit' } });
  }
  if (!isSha256Digest(subjects.diffDigest) || subjects.diffDigest !== bundle.phases.compile.verified_diff_sha) {
    throw new FabricError('EVIDENCE_DIGEST_MISMATCH', `diff digest ${subjects.diffDigest} is not the bundle's verified diff`, {
      data: { field: 'phases.compile.verified_diff_sha' },
    });
  }
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [
      { name: bundle.branch || 'commit', digest: { gitCommit: subjects.commit } },
      { name: `${bundle.trace_id}.diff`, digest: { sha256: subjects.diffDigest.slice('sha256:'.length) } },
    ],
    predicateType: EVIDENCE_PREDICATE_TYPE,
    predicate: bundle,
  };
}
