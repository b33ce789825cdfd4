/**
 * After Explore: nothing to fix / no fix / rejected become the run's outcome; a found candidate
 * goes through Compile (two pinned runs) and, when reproducible, to the Release Captain.
 */
import { release } from '../../roles/releaseCaptain';
import type { RuntimeContext } from '../context';
import { FabricError } from '../errors';
import { branchName, readCommitTime, type RepoState } from '../git';
import type { RuntimeKeys } from '../keys';
import { compile } from './compile';
import type { ExploreOutcome } from './explore';
import type { FixOptions, FixResult, ProgressReporter } from './options';
import type { RunContext } from './runContext';
import type { Workspaces } from './workspaces';

export async function afterExplore(
  rc: RunContext,
  ctx: RuntimeContext,
  workspaces: Workspaces,
  repo: RepoState,
  options: FixOptions,
  testCommand: string,
  explored: ExploreOutcome,
  keys: RuntimeKeys['keys'],
  started: number,
  result: (outcome: FixResult['outcome'], extra?: Partial<FixResult>) => FixResult,
  progress: ProgressReporter,
): Promise<FixResult> {
  const baselineFailing = explored.baseline.tests.filter((t) => t.status === 'fail').map((t) => t.id);
  const counts = 'records' in explored ? { candidates_tried: explored.records.length, candidates_verified: explored.records.filter((r) => r.verdict === 'verified').length } : {};
  switch (explored.kind) {
    case 'nothing_to_fix':
      return result('no_fix', { reason: 'nothing to fix: every test passes', tests: { baseline_failing: [], fixed: [], passing_after: explored.baseline.counts.pass } });
    case 'no_fix':
      return result('no_fix', { reason: explored.reason, ...counts, tests: { baseline_failing: baselineFailing, fixed: [], passing_after: 0 } });
    case 'rejected':
      return result('rejected', { reason: explored.reason, ...counts, tests: { baseline_failing: baselineFailing, fixed: [], passing_after: 0 } });
    case 'found':
      break;
    default: {
      const unreachable: never = explored;
      return unreachable;
    }
  }
  const { winner } = explored;
  progress(`compile: re-running the fix twice in a pinned environment`);
  const compiled = await compile(rc, workspaces, {
    winner,
    repoDir: repo.repoDir,
    testCommand,
    timeoutMs: explored.runTimeoutMs,
    sourceDateEpoch: await readCommitTime(repo.repoDir, repo.baseOid),
    allowTestEdits: options.allowTestEdits,
  });
  if (compiled.kind !== 'reproducible') {
    rc.session.send({ type: 'nondeterministic', reason: compiled.reason });
    return result('rejected', { reason: compiled.kind === 'nondeterministic' ? `nondeterministic: ${compiled.reason}` : compiled.reason, ...counts });
  }
  rc.session.send({ type: 'compiled', reason: compiled.reproducibility_hash });
  if (rc.signal.aborted) throw new FabricError('RUN_ABORTED', 'interrupted before release');

  const branch = branchName(options.goal, rc.ids.trace_id);
  progress(`release: signing the evidence and committing to ${branch}`);
  const released = await release(rc, ctx, {
    repo,
    goal: options.goal,
    branch,
    winner,
    compiled,
    baseline: explored.baseline,
    records: explored.records,
    keys,
    wallMs: ctx.clock.monotonicMs() - started,
  });
  rc.session.send({ type: 'released', reason: `${branch} @ ${released.commit}` });
  return result('success', {
    branch,
    commit: released.commit,
    bundle_path: rc.trace.bundle,
    dsse_path: rc.trace.dsse,
    fix: { id: winner.candidate.id, operator: winner.candidate.operator, description: winner.candidate.description, file: winner.candidate.file, patch: winner.changes.patch },
    ...counts,
    tests: { baseline_failing: baselineFailing, fixed: baselineFailing, passing_after: compiled.run.counts.pass },
  });
}
