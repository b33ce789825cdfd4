/**
 * Throw-away repositories for the benchmarks: copies of the demo project and of the OSS fixtures
 * as fresh git repos in a temp folder, with test runners linked from Fabric's own node_modules the
 * way scripts/eval-oss.mjs does. The user's repositories and $FABRIC_HOME are never touched.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { minimalEnv } from '../../src/runtime/sandbox';

/** The Fabric checkout this script runs from. */
export const ROOT = resolve(__dirname, '..', '..');

const GIT_SAFETY = ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', '-c', 'core.fsmonitor=false'];
const IDENTITY = { GIT_AUTHOR_NAME: 'Fabric Bench', GIT_AUTHOR_EMAIL: 'bench@fabric.invalid', GIT_COMMITTER_NAME: 'Fabric Bench', GIT_COMMITTER_EMAIL: 'bench@fabric.invalid' };

/** A temp folder removed by `cleanup()` (every folder the benchmark creates comes from here). */
export class Scratch {
  readonly root = realpathSync(mkdtempSync(join(tmpdir(), 'fabric-bench-')));
  private n = 0;

  /** A new empty folder inside the scratch root. */
  dir(name: string): string {
    const path = join(this.root, `${String(++this.n).padStart(2, '0')}-${name}`);
    mkdirSync(path, { recursive: true });
    return path;
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The parent environment minus what `npm run bench` added, so a suite run directly sees what a user's shell would. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('npm_') || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, CI: '1', NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

/**
 * The environment variables a sandboxed test run gets (`minimalEnv` plus the project's
 * `node_modules/.bin` first on PATH, as the Verifier sets it), for processes run outside the
 * sandbox that must be comparable with it. `home` should be an empty folder.
 */
export function sandboxLikeEnv(home: string, projectDir: string): Record<string, string> {
  const env = minimalEnv(home);
  return { ...env, PATH: `${join(projectDir, 'node_modules', '.bin')}:${env.PATH}` };
}

export function git(dir: string, args: string[]): string {
  const r = spawnSync('git', [...GIT_SAFETY, ...args], { cwd: dir, encoding: 'utf8', env: { ...cleanEnv(), ...IDENTITY, GIT_TERMINAL_PROMPT: '0' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/** `node_modules` holding symlinks to Fabric's own copy of each runner, plus `.bin` links (as eval-oss does). */
function linkRunners(dir: string, runners: readonly string[]): void {
  const bin = join(dir, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  for (const name of runners) {
    const real = realpathSync(join(ROOT, 'node_modules', name));
    symlinkSync(real, join(dir, 'node_modules', name), 'dir');
    const pkg = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as { name: string; bin?: string | Record<string, string> };
    const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
    for (const [cmd, rel] of Object.entries(bins)) symlinkSync(join(real, rel), join(bin, cmd));
  }
}

/** A project the benchmarks run on. */
export interface BenchRepo {
  /** Short name for reports (`demo/textkit`, `oss/minimist`). */
  name: string;
  /** The git repository (one commit on `main`). */
  dir: string;
  /** The test command, as Fabric would detect it (`npm test`). */
  testCommand: string;
  /** The goal handed to `runFix`. */
  goal: string;
}

/** An injected bug of test/fixtures/oss/bugs.json. */
interface OssBug {
  id: string;
  lib: string;
  file: string;
  find: string;
  replace: string;
  test: string;
}

function commitAll(dir: string, message: string): void {
  git(dir, ['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, '.git', 'info', 'exclude'), 'node_modules/\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message]);
}

/** demo/textkit as shipped (one real bug in lib/truncate.js; its suite has one failing test). */
export function demoRepo(scratch: Scratch): BenchRepo {
  const dir = join(scratch.dir('demo'), 'textkit');
  cpSync(join(ROOT, 'demo', 'textkit'), dir, { recursive: true });
  commitAll(dir, 'textkit 1.2.0');
  return { name: 'demo/textkit', dir, testCommand: 'npm test', goal: 'truncate cuts text that already fits' };
}

/**
 * test/fixtures/oss/<lib> with its runner linked in; pristine (the whole suite passes), or with
 * the bug `bugId` of bugs.json applied and committed.
 */
export function ossRepo(scratch: Scratch, lib: string, bugId?: string): BenchRepo {
  const fixtures = join(ROOT, 'test', 'fixtures', 'oss');
  const dir = join(scratch.dir(`oss-${bugId ?? lib}`), lib);
  cpSync(join(fixtures, lib), dir, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('node_modules') });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin?: string | Record<string, string>; scripts?: Record<string, string> };
  for (const rel of typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {})) if (existsSync(join(dir, rel))) chmodSync(join(dir, rel), 0o755);
  let goal = `the ${lib} test suite passes`;
  if (bugId) {
    const bugs = JSON.parse(readFileSync(join(fixtures, 'bugs.json'), 'utf8')) as OssBug[];
    const bug = bugs.find((b) => b.id === bugId && b.lib === lib);
    if (!bug) throw new Error(`no bug ${bugId} for ${lib} in bugs.json`);
    const file = join(dir, bug.file);
    writeFileSync(file, readFileSync(file, 'utf8').replace(bug.find, () => bug.replace));
    goal = `tests fail after a change in ${bug.file}`;
  }
  commitAll(dir, bugId ? `${lib}: injected bug ${bugId}` : lib);
  const script = pkg.scripts?.test ?? '';
  linkRunners(dir, ['tape', 'mocha'].filter((r) => script.includes(r)));
  return { name: `oss/${lib}${bugId ? ` (${bugId})` : ''}`, dir, testCommand: 'npm test', goal };
}
