/**
 * Shared pieces of the whole-run (`runFix`) integration tests: repos copied from demo/textkit or
 * test/fixtures/pipeline, a Fabric context on a temp FABRIC_HOME, a run wrapper that never throws,
 * byte snapshots of a repository, and the scan for leftover workspaces.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeContext, type RuntimeContext } from '../../../src/runtime/context';
import { asFabricError, type FabricError } from '../../../src/runtime/errors';
import { readEventLog, type FabricEvent } from '../../../src/runtime/events';
import { legalTransitions } from '../../../src/runtime/session';
import type { FixOptions, FixResult } from '../../../src/runtime/pipeline/options';
import type { RunContext } from '../../../src/runtime/pipeline/runContext';
import { runFix } from '../../../src/runtime/pipeline/runFix';
import { git } from '../../helpers/gitRepo';
import { snapshotBytes } from '../git/helpers';

export const PROJECT_ROOT = join(__dirname, '..', '..', '..');
export const DEMO_TEXTKIT = join(PROJECT_ROOT, 'demo', 'textkit');
export const PIPELINE_FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'pipeline');
export const DEMO_GOAL = 'truncate cuts text that already fits';

/** Copies demo/textkit to `dir`, lays `overlay` (a folder under test/fixtures/pipeline) over it, commits on `main`. */
export function makeTextkitRepo(dir: string, overlay?: string): string {
  cpSync(DEMO_TEXTKIT, dir, { recursive: true });
  if (overlay) cpSync(join(PIPELINE_FIXTURES, overlay), dir, { recursive: true });
  return commitAll(dir);
}

/** Copies a whole fixture repo from test/fixtures/pipeline to `dir` and commits it on `main`. */
export function makeFixtureRepo(fixture: string, dir: string): string {
  cpSync(join(PIPELINE_FIXTURES, fixture), dir, { recursive: true });
  return commitAll(dir);
}

/** `git init` on `main` and one commit of everything in `dir`; returns the commit id. */
export function commitAll(dir: string): string {
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'fixture']);
  return git(dir, ['rev-parse', 'HEAD']);
}

/** A Fabric context on its own FABRIC_HOME; `env` is the Fabric process's (secret-looking values are redacted). */
export function fabricContext(fabricHome: string, env: Record<string, string> = {}): RuntimeContext {
  mkdirSync(fabricHome, { recursive: true });
  return createNodeContext({ fabricHome, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', FABRIC_HOME: fabricHome, ...env } });
}

export interface RunOutcome {
  result?: FixResult;
  error?: FabricError;
  progress: string[];
  /** The run's trace id (set once the run context exists). */
  traceId?: string;
}

export interface RunHooks {
  signal?: AbortSignal;
  onStart?: (rc: RunContext) => void;
}

/** Runs `runFix` and returns its result or its typed error (never throws). */
export async function runOn(ctx: RuntimeContext, options: Partial<FixOptions> & Pick<FixOptions, 'workspace'>, hooks: RunHooks = {}): Promise<RunOutcome> {
  const outcome: RunOutcome = { progress: [] };
  try {
    outcome.result = await runFix(
      ctx,
      { goal: DEMO_GOAL, parallel: 2, ...options },
      {
        progress: (m) => outcome.progress.push(m),
        signal: hooks.signal ?? new AbortController().signal,
        onStart: (rc) => {
          outcome.traceId = rc.ids.trace_id;
          hooks.onStart?.(rc);
        },
      },
    );
  } catch (e) {
    outcome.error = asFabricError(e);
  }
  return outcome;
}

export function readEvents(eventsPath: string): FabricEvent[] {
  return readEventLog(eventsPath).events;
}

/** Temp folders of a run's workspaces still on disk (`fabric-<trace8>-*` in the OS temp dir). */
export function leftoverWorkspaces(traceId: string): string[] {
  const prefix = `fabric-${traceId.slice(0, 8)}-`;
  return readdirSync(tmpdir()).filter((name) => name.startsWith(prefix));
}

/** Every `refname oid` of the repository (loose and packed), via git. */
export function refList(repo: string): Map<string, string> {
  const out = git(repo, ['for-each-ref', '--format=%(refname) %(objectname)']);
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ') as [string, string]),
  );
}

export interface RepoBytes {
  /** Working tree files (without `.git/` and Fabric's own `.fabric/`), path → mode and bytes. */
  tree: Map<string, string>;
  /** `.git/` files other than objects (index, HEAD, config, hooks, refs, packed-refs, logs). */
  gitFiles: Map<string, string>;
  /** The raw bytes of `.git/index`, base64 ('' when missing). */
  index: string;
  refs: Map<string, string>;
}

/** A byte snapshot of everything of the user's a run must not change (objects may be added). */
export function repoBytes(repo: string): RepoBytes {
  const indexPath = join(repo, '.git', 'index');
  return {
    tree: snapshotBytes(repo, (rel) => rel === '.git' || rel === '.fabric'),
    gitFiles: snapshotBytes(join(repo, '.git'), (rel) => rel === 'objects'),
    index: existsSync(indexPath) ? readFileSync(indexPath).toString('base64') : '',
    refs: refList(repo),
  };
}

/** The `.git/` paths a successful run may add: the new branch and the evidence notes ref. */
export function isFabricRefPath(rel: string): boolean {
  return /^(logs\/)?refs\/heads\/fabric\//.test(rel) || /^(logs\/)?refs\/notes\/fabric$/.test(rel);
}

/** Changes from `before` to `after`: changed or removed keys, and added keys. */
export function mapChanges(before: Map<string, string>, after: Map<string, string>): { changed: string[]; removed: string[]; added: string[] } {
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [k, v] of before) {
    if (!after.has(k)) removed.push(k);
    else if (after.get(k) !== v) changed.push(k);
  }
  const added = [...after.keys()].filter((k) => !before.has(k));
  return { changed, removed, added };
}

/** `git status --porcelain` without refreshing (and so rewriting) the index. */
export function porcelainStatus(repo: string): string {
  return git(repo, ['--no-optional-locks', 'status', '--porcelain', '--untracked-files=all']);
}

/** Runs real git with nothing disabled (hooks and fsmonitor live): only for negative controls. */
export function rawGit(repo: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Control', GIT_AUTHOR_EMAIL: 'control@example.test', GIT_COMMITTER_NAME: 'Control', GIT_COMMITTER_EMAIL: 'control@example.test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `tool_call` events whose cause is not an allowing `policy_decision` of the same capability and agent. */
export function unauthorizedToolCalls(events: readonly FabricEvent[]): number[] {
  return events
    .filter((e) => e.action_type === 'tool_call')
    .filter((call) => {
      const decision = call.cause === undefined ? undefined : events[call.cause];
      return !(
        decision &&
        decision.seq < call.seq &&
        decision.action_type === 'policy_decision' &&
        decision.payload.decision === 'allow' &&
        decision.capability_id === call.capability_id &&
        decision.payload.capability === call.capability_id &&
        decision.agent_id === call.agent_id
      );
    })
    .map((e) => e.seq);
}

/** State transitions that are not a legal move, or do not start where the previous one ended. */
export function illegalTransitions(events: readonly FabricEvent[]): number[] {
  const legal = legalTransitions();
  let state = 'intake';
  const bad: number[] = [];
  for (const e of events.filter((x) => x.action_type === 'state_transition')) {
    const { from, to, signal } = e.payload as { from: string; to: string; signal: string };
    const move = legal.find((t) => t.from === from && t.signal === signal);
    if (from !== state || !move || (move.to !== to && move.revise?.exhausted !== to)) bad.push(e.seq);
    state = to;
  }
  return bad;
}
