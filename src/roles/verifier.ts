/**
 * The Verifier: runs the project's own test command in the sandbox, through the Gate, and judges a
 * candidate against the baseline — the failing tests first (fail fast), then the whole suite; any
 * previously passing test that now fails is a regression and rejects the candidate.
 */
import { FabricError } from '../runtime/errors';
import type { Lease } from '../runtime/kernel';
import type { RunContext } from '../runtime/pipeline/runContext';
import type { Workspace, Workspaces } from '../runtime/pipeline/workspaces';
import { join } from 'node:path';
import { minimalEnv, type ExecResult } from '../runtime/sandbox';
import { compareRuns, parseTestOutput, type RunComparison, type SuiteRun } from '../runtime/verify';

export interface TestRun {
  run: SuiteRun;
  exec: ExecResult;
}

export interface TestRunRequest {
  workspace: Workspace;
  command: string;
  timeoutMs: number;
  /** Extra environment (pinned variables, NODE_V8_COVERAGE …) on top of the sandbox's clean env. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** What this run is for, recorded in the event (e.g. `baseline`, `focused`, `full`, `compile-1`). */
  purpose: string;
}

const FAILING_IDS_IN_EVENT = 25;

/** PATH as `npm run` sets it: the project's `node_modules/.bin` first, so focused runner commands find their binary. */
function projectPath(workspace: Workspace): string {
  return `${join(workspace.path, 'node_modules', '.bin')}:${minimalEnv('/').PATH}`;
}

/** Runs one test command in `workspace` through the Gate and parses per-test outcomes. */
export async function runTests(rc: RunContext, workspaces: Workspaces, lease: Lease, req: TestRunRequest): Promise<TestRun> {
  const result = await rc.gate.invoke(
    lease,
    { capability: 'sandbox.exec', role: lease.role, program: 'sh', workspace: req.workspace.label, network: false },
    { command: req.command, workspace: req.workspace.label, purpose: req.purpose, env: Object.keys(req.env ?? {}).sort() },
    async () => {
      const exec = await rc.sandbox.runner.run({
        argv: ['sh', '-c', req.command],
        cwd: req.workspace.path,
        workspace: req.workspace.path,
        readOnlyMounts: workspaces.mounts(req.workspace),
        env: { PATH: projectPath(req.workspace), ...req.env },
        timeoutMs: req.timeoutMs,
        signal: req.signal ?? rc.signal,
        limits: { fileSizeBytes: 512 * 1024 * 1024, openFiles: 4096 },
      });
      const run = parseTestOutput({ stdout: exec.stdout, stderr: exec.stderr, exitCode: exec.exitCode, timedOut: exec.timedOut, workspaceRoot: req.workspace.path });
      return { exec, run };
    },
    {
      summarize: ({ exec, run }) => {
        const stdout = rc.events.inlineOrBlob(exec.stdout, 2048);
        const stderr = rc.events.inlineOrBlob(exec.stderr, 2048);
        return {
          purpose: req.purpose,
          exit_code: exec.exitCode,
          signal: exec.signal,
          timed_out: exec.timedOut,
          cancelled: exec.cancelled,
          output_truncated: exec.truncated,
          limit_breached: exec.limitBreached,
          duration_ms: Math.round(exec.durationMs),
          format: run.format,
          counts: run.counts,
          failing: run.tests.filter((t) => t.status === 'fail').slice(0, FAILING_IDS_IN_EVENT).map((t) => t.id),
          stdout: stdout.text,
          stdout_ref: stdout.evidence_ref,
          stderr: stderr.text,
          stderr_ref: stderr.evidence_ref,
        };
      },
    },
  );
  if (result.exec.cancelled) throw new FabricError('RUN_ABORTED', 'the run was cancelled');
  return result;
}

export type CandidateVerdict =
  | { kind: 'verified'; comparison: RunComparison; run: SuiteRun }
  | { kind: 'still-failing'; stage: 'focused' | 'full'; comparison?: RunComparison }
  | { kind: 'regression'; comparison: RunComparison }
  | { kind: 'timeout'; stage: 'focused' | 'full' };

/** Judges one candidate workspace: focused command first (when there is one), then the whole suite. */
export async function verifyCandidate(
  rc: RunContext,
  workspaces: Workspaces,
  lease: Lease,
  input: { workspace: Workspace; baseline: SuiteRun; testCommand: string; focusedCommand: string | null; timeoutMs: number; signal: AbortSignal },
): Promise<CandidateVerdict> {
  if (input.focusedCommand) {
    const focused = await runTests(rc, workspaces, lease, { workspace: input.workspace, command: input.focusedCommand, timeoutMs: input.timeoutMs, signal: input.signal, purpose: 'focused' });
    if (focused.exec.timedOut) return { kind: 'timeout', stage: 'focused' };
    if (!focused.run.passed) return { kind: 'still-failing', stage: 'focused' };
  }
  const full = await runTests(rc, workspaces, lease, { workspace: input.workspace, command: input.testCommand, timeoutMs: input.timeoutMs, signal: input.signal, purpose: 'full' });
  if (full.exec.timedOut) return { kind: 'timeout', stage: 'full' };
  const comparison = compareRuns(input.baseline, full.run);
  if (comparison.regressionScore > 0) return { kind: 'regression', comparison };
  if (!full.run.passed) return { kind: 'still-failing', stage: 'full', comparison };
  return { kind: 'verified', comparison, run: full.run };
}
