/**
 * Explore (non-deterministic, sandboxed, read-only to the user's tree): baseline → Localizer →
 * Planner → Implementer → Verifier → Reviewer, with a bounded revise loop (each round widens the
 * write scope and tries the next candidates). Output: one verified, reviewed candidate or none.
 */
import { writeFileSync } from 'node:fs';
import { localizeFailure, type LocalizerOutput } from '../../roles/localizer';
import { planFix, writeScopeOf, type Plan } from '../../roles/planner';
import { proposeCandidates, applyCandidate } from '../../roles/implementer';
import { reviewChanges } from '../../roles/reviewer';
import { runTests, type TestRun } from '../../roles/verifier';
import { FabricError } from '../errors';
import { workspaceChanges, type RepoState, type WorkspaceChanges } from '../git';
import type { RepairCandidate } from '../models/offline';
import { failingTestFiles, focusTestCommand, type SuiteRun } from '../verify';
import { verifyCandidates, type CandidateRecord } from './candidatePool';
import type { FixOptions, ProgressReporter } from './options';
import type { RunContext } from './runContext';
import type { Workspaces } from './workspaces';

export interface ExploreInput {
  repo: RepoState;
  options: FixOptions;
  testCommand: string;
  packageJson: unknown;
  progress: ProgressReporter;
}

export interface Winner {
  candidate: RepairCandidate;
  changes: WorkspaceChanges;
  plan: Plan;
  writeScope: string[];
  staticChecks: string[];
}

export type ExploreOutcome =
  | { kind: 'nothing_to_fix'; baseline: SuiteRun }
  | { kind: 'no_fix'; reason: string; baseline: SuiteRun; records: CandidateRecord[] }
  | { kind: 'rejected'; reason: string; baseline: SuiteRun; records: CandidateRecord[] }
  | { kind: 'found'; winner: Winner; baseline: SuiteRun; records: CandidateRecord[]; runTimeoutMs: number };

/** Exit status of `sh -c` when the command itself was not found. */
const COMMAND_NOT_FOUND = 127;

export async function explore(rc: RunContext, workspaces: Workspaces, input: ExploreInput): Promise<ExploreOutcome> {
  const { options, progress } = input;
  rc.session.send({ type: 'start' });

  progress(`running the baseline: ${input.testCommand}`);
  const baselineWs = await workspaces.create('baseline', rc.lease('verifier', 'baseline'));
  const baseline = await runTests(rc, workspaces, rc.lease('verifier', 'baseline'), { workspace: baselineWs, command: input.testCommand, timeoutMs: options.testTimeoutMs, purpose: 'baseline' });
  checkBaselineRan(baseline, input.testCommand, options.testTimeoutMs);
  if (baseline.run.passed) {
    rc.session.send({ type: 'baseline_passing', reason: 'every test passes: nothing to fix' });
    return { kind: 'nothing_to_fix', baseline: baseline.run };
  }
  const failing = baseline.run.tests.filter((t) => t.status === 'fail').map((t) => t.id);
  rc.session.send({ type: 'baseline_failing', reason: `${failing.length || 'some'} failing test(s)` });
  progress(`baseline: ${failing.length} failing test(s)${failing.length ? `: ${failing.slice(0, 3).join('; ')}` : ''}`);

  // A candidate can loop forever (e.g. a flipped loop bound): later runs get a limit scaled from the
  // baseline's duration instead of the full --test-timeout, so a hanging candidate costs seconds.
  const runTimeoutMs = candidateTimeout(baseline.exec.durationMs, options.testTimeoutMs);
  const testFilesFailing = failingTestFiles(baseline.run, baselineWs.path);
  progress('localizing the failure');
  const localization = await localizeFailure(rc, workspaces, {
    workspace: baselineWs,
    baseline: baseline.run,
    baselineOutput: `${baseline.exec.stdout}\n${baseline.exec.stderr}`,
    testCommand: input.testCommand,
    packageJson: input.packageJson,
    failingTestFiles: testFilesFailing,
    timeoutMs: runTimeoutMs,
    parallel: options.parallel,
  });
  workspaces.remove(baselineWs);
  rc.session.send({ type: 'localized', reason: `${localization.locations.length} ranked location(s)` });
  if (localization.locations.length === 0) {
    // Nothing to plan against: each remaining round ends at once, so the bounded revise loop reaches no_fix.
    while (rc.session.state !== 'no_fix') {
      rc.session.send({ type: 'planned', reason: 'no location to edit' });
      rc.session.send({ type: 'no_candidates', reason: 'the failure points at no editable source line' });
    }
    return finish(rc, baseline.run, [], 'the failure points at no editable source line');
  }
  const focusedCommand = testFilesFailing.length > 0 ? focusTestCommand({ testCommand: input.testCommand, packageJson: input.packageJson, files: testFilesFailing }) : null;

  const records: CandidateRecord[] = [];
  const tried = new Set<string>();
  const previousFailures: string[] = [];
  for (let revision = 0; ; revision++) {
    const plan = writePlan(rc, input, localization, failing, revision, previousFailures);
    const writeScope = writeScopeOf(plan);
    rc.session.send({ type: 'planned', reason: `write scope: ${writeScope.join(', ')}` });

    const candidates = proposeCandidates(rc, { files: localization.files, locations: localization.locations, writeScope, maxCandidates: options.candidates, exclude: tried });
    if (candidates.length === 0) {
      const state = rc.session.send({ type: 'no_candidates', reason: 'the repair engine has no further candidate in scope' });
      if (state === 'no_fix') return finish(rc, baseline.run, records, 'no candidate patch left to try');
      continue;
    }
    candidates.forEach((c) => tried.add(c.id));
    rc.session.send({ type: 'candidates_ready', reason: `${candidates.length} candidate(s)` });
    progress(`round ${revision + 1}: verifying up to ${candidates.length} candidate(s), ${options.parallel} at a time`);
    const pool = await verifyCandidates(rc, workspaces, {
      candidates,
      baseline: baseline.run,
      testCommand: input.testCommand,
      focusedCommand,
      writeScope,
      allowTestEdits: options.allowTestEdits,
      parallel: options.parallel,
      timeoutMs: runTimeoutMs,
      progress,
    });
    records.push(...pool.records.filter((r) => r.verdict !== 'not-run'));
    const best = pool.verified[0];
    if (!best) {
      previousFailures.push(`round ${revision + 1}: ${pool.records.filter((r) => r.verdict !== 'not-run').length} candidate(s), none verified`);
      const state = rc.session.send({ type: 'none_verified', reason: `none of ${candidates.length} candidate(s) passed the suite` });
      if (state === 'no_fix') return finish(rc, baseline.run, records, `no verified fix among ${records.length} candidate(s)`);
      continue;
    }
    rc.session.send({ type: 'verified', reason: best.description });

    const review = await reviewCandidate(rc, workspaces, input, best, writeScope);
    if (review.verdict === 'approve') {
      rc.session.send({ type: 'review_passed' });
      return { kind: 'found', baseline: baseline.run, records, runTimeoutMs, winner: { candidate: best, changes: review.changes, plan, writeScope, staticChecks: review.checks } };
    }
    const why = review.findings.map((f) => `${f.rule}: ${f.path}`).join('; ');
    previousFailures.push(`review rejected ${best.id}: ${why}`);
    const state = rc.session.send({ type: 'review_revise', reason: why });
    if (state === 'rejected') return { kind: 'rejected', reason: `the Reviewer rejected the verified candidate (${why})`, baseline: baseline.run, records };
  }
}

