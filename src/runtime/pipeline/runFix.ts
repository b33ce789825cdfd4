/**
 * One whole run: intake → Explore → Compile → Release. The user's working tree and refs are never
 * written (a dirty tree is snapshotted as objects only); the only ref created is the new
 * `fabric/…` branch (and its evidence note), and only after the fix is verified, reviewed,
 * reproduced and signed. Whatever happens, workspaces are removed and the trace says how it ended.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { RuntimeContext } from '../context';
import { asFabricError, FabricError } from '../errors';
import { inspectRepo, repoIdentity, type RepoState } from '../git';
import { keyStoreOf } from '../keys';
import { selectSandbox } from '../sandbox';
import { sha256Hex } from '../util/digest';
import { detectTestCommand, redactText, secretEnvValues } from '../verify';
import { afterExplore } from './afterExplore';
import { explore } from './explore';
import { DEFAULT_FIX_OPTIONS, type FixOptions, type FixResult, type ProgressReporter } from './options';
import { createRunContext, type RunContext } from './runContext';
import { findInterruptedTraces, sweepStaleWorkspaces, writeOwner } from './leftovers';
import { ensureFabricDir, tracePaths } from './tracePaths';
import { Workspaces } from './workspaces';

export interface RunFixIo {
  progress: ProgressReporter;
  signal: AbortSignal;
  /** Called with the run context as soon as it exists (e.g. to follow events live). */
  onStart?: (rc: RunContext) => void;
}

function checkOptions(o: FixOptions): void {
  const bad: string[] = [];
  if (!o.goal || !o.goal.trim()) bad.push('--goal must not be empty');
  if (!Number.isInteger(o.candidates) || o.candidates < 1 || o.candidates > 1000) bad.push('--candidates must be an integer from 1 to 1000');
  if (!Number.isInteger(o.parallel) || o.parallel < 1 || o.parallel > 64) bad.push('--parallel must be an integer from 1 to 64');
  if (!(o.testTimeoutMs >= 1000)) bad.push('--test-timeout must be at least 1 second');
  if (!(o.budgetMs >= 10_000)) bad.push('--budget must be at least 10 seconds');
  if (o.testCommand !== undefined && !o.testCommand.trim()) bad.push('--test must not be empty');
  if (bad.length > 0) throw new FabricError('USAGE_INVALID', bad.join('; '), { data: { errors: bad } });
}

