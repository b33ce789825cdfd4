/**
 * Bundle verification as a pipeline of small steps (STYLE §8). Needs no network, model, sandbox
 * or explore code: the caller passes in what it learned from git (the commit's diff digest) and
 * from the event log (chain check result). Nothing here imports events/, git/, sandbox/ or roles/.
 */
import type { TrustStore } from '../keys/trustStore';
import type { Sha256Digest } from '../util/digest';
import { checkDiffDigest } from './checkDiffDigest';
import { checkEventLog } from './checkEventLog';
import { checkBundleSchema } from './checkSchema';
import { checkBundleSignatures } from './checkSignatures';
import type { BundleCheck, BundleVerification, EventLogResult, EvidenceBundle } from './types';

export interface VerifyBundleOptions {
  /** The keys trusted to sign, each for one role. */
  trust: TrustStore;
  /** Digest of the commit's diff, computed by the caller; checked against `phases.compile.verified_diff_sha` when given. */
  commitDiffDigest?: Sha256Digest;
  /** Result of reading and chain-checking the event log; checked against `event_log` when given. */
  eventLog?: EventLogResult;
}

/** Runs every step and reports each; `ok` only when all passed. Stops after a failed schema step. */
export function verifyBundle(bundle: unknown, opts: VerifyBundleOptions): BundleVerification {
  const checks: BundleCheck[] = checkBundleSchema(bundle);
  if (checks.some((c) => !c.ok)) return { ok: false, checks };
  const valid = bundle as EvidenceBundle;
  checks.push(...checkBundleSignatures(valid, opts.trust));
  if (opts.commitDiffDigest !== undefined) checks.push(checkDiffDigest(valid, opts.commitDiffDigest));
  if (opts.eventLog !== undefined) checks.push(checkEventLog(valid, opts.eventLog));
  return { ok: checks.every((c) => c.ok), checks };
}
