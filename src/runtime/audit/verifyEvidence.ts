/**
 * Verifies an Evidence Bundle against everything it claims, as a pipeline of checks (STYLE §8):
 * the bundle's schema and signatures (trusted keys, right roles), its commit (present, parent =
 * base, `Fabric-Trace`/`Fabric-Evidence` trailers bound to this bundle, SSH signature by a trusted
 * release key, tree diff digest = `verified_diff_sha`), and the event log (hash chain intact, and
 * the signed head really is the event at `event_log.count`). Each failing check names its field.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { evidenceDigest, verifyBundle, type BundleCheck, type EvidenceBundle, type EventLogResult } from '../evidence';
import { readEventLog, verifyEventLog, EVENT_LOG_FILE } from '../events';
import { diffDigest, readCommitInfo, treeDiff, verifyCommitSignature } from '../git';
import { asFabricError } from '../errors';
import type { TrustStore } from '../keys';
import type { Sha256Digest } from '../util/digest';

export interface EvidenceReport {
  ok: boolean;
  trace_id: string | null;
  commit: string | null;
  checks: BundleCheck[];
}

export interface VerifyEvidenceOptions {
  trust: TrustStore;
  /** The repository holding the commit; without it the commit checks are reported as skipped. */
  repoDir?: string;
  /** The trace folder holding `agent_events.jsonl`; without it the event-log check is skipped. */
  traceDir?: string;
  /** The commit the bundle must name (the Evidence Gate passes the commit it is checking). */
  expectCommit?: string;
}

function check(name: string, ok: boolean, message: string, field?: string): BundleCheck {
  return { name, ok, message, ...(field ? { field } : {}) };
}

/** The event log result the bundle's `event_log` is compared with: the signed prefix of the log. */
function eventLogResult(traceDir: string, bundle: EvidenceBundle): EventLogResult {
  const verification = verifyEventLog(traceDir);
  if (!verification.ok) return { ok: false, error: verification.error };
  const count = bundle.event_log.count;
  if (count < 1 || count > verification.count) {
    return { ok: false, error: { line: verification.count, field: 'event_log.count', message: `the log has ${verification.count} events, the bundle signed ${count}` } };
  }
  const { events } = readEventLog(join(traceDir, EVENT_LOG_FILE));
  return { ok: true, count, head_hash: events[count - 1].hash };
}

async function commitChecks(repoDir: string, bundle: EvidenceBundle, trust: TrustStore): Promise<{ checks: BundleCheck[]; diff?: Sha256Digest }> {
  const checks: BundleCheck[] = [];
  let info;
  try {
    info = await readCommitInfo(repoDir, bundle.commit);
  } catch (e) {
    return { checks: [check('commit', false, asFabricError(e).message, 'commit')] };
  }
  checks.push(check('commit.parent', info.parents.length === 1 && info.parents[0] === bundle.base_commit, `parent ${info.parents.join(',') || 'none'}, bundle base ${bundle.base_commit}`, 'base_commit'));
  checks.push(check('commit.trace', info.trailers['Fabric-Trace'] === bundle.trace_id, `Fabric-Trace: ${info.trailers['Fabric-Trace'] ?? 'missing'}`, 'trace_id'));
  const expected = evidenceDigest(bundle);
  checks.push(check('commit.evidence', info.trailers['Fabric-Evidence'] === expected, `Fabric-Evidence: ${info.trailers['Fabric-Evidence'] ?? 'missing'}; bundle digest ${expected}`, 'commit'));
  const releaseKeys = trust.keysForRole('release');
  const signature = await verifyCommitSignature(repoDir, bundle.commit, releaseKeys);
  checks.push(check('commit.signature', signature.ok, signature.ok ? `signed by ${signature.keyid}` : `commit signature: ${signature.reason}`, 'commit'));
  let diff: Sha256Digest | undefined;
  try {
    diff = diffDigest(await treeDiff(repoDir, bundle.base_commit, bundle.commit));
  } catch (e) {
    checks.push(check('commit.diff', false, asFabricError(e).message, 'phases.compile.verified_diff_sha'));
  }
  return { checks, diff };
}

export async function verifyEvidence(bundle: unknown, opts: VerifyEvidenceOptions): Promise<EvidenceReport> {
  const first = verifyBundle(bundle, { trust: opts.trust });
  if (!first.checks.every((c) => c.ok || c.name !== 'schema')) return { ok: false, trace_id: null, commit: null, checks: first.checks };
  const valid = bundle as EvidenceBundle;
  const extra: BundleCheck[] = [];
  let commitDiffDigest: Sha256Digest | undefined;
  if (opts.expectCommit) extra.push(check('commit.expected', valid.commit === opts.expectCommit, `bundle names ${valid.commit}, checking ${opts.expectCommit}`, 'commit'));
  extra.push(check('outcome', valid.outcome === 'success' && valid.regression_score === 0, `outcome ${valid.outcome}, regression score ${valid.regression_score}`, valid.outcome === 'success' ? 'regression_score' : 'outcome'));
  if (opts.repoDir) {
    const commit = await commitChecks(opts.repoDir, valid, opts.trust);
    extra.push(...commit.checks);
    commitDiffDigest = commit.diff;
  } else {
    extra.push(check('commit', true, 'skipped: no repository given'));
  }
  let eventLog: EventLogResult | undefined;
  if (opts.traceDir && existsSync(join(opts.traceDir, EVENT_LOG_FILE))) eventLog = eventLogResult(opts.traceDir, valid);
  else extra.push(check('event_log', true, 'skipped: the event log is not available here (it stays on the machine that ran Fabric)'));
  const full = verifyBundle(bundle, { trust: opts.trust, ...(commitDiffDigest ? { commitDiffDigest } : {}), ...(eventLog ? { eventLog } : {}) });
  const checks = [...full.checks, ...extra];
  return { ok: checks.every((c) => c.ok), trace_id: valid.trace_id, commit: valid.commit, checks };
}