function readPackageJson(root: string): unknown {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FabricError('CONFIG_INVALID', `package.json is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

export async function runFix(ctx: RuntimeContext, partial: Partial<FixOptions> & Pick<FixOptions, 'workspace' | 'goal'>, io: RunFixIo): Promise<FixResult> {
  const given: FixOptions = { ...DEFAULT_FIX_OPTIONS, ...partial };
  checkOptions(given);
  // The goal ends up in the plan, the branch name, the signed bundle, its git note and the commit
  // message (all of which travel with a push): credentials pasted into it are redacted first.
  const options: FixOptions = { ...given, goal: redactText(given.goal, secretEnvValues(ctx.env)) };
  const started = ctx.clock.monotonicMs();
  const identity = await repoIdentity(options.workspace);
  const packageJson = readPackageJson(identity.root);
  const testCommand = options.testCommand ?? detectTestCommand(packageJson);
  if (!testCommand) throw new FabricError('WORKSPACE_NO_TESTS', 'no test command: pass --test "<command>" or add a "test" script to package.json');
  const keyStore = keyStoreOf(ctx);
  const { keys, created } = await keyStore.runtimeKeys();
  if (created.length > 0) io.progress(`created Fabric keys (${created.join(', ')}) in ${keyStore.location}; \`fabric keys allowed-signers\` prints them for git`);
  const operatorKeys = (await keyStore.trustStore()).keysForRole('operator');
  const sandbox = await selectSandbox(options.sandbox);
  if (sandbox.warning) io.progress(`WARNING: ${sandbox.warning}`);

  ensureFabricDir(identity.root);
  const swept = sweepStaleWorkspaces();
  if (swept.length > 0) io.progress(`removed ${swept.length} workspace folder(s) left by interrupted runs`);
  for (const t of findInterruptedTraces(identity.root)) {
    io.progress(`an earlier run was interrupted: trace ${t.trace_id} (${t.events} event(s) recorded, ${t.intact ? 'log intact' : 'log DAMAGED'})`);
  }
  const traceId = ctx.random.uuid();
  const trace = tracePaths(identity.root, traceId);
  const rc = createRunContext({
    ctx,
    ids: {
      trace_id: traceId,
      session_id: ctx.random.uuid(),
      tenant_id: `repo:${sha256Hex(identity.originUrl ?? identity.root).slice(0, 16)}`,
      principal: identity.userEmail ?? safeUserName(),
    },
    trace,
    repoDir: identity.root,
    sandbox,
    budgetMs: options.budgetMs,
    maxRevisions: options.maxRevisions,
    signal: io.signal,
    operatorKeys,
  });
  writeOwner(trace.dir, traceId);
  io.onStart?.(rc);
  io.progress(`trace ${traceId} (events: ${trace.events})`);

  let repo: RepoState | null = null;
  const workspacesRef: { current: Workspaces | null } = { current: null };
  const result = (outcome: FixResult['outcome'], extra: Partial<FixResult> = {}): FixResult => ({
    trace_id: traceId,
    outcome,
    base_commit: repo?.baseOid ?? '',
    events_path: trace.events,
    trace_dir: trace.dir,
    candidates_tried: 0,
    candidates_verified: 0,
    tests: { baseline_failing: [], fixed: [], passing_after: 0 },
    sandbox: sandbox.runner.kind,
    duration_ms: Math.round(ctx.clock.monotonicMs() - started),
    ...extra,
  });

  let final: FixResult;
  try {
    repo = await rc.gate.invoke(rc.lease('operator', 'intake'), { capability: 'git.snapshot', role: 'operator' }, { repo: '.' }, () => inspectRepo(identity.root, { clock: ctx.clock }), {
      summarize: (r) => ({ head: r.headOid, base: r.baseOid, dirty: r.dirty, branch: r.headBranch, default_branch: r.defaultBranch }),
    });
    if (repo.dirty) io.progress(`the working tree has uncommitted changes: fixing against a snapshot (${repo.baseOid.slice(0, 12)}), no ref moved`);
    const workspaces = new Workspaces(rc, repo.repoDir, repo.baseOid);
    workspacesRef.current = workspaces;
    const explored = await explore(rc, workspaces, { repo, options, testCommand, packageJson, progress: io.progress });
    final = await afterExplore(rc, ctx, workspaces, repo, options, testCommand, explored, keys, started, result, io.progress);
  } catch (e) {
    const err = asFabricError(e);
    const outOfBudget = err.code === 'GATE_BUDGET_EXCEEDED';
    const stopped = err.code === 'RUN_ABORTED' || io.signal.aborted || outOfBudget;
    rc.record('orchestrator', { action_type: 'error', payload: { ...err.toJSON(), stage: rc.session.state } });
    if (!rc.session.isTerminal) rc.session.send({ type: stopped ? 'abort' : 'error', reason: err.message });
    if (!stopped && (isInputError(err) || err.code === 'INTERNAL')) {
      finishTrace(rc, trace.result, result('failed', { reason: err.message }));
      throw err;
    }
    const reason = outOfBudget
      ? `the wall-time budget of ${Math.round(options.budgetMs / 1000)} s ran out before a fix was verified; no branch was created`
      : stopped
        ? 'interrupted: no branch was created'
        : `${err.code}: ${err.message}`;
    final = result(stopped ? 'aborted' : 'failed', { reason });
  } finally {
    workspacesRef.current?.dispose();
  }
  finishTrace(rc, trace.result, final);
  return final;
}

/**
 * Errors the user fixes by changing input, configuration or the test command itself (a missing
 * runner, a hanging suite): thrown with their code once the trace is finished, not turned into a
 * `failed` outcome (which means a fault of Fabric's). The CLI maps each code to its exit status.
 */
function isInputError(err: FabricError): boolean {
  return ['WORKSPACE_NO_TESTS', 'CONFIG_INVALID', 'USAGE_INVALID', 'SANDBOX_UNAVAILABLE', 'WORKSPACE_NOT_GIT', 'RUN_TIMEOUT'].includes(err.code);
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function finishTrace(rc: RunContext, path: string, final: FixResult): void {
  rc.record('orchestrator', { action_type: 'thought', payload: { kind: 'run_finished', outcome: final.outcome, reason: final.reason ?? null, branch: final.branch ?? null, commit: final.commit ?? null } });
  rc.events.sync();
  rc.events.close();
  writeFileSync(path, JSON.stringify(final, null, 2) + '\n');
}
