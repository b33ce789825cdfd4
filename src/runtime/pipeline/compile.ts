/**
 * Compile (deterministic, gated): the winning patch is applied to two fresh workspaces from the
 * base commit and the whole suite runs once in each, in a pinned environment (same sandbox, no
 * network, TZ=UTC, LANG=C.UTF-8, SOURCE_DATE_EPOCH). Identical normalised outcomes give the
 * `reproducibility_hash`; anything else rejects the change as nondeterministic.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyCandidate } from '../../roles/implementer';
import { runTests } from '../../roles/verifier';
import { canonicalDigest, sha256Digest, type Sha256Digest } from '../util/digest';
import { normalizeRun, type NormalizedRun, type SuiteRun } from '../verify';
import type { Winner } from './explore';
import type { RunContext } from './runContext';
import type { Workspaces } from './workspaces';

export const COMPILE_RUNS = 2;

export type CompileOutcome =
  | { kind: 'reproducible'; reproducibility_hash: Sha256Digest; run: SuiteRun; environment: Record<string, string> }
  | { kind: 'nondeterministic'; reason: string; environment: Record<string, string> }
  | { kind: 'failing'; reason: string; environment: Record<string, string> };

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];

/** What the runs depend on: sandbox fingerprint (OS, kernel, node, bwrap), pinned variables, lockfile. */
export async function pinnedEnvironment(rc: RunContext, repoDir: string, testCommand: string, sourceDateEpoch: number): Promise<Record<string, string>> {
  const env: Record<string, string> = { ...(await rc.sandbox.runner.fingerprint()) };
  env.TZ = 'UTC';
  env.LANG = 'C.UTF-8';
  env.SOURCE_DATE_EPOCH = String(sourceDateEpoch);
  env.network = 'none';
  env.test_command = testCommand;
  const lockfile = LOCKFILES.find((f) => existsSync(join(repoDir, f)));
  if (lockfile) env.lockfile = `${lockfile} ${sha256Digest(readFileSync(join(repoDir, lockfile)))}`;
  return env;
}

export async function compile(
  rc: RunContext,
  workspaces: Workspaces,
  input: { winner: Winner; repoDir: string; testCommand: string; timeoutMs: number; sourceDateEpoch: number; allowTestEdits: boolean },
): Promise<CompileOutcome> {
  const environment = await pinnedEnvironment(rc, input.repoDir, input.testCommand, input.sourceDateEpoch);
  const pinned = { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', SOURCE_DATE_EPOCH: String(input.sourceDateEpoch) };
  const normalized: NormalizedRun[] = [];
  let last: SuiteRun | null = null;
  for (let i = 1; i <= COMPILE_RUNS; i++) {
    const ws = await workspaces.create(`compile-${i}`, rc.lease('verifier', `compile-${i}`));
    try {
      await applyCandidate(rc, ws, input.winner.candidate, input.winner.writeScope, input.allowTestEdits);
      const { run } = await runTests(rc, workspaces, rc.lease('verifier', `compile-${i}`), { workspace: ws, command: input.testCommand, timeoutMs: input.timeoutMs, env: pinned, purpose: `compile-${i}` });
      normalized.push(normalizeRun(run));
      last = run;
      if (!run.passed) {
        return { kind: 'failing', reason: `compile run ${i} failed (${run.counts.fail} failing test(s), exit ${run.exitCode})`, environment };
      }
    } finally {
      workspaces.remove(ws);
    }
  }
  const digests = normalized.map((n) => canonicalDigest(n));
  rc.record('verifier', { action_type: 'verification', payload: { kind: 'reproducibility', runs: digests, environment } }, 'compile');
  if (new Set(digests).size !== 1 || !last) {
    return { kind: 'nondeterministic', reason: 'two runs in the pinned environment gave different outcomes', environment };
  }
  const reproducibility_hash = canonicalDigest({ outcome: normalized[0], environment, diff: input.winner.changes.digest });
  return { kind: 'reproducible', reproducibility_hash, run: last, environment };
}
