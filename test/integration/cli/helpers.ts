/**
 * Shared pieces of the CLI integration tests: an in-process `CommandIo` that collects output, a
 * RuntimeContext on a temp FABRIC_HOME, the demo project as a fresh git repository, one explore
 * run, the built binary, and readers for the trace's event log.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import type { CommandIo } from '../../../src/cli/command';
import { createNodeContext, systemClock, type Clock, type RuntimeContext } from '../../../src/runtime/context';
import type { FabricEvent } from '../../../src/runtime/events';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git } from '../../helpers/gitRepo';

export const ROOT = join(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'fabric.js');

export interface CollectedIo {
  io: CommandIo;
  stdout: () => string;
  stderr: () => string;
  /** The questions `prompt` was asked, in order. */
  questions: string[];
}

/** A CommandIo whose streams are collected; `answers` are returned by `prompt` in order. */
export function collectIo(opts: { cwd: string; isInteractive?: boolean; answers?: string[]; signal?: AbortSignal }): CollectedIo {
  let out = '';
  let err = '';
  const questions: string[] = [];
  const answers = [...(opts.answers ?? [])];
  const io: CommandIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isInteractive: opts.isInteractive ?? false,
    prompt: async (q) => {
      questions.push(q);
      const a = answers.shift();
      if (a === undefined) throw new Error(`unexpected prompt: ${q}`);
      return a;
    },
    cwd: opts.cwd,
    signal: opts.signal ?? new AbortController().signal,
  };
  return { io, stdout: () => out, stderr: () => err, questions };
}

/** A context on `fabricHome` (never the user's), optionally with another clock. */
export function cliContext(fabricHome: string, clock: Clock = systemClock): RuntimeContext {
  return createNodeContext({ fabricHome, env: { FABRIC_HOME: fabricHome, PATH: process.env.PATH }, clock });
}

/** The system clock shifted by `offsetMs` (wall time only; monotonic time is untouched). */
export function shiftedClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs), monotonicMs: () => systemClock.monotonicMs() };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process. */
export async function cli(argv: string[], ctx: RuntimeContext, opts: Parameters<typeof collectIo>[0]): Promise<CliRun & { questions: string[] }> {
  const c = collectIo(opts);
  const code = await runCli(argv, ctx, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr(), questions: c.questions };
}

/** The demo project (demo/textkit, one real bug) as a git repository with one commit on `main`. */
export function makeTextkitRepo(dir: string): string {
  cpSync(join(ROOT, 'demo', 'textkit'), dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'textkit']);
  return git(dir, ['rev-parse', 'HEAD']);
}

/** Runs `fabric explore --json` in-process on `repo` and insists on a verified fix. */
export async function exploreFix(ctx: RuntimeContext, repo: string): Promise<FixResult> {
  const run = await cli(['explore', '--workspace', repo, '--goal', 'truncate cuts text that already fits', '--json'], ctx, { cwd: repo });
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as FixResult;
  assert.equal(result.outcome, 'success');
  return result;
}

/** Builds dist/cli.js when it is missing, so `node bin/fabric.js` can run. */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'cli.js'))) return;
  execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'pipe' });
}

/** Runs `node bin/fabric.js …` as a real process with stdin not a terminal. */
export function fabricProcess(args: string[], opts: { cwd: string; fabricHome: string; input?: string }): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, FABRIC_HOME: opts.fabricHome },
    timeout: 240_000,
  });
}

/** Every event of an event log file. */
export function readEvents(path: string): FabricEvent[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FabricEvent);
}

/** Every ref of a (bare) repository, as `oid ref` lines; empty for a repository without refs. */
export function refsOf(repo: string): string {
  return git(repo, ['for-each-ref', '--format=%(objectname) %(refname)']);
}
