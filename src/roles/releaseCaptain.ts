/**
 * The Release Captain: the only role that writes git objects and refs. It builds the Evidence
 * Bundle, creates the SSH-signed commit on the base (trailers `Fabric-Trace:` and
 * `Fabric-Evidence:`), has the bundle signed by the verifier and policy-engine keys, creates the
 * `fabric/…` branch (never main, the default or the checked-out branch — the Gate refuses) and
 * attaches the bundle as a note on `refs/notes/fabric`. Every step goes through the Gate.
 */
import { writeFileSync } from 'node:fs';
import type { RuntimeContext } from '../runtime/context';
import { evidenceDigest, inTotoStatement, signBundle, signDsse, type EvidenceBundle, type UnsignedBundle } from '../runtime/evidence';
import { addEvidenceNote, createFabricBranch, createSignedCommit, type RepoState } from '../runtime/git';
import type { Ed25519Key, RuntimeKeyRole } from '../runtime/keys';
import type { CandidateRecord } from '../runtime/pipeline/candidatePool';
import type { CompileOutcome } from '../runtime/pipeline/compile';
import type { Winner } from '../runtime/pipeline/explore';
import type { RunContext } from '../runtime/pipeline/runContext';
import { FABRIC_NOTES_REF } from '../runtime/policy';
import type { SuiteRun } from '../runtime/verify';

export const RELEASE_IDENTITY = { name: 'Fabric Release Captain', email: 'fabric-release@fabric.invalid' };

export interface ReleaseInput {
  repo: RepoState;
  goal: string;
  branch: string;
  winner: Winner;
  compiled: Extract<CompileOutcome, { kind: 'reproducible' }>;
  baseline: SuiteRun;
  records: CandidateRecord[];
  keys: Record<RuntimeKeyRole, Ed25519Key>;
  wallMs: number;
}

export interface ReleaseOutput {
  commit: string;
  bundle: EvidenceBundle;
}

function refFacts(repo: RepoState, ref: string) {
  return {
    ref,
    protected: false,
    defaultBranch: `refs/heads/${repo.defaultBranch}`,
    ...(repo.headBranch ? { checkedOutBranch: `refs/heads/${repo.headBranch}` } : {}),
  };
}

function commitMessage(goal: string, winner: Winner, compiled: ReleaseInput['compiled'], fixed: number): string {
  const title = goal.split('\n')[0].trim().slice(0, 60) || 'fix failing tests';
  return [
    `fix: ${title}`,
    '',
    `${winner.candidate.description} (${winner.candidate.operator}).`,
    '',
    `Verified by Fabric: ${fixed} failing test(s) fixed, the whole suite passes (${compiled.run.counts.pass} passed),`,
    `no regression, reproducible in a pinned sandbox (${compiled.reproducibility_hash.slice(0, 19)}…).`,
  ].join('\n');
}

export async function release(rc: RunContext, ctx: RuntimeContext, input: ReleaseInput): Promise<ReleaseOutput> {
  const lease = rc.lease('release_captain');
  const passedIds = input.compiled.run.tests.filter((t) => t.status === 'pass').map((t) => t.id);
  const fixed = input.baseline.tests.filter((t) => t.status === 'fail').length;
  const stats = rc.gate.stats();
  const head = rc.events.head();
  const core: Omit<UnsignedBundle, 'commit'> = {
    schema_version: 'fabric.evidence/v1',
    trace_id: rc.ids.trace_id,
    tenant_id: rc.ids.tenant_id,
    goal: input.goal,
    outcome: 'success',
    base_commit: input.repo.baseOid,
    branch: input.branch,
    environment: input.compiled.environment,
    phases: {
      explore: {
        attempts: input.records.length,
        trace_ref: rc.trace.traceRef,
        candidates: input.records.map((r) => ({ id: r.id, operator: r.operator, verdict: r.verdict, score: r.score })),
      },
      compile: {
        verified_diff_sha: input.winner.changes.digest,
        tests_passed: passedIds.length > 0 ? passedIds : ['<exit-code>'],
        static_checks: [...input.winner.staticChecks.map((c) => `review/${c}`), 'cedar:pass', 'syntax:pass', 'reproducible:pass'],
        reproducibility_hash: input.compiled.reproducibility_hash,
      },
    },
    regression_score: 0,
    policy_decisions: { allowed: stats.allowed, denied: stats.denied, decisions_digest: stats.decisions_digest },
    cost: { wall_ms: Math.round(input.wallMs), tokens: 0, usd: 0 },
    event_log: { head_hash: head.hash, count: head.count },
  };
  const trailerDigest = evidenceDigest(core);
  const now = ctx.clock.now();

  const commit = await rc.gate.invoke(
    lease,
    { capability: 'git.commit', role: 'release_captain' },
    { parent: input.repo.baseOid, files: input.winner.changes.files.map((f) => f.path), evidence: trailerDigest },
    () =>
      createSignedCommit(input.repo.repoDir, {
        parentOid: input.repo.baseOid,
        changes: input.winner.changes.files.map((f) => ({ path: f.path, content: f.after, ...(f.mode === '100755' ? { mode: '100755' as const } : {}) })),
        message: commitMessage(input.goal, input.winner, input.compiled, fixed),
        trailers: { 'Fabric-Trace': rc.ids.trace_id, 'Fabric-Evidence': trailerDigest },
        author: { ...RELEASE_IDENTITY, timestamp: Math.floor(now.getTime() / 1000), timezoneOffset: 0 },
        signer: input.keys.release,
      }),
    { summarize: (oid) => ({ commit: oid }) },
  );

  const bundle = await rc.gate.invoke(
    lease,
    { capability: 'evidence.sign', role: 'release_captain', subject: commit },
    { commit, evidence: trailerDigest },
    async () => signBundle({ ...core, commit }, { verifier: input.keys.verifier, policy_engine: input.keys.policy_engine }),
    { summarize: (b) => ({ verifier: b.signatures.verifier.keyid, policy_engine: b.signatures.policy_engine.keyid }) },
  );
  writeFileSync(rc.trace.bundle, JSON.stringify(bundle, null, 2) + '\n');
  const dsse = signDsse(inTotoStatement(bundle, { commit, diffDigest: bundle.phases.compile.verified_diff_sha }), input.keys.verifier);
  writeFileSync(rc.trace.dsse, JSON.stringify(dsse, null, 2) + '\n');

  const branchRef = `refs/heads/${input.branch}`;
  await rc.gate.invoke(lease, { capability: 'git.write_ref', role: 'release_captain', ...refFacts(input.repo, branchRef) }, { ref: branchRef, oid: commit }, () =>
    createFabricBranch(input.repo, input.branch, commit),
  );
  await rc.gate.invoke(lease, { capability: 'git.note', role: 'release_captain', ...refFacts(input.repo, FABRIC_NOTES_REF) }, { ref: FABRIC_NOTES_REF, commit }, () =>
    addEvidenceNote(input.repo.repoDir, commit, JSON.stringify(bundle, null, 2) + '\n', FABRIC_NOTES_REF, { clock: ctx.clock }),
  );
  return { commit, bundle };
}