/** Time limit of one candidate or compile run: 5× the baseline plus slack, within [5 s, --test-timeout]. */
export function candidateTimeout(baselineMs: number, maxMs: number): number {
  return Math.round(Math.min(maxMs, Math.max(5_000, baselineMs * 5 + 3_000)));
}

function checkBaselineRan(baseline: TestRun, command: string, timeoutMs: number): void {
  if (baseline.exec.timedOut) {
    throw new FabricError('RUN_TIMEOUT', `the test command did not finish within ${Math.round(timeoutMs / 1000)} s (its process tree was killed); raise --test-timeout or fix the hang`, { data: { command } });
  }
  if (baseline.exec.exitCode === COMMAND_NOT_FOUND && baseline.run.tests.length === 0) {
    throw new FabricError('WORKSPACE_NO_TESTS', `the test command was not found in the sandbox: ${command} (${baseline.exec.stderr.trim().split('\n').pop() ?? ''})`, { data: { command } });
  }
}

function writePlan(rc: RunContext, input: ExploreInput, localization: LocalizerOutput, failing: string[], revision: number, previousFailures: string[]): Plan {
  const plan = planFix({
    goal: input.options.goal,
    traceId: rc.ids.trace_id,
    locations: localization.locations.map((l) => ({ file: l.file, line: l.line, score: l.score })),
    relevantFiles: localization.relevantFiles,
    testCommand: input.testCommand,
    failingTests: failing.length > 0 ? failing : ['<exit-code>'],
    allowTestEdits: input.options.allowTestEdits,
    revision,
    previousFailures,
  });
  writeFileSync(rc.trace.plan, JSON.stringify(plan, null, 2) + '\n');
  rc.record('planner', { action_type: 'plan_update', payload: { revision, plan } });
  return plan;
}

function finish(rc: RunContext, baseline: SuiteRun, records: CandidateRecord[], reason: string): ExploreOutcome {
  return { kind: 'no_fix', reason, baseline, records };
}

/** The Reviewer looks at the candidate's diff computed from a fresh workspace (no test artifacts). */
async function reviewCandidate(rc: RunContext, workspaces: Workspaces, input: ExploreInput, candidate: RepairCandidate, writeScope: string[]) {
  const ws = await workspaces.create(`review-${candidate.id}`, rc.lease('implementer', candidate.id));
  try {
    await applyCandidate(rc, ws, candidate, writeScope, input.options.allowTestEdits);
    const changes = await rc.gate.invoke(
      rc.lease('reviewer'),
      { capability: 'fs.read', role: 'reviewer', path: candidate.file },
      { workspace: ws.label, what: 'candidate diff' },
      () => workspaceChanges(input.repo.repoDir, input.repo.baseOid, ws.path, { skip: workspaces.skipped }),
      { summarize: (c) => ({ files: c.files.map((f) => f.path), digest: c.digest }) },
    );
    const files = changes.files.map(({ path, before, after, binary }) => ({ path, before, after, binary }));
    const verdict = reviewChanges({ files, writeScope, allowTestEdits: input.options.allowTestEdits });
    rc.record('reviewer', { action_type: 'verification', payload: { kind: 'review', candidate: candidate.id, verdict: verdict.verdict, findings: verdict.findings, checks: verdict.checks, diff_digest: changes.digest } });
    return { ...verdict, changes };
  } finally {
    workspaces.remove(ws);
  }
}
