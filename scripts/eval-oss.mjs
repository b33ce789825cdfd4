#!/usr/bin/env node
// Evaluation of `fabric explore` on small real open-source libraries with one injected bug each.
//
// Usage:
//   node scripts/eval-oss.mjs [--only id1,id2] [--dry-run] [--out results.json]
//                             [--timeout SECONDS] [--sandbox MODE] [--fabric FILE] [--keep] [--verbose]
//
// For every bug of test/fixtures/oss/bugs.json: copy the library to a fresh temp dir, link the test
// runners (tape, mocha) from Fabric's own node_modules, apply the bug, commit it to `main` of a new
// git repo, run `fabric explore --json` on it, and check every produced fix independently (the
// fix commit touches no test file, the library's whole suite passes on it).
// `--dry-run` checks the fixtures instead: the suite fails with the bug and passes without it.
//
// Exit status: 0 when all went as required; 1 when a produced fix is a bad patch (breaks the suite
// or touches tests), when fewer than half of the `expect: fix` bugs are fixed, or (dry run) when a
// bug does not behave as described; 2 on a usage error.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'oss');
const BUGS_FILE = join(FIXTURES, 'bugs.json');
const FABRIC_BIN = join(ROOT, 'bin', 'fabric.js');
/** Test runners a fixture may use; each comes from Fabric's own devDependencies. */
const RUNNERS = ['tape', 'mocha'];
/** How long one run of a library's suite may take (dry run and independent checks). */
const SUITE_TIMEOUT_MS = 120_000;
const GIT_IDENTITY = ['-c', 'user.name=Fabric Eval', '-c', 'user.email=eval@fabric.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

// ---------------------------------------------------------------------------------------------
// Arguments

function usage(message) {
  if (message) process.stderr.write(`eval-oss: ${message}\n`);
  process.stderr.write(
    'Usage: node scripts/eval-oss.mjs [--only id1,id2] [--dry-run] [--out FILE] [--timeout SECONDS] [--sandbox MODE] [--fabric FILE] [--keep] [--verbose]\n' +
      '  --only        comma-separated bug ids (default: all of test/fixtures/oss/bugs.json)\n' +
      '  --dry-run     only check the fixtures: the suite fails with each bug and passes without it\n' +
      '  --out         where to write the results JSON (default: a file in the temp work dir)\n' +
      '  --timeout     seconds one `fabric explore` may take (default 360)\n' +
      '  --sandbox     passed to `fabric explore --sandbox` (default: not passed)\n' +
      '  --fabric      the fabric entry point to run with node (default: bin/fabric.js of this checkout)\n' +
      '  --keep        keep the temp work dir of a dry run\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { only: null, dryRun: false, out: null, timeoutSec: 360, sandbox: null, fabric: FABRIC_BIN, keep: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const eq = a.indexOf('=');
      if (eq !== -1) return a.slice(eq + 1);
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    switch (name) {
      case '--only': opts.only = value().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--dry-run': opts.dryRun = true; break;
      case '--out': opts.out = resolve(value()); break;
      case '--timeout': {
        const n = Number(value());
        if (!Number.isFinite(n) || n <= 0) usage('--timeout takes a positive number of seconds');
        opts.timeoutSec = n;
        break;
      }
      case '--sandbox': opts.sandbox = value(); break;
      case '--fabric': opts.fabric = resolve(value()); break;
      case '--keep': opts.keep = true; break;
      case '--verbose': case '-v': opts.verbose = true; break;
      case '--help': case '-h': usage(); break;
      default: usage(`unknown argument ${a}`);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Bugs

const KNOWN_EXPECT = new Set(['fix', 'no_fix']);

function loadBugs(only) {
  const bugs = JSON.parse(readFileSync(BUGS_FILE, 'utf8'));
  if (!Array.isArray(bugs)) throw new Error('bugs.json must hold an array');
  const ids = new Set();
  for (const b of bugs) {
    for (const k of ['id', 'lib', 'file', 'find', 'replace', 'kind', 'test', 'expect']) {
      if (typeof b[k] !== 'string') throw new Error(`bug ${b.id ?? '?'}: "${k}" must be a string`);
    }
    if (ids.has(b.id)) throw new Error(`duplicate bug id ${b.id}`);
    ids.add(b.id);
    if (!KNOWN_EXPECT.has(b.expect)) throw new Error(`bug ${b.id}: expect must be "fix" or "no_fix"`);
    const file = join(FIXTURES, b.lib, b.file);
    if (!existsSync(file)) throw new Error(`bug ${b.id}: ${b.lib}/${b.file} does not exist`);
    const n = countOccurrences(readFileSync(file, 'utf8'), b.find);
    if (n !== 1) throw new Error(`bug ${b.id}: "find" occurs ${n} times in ${b.lib}/${b.file} (must be exactly once)`);
    if (b.find === b.replace) throw new Error(`bug ${b.id}: "replace" equals "find"`);
  }
  if (!only) return bugs;
  const unknown = only.filter((id) => !ids.has(id));
  if (unknown.length) usage(`unknown bug id(s): ${unknown.join(', ')}`);
  return bugs.filter((b) => only.includes(b.id));
}

function countOccurrences(text, needle) {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Runs `cmd` through sh in `cwd`; resolves with { code, signal, timedOut, stdout, stderr, ms }. */
function run(cmd, args, { cwd, env = process.env, timeoutMs, input } = {}) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    // detached: the child leads its own process group, so a timeout can end it and its children.
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timedOut = false;
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.stdin.end(input ?? '');
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
          setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }, 5000).unref();
        }, timeoutMs)
      : null;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ code: null, signal: null, timedOut, stdout: '', stderr: String(e), ms: Date.now() - started });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolvePromise({
        code, signal, timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
      });
    });
  });
}

/** The environment for a library's own suite: ours, minus what `npm run` of an outer script left. */
function suiteEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('npm_') || k === 'INIT_CWD' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  env.CI = '1';
  env.NO_COLOR = '1';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

function runSuite(dir, testCmd) {
  return run('sh', ['-c', testCmd], { cwd: dir, env: suiteEnv(), timeoutMs: SUITE_TIMEOUT_MS });
}

function git(dir, args, opts = {}) {
  const r = spawnSync('git', [...GIT_IDENTITY, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, ...opts });
  if (r.status !== 0 && !opts.allowFail) {
    throw new Error(`git ${args.join(' ')} failed in ${dir}: ${(r.stderr || r.stdout || '').trim()}`);
  }
  return r;
}

function tail(text, lines = 25) {
  return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Workspace setup

/**
 * `node_modules` of a library copy: a real directory (Fabric mounts it into its sandboxes as is)
 * holding symlinks to the test runners in Fabric's own node_modules, plus `.bin` links to their
 * executables so `npm test` finds `tape` / `mocha`.
 */
function linkRunners(dir) {
  const nm = join(dir, 'node_modules');
  const bin = join(nm, '.bin');
  mkdirSync(bin, { recursive: true });
  for (const name of RUNNERS) {
    const pkgDir = join(ROOT, 'node_modules', name);
    if (!existsSync(join(pkgDir, 'package.json'))) throw new Error(`test runner ${name} is not installed in Fabric's node_modules (run npm ci)`);
    const real = realpathSync(pkgDir);
    symlinkSync(real, join(nm, name), 'dir');
    const pkg = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8'));
    const bins = typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {});
    for (const [cmd, rel] of Object.entries(bins)) {
      const target = join(real, rel);
      try { chmodSync(target, 0o755); } catch { /* read-only install: npm already made it executable */ }
      symlinkSync(target, join(bin, cmd));
    }
  }
}

/** Makes files named in the fixture's package.json `bin` executable (git records the mode). */
function markBinsExecutable(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  for (const rel of bins) if (existsSync(join(dir, rel))) chmodSync(join(dir, rel), 0o755);
}

/** A fresh git repo at `dir` holding the library with `bug` applied, committed on `main`. */
function prepareRepo(bug, dir) {
  cpSync(join(FIXTURES, bug.lib), dir, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('node_modules') });
  markBinsExecutable(dir);
  const file = join(dir, bug.file);
  const pristine = readFileSync(file, 'utf8');
  writeFileSync(file, pristine.replace(bug.find, () => bug.replace));
  git(dir, ['init', '-q', '-b', 'main']);
  writeFileSync(join(dir, '.git', 'info', 'exclude'), 'node_modules/\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `${bug.lib}: injected bug ${bug.id} (${bug.kind})`]);
  linkRunners(dir);
  const base = git(dir, ['rev-parse', 'HEAD']).stdout.trim();
  return { base, pristine };
}

// ---------------------------------------------------------------------------------------------
// Test-file detection (for "the fix touches no test file")

function isTestPath(path) {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  if (parts.slice(0, -1).some((p) => /^(test|tests|__tests__|spec|specs)$/i.test(p))) return true;
  if (/^(test|tests|spec)\.[cm]?[jt]s$/i.test(base)) return true;
  if (/[._-](test|spec)\.[cm]?[jt]sx?$/i.test(base)) return true;
  // The test command lives in package.json: editing it is editing the tests.
  if (base === 'package.json' || /^\.mocharc/.test(base)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// One bug

async function dryRunBug(bug, workRoot, opts) {
  const dir = join(workRoot, bug.id, 'repo');
  mkdirSync(dirname(dir), { recursive: true });
  const { pristine } = prepareRepo(bug, dir);
  const withBug = await runSuite(dir, bug.test);
  writeFileSync(join(dir, bug.file), pristine);
  const reverted = await runSuite(dir, bug.test);
  const failsWithBug = withBug.code !== 0 && !withBug.timedOut;
  const passesReverted = reverted.code === 0;
  const result = {
    id: bug.id, lib: bug.lib, kind: bug.kind, expect: bug.expect,
    fails_with_bug: failsWithBug,
    passes_reverted: passesReverted,
    with_bug_exit: withBug.code, with_bug_timed_out: withBug.timedOut,
    reverted_exit: reverted.code,
    ok: failsWithBug && passesReverted,
    seconds: +((withBug.ms + reverted.ms) / 1000).toFixed(1),
  };
  if (!result.ok || opts.verbose) {
    result.with_bug_output = tail(withBug.stdout + withBug.stderr);
    result.reverted_output = tail(reverted.stdout + reverted.stderr);
  }
  return result;
}

function parseFabricJson(stdout) {
  const text = stdout.trim();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Tolerate stray lines: take the last line that parses as an object.
    for (const line of text.split('\n').reverse()) {
      try {
        const v = JSON.parse(line);
        if (v && typeof v === 'object') return v;
      } catch { /* keep looking */ }
    }
    return null;
  }
}

async function evalBug(bug, workRoot, opts) {
  const bugRoot = join(workRoot, bug.id);
  const dir = join(bugRoot, 'repo');
  const fabricHome = join(bugRoot, 'fabric-home');
  mkdirSync(fabricHome, { recursive: true });
  const { base, pristine } = prepareRepo(bug, dir);

  const args = [opts.fabric, 'explore', '--workspace', dir, '--goal', `tests fail after a change in ${bug.file}`, '--test', bug.test, '--json'];
  if (opts.sandbox) args.push('--sandbox', opts.sandbox);
  const env = { ...suiteEnv(), FABRIC_HOME: fabricHome };
  const r = await run(process.execPath, args, { cwd: bugRoot, env, timeoutMs: opts.timeoutSec * 1000 });
  const json = parseFabricJson(r.stdout);

  const result = {
    id: bug.id, lib: bug.lib, file: bug.file, kind: bug.kind, expect: bug.expect,
    outcome: r.timedOut ? 'timeout' : (json?.outcome ?? 'unparsable'),
    exit_code: r.code,
    seconds: +(r.ms / 1000).toFixed(1),
    candidates_tried: json?.candidates_tried ?? null,
    reason: json?.reason ?? null,
    trace_id: json?.trace_id ?? null,
    branch: json?.branch ?? null,
    commit: json?.commit ?? null,
    events_path: json?.events_path ?? null,
    bundle_path: json?.bundle_path ?? null,
    workspace: dir,
    suite_on_fix_ok: null,
    tests_untouched: null,
    changed_files: null,
    restores_original: null,
    main_untouched: null,
    bad_patch: false,
    problems: [],
  };
  if (!json) result.stdout_tail = tail(r.stdout);
  if (!json || r.code !== 0 && r.code !== 1 || opts.verbose) result.stderr_tail = tail(r.stderr);

  // Fabric must leave the user's branch and working tree alone, whatever the outcome.
  const mainNow = git(dir, ['rev-parse', 'refs/heads/main'], { allowFail: true }).stdout.trim();
  const status = git(dir, ['status', '--porcelain', '--untracked-files=all'], { allowFail: true }).stdout.trim();
  result.main_untouched = mainNow === base && status === '';
  if (!result.main_untouched) result.problems.push(`main or the working tree changed (main ${mainNow.slice(0, 12)}, status: ${status.split('\n').slice(0, 5).join('; ')})`);

  if (result.outcome === 'success') {
    await checkFix(bug, dir, base, pristine, result, bugRoot);
  } else if (r.code === 0) {
    result.problems.push(`exit 0 with outcome ${result.outcome}`);
  }
  if (result.outcome === 'success' && r.code !== 0) result.problems.push(`outcome success with exit ${r.code}`);
  if (result.outcome === 'no_fix' && r.code !== 1) result.problems.push(`outcome no_fix with exit ${r.code}`);
  return result;
}

/** Independent checks of a produced fix: which files it changes, and the whole suite on it. */
async function checkFix(bug, dir, base, pristine, result, bugRoot) {
  let commit = result.commit;
  if (!commit && result.branch) commit = git(dir, ['rev-parse', '--verify', '-q', `${result.branch}^{commit}`], { allowFail: true }).stdout.trim() || null;
  if (!commit) {
    result.problems.push('success without a commit or branch');
    result.bad_patch = true;
    return;
  }
  const exists = git(dir, ['cat-file', '-e', `${commit}^{commit}`], { allowFail: true }).status === 0;
  if (!exists) {
    result.problems.push(`fix commit ${commit} is not in the repository`);
    result.bad_patch = true;
    return;
  }
  if (result.branch) {
    const tip = git(dir, ['rev-parse', '--verify', '-q', `refs/heads/${result.branch}`], { allowFail: true }).stdout.trim();
    if (tip !== commit) result.problems.push(`branch ${result.branch} does not point at ${commit.slice(0, 12)}`);
  }
  if (git(dir, ['merge-base', '--is-ancestor', base, commit], { allowFail: true }).status !== 0) {
    result.problems.push('fix commit does not descend from main');
  }

  const changed = git(dir, ['diff', '--name-only', base, commit]).stdout.split('\n').filter(Boolean);
  result.changed_files = changed;
  const touchedTests = changed.filter(isTestPath);
  result.tests_untouched = touchedTests.length === 0;
  if (!result.tests_untouched) result.problems.push(`fix touches test files: ${touchedTests.join(', ')}`);
  const fixed = git(dir, ['show', `${commit}:${bug.file}`], { allowFail: true });
  result.restores_original = fixed.status === 0 && fixed.stdout === pristine;

  // The whole suite on a clean checkout of the fix commit (with the original tests).
  const checkout = join(bugRoot, 'fix-checkout');
  git(dir, ['worktree', 'add', '-q', '--detach', checkout, commit]);
  try {
    // Judge the fix by the library's own tests: put back any test file (or package.json) it changed.
    for (const path of touchedTests) {
      if (git(dir, ['cat-file', '-e', `${base}:${path}`], { allowFail: true }).status === 0) {
        git(checkout, ['checkout', base, '--', path]);
      } else {
        rmSync(join(checkout, path), { force: true });
      }
    }
    linkRunners(checkout);
    const suite = await runSuite(checkout, bug.test);
    result.suite_on_fix_ok = suite.code === 0;
    if (!result.suite_on_fix_ok) {
      result.problems.push(`suite fails on the fix commit (exit ${suite.code}${suite.timedOut ? ', timed out' : ''})`);
      result.suite_on_fix_output = tail(suite.stdout + suite.stderr);
    }
  } finally {
    git(dir, ['worktree', 'remove', '--force', checkout], { allowFail: true });
  }
  result.bad_patch = !result.suite_on_fix_ok || !result.tests_untouched;
  if (result.bad_patch || result.restores_original === false) {
    result.fix_diff = git(dir, ['diff', base, commit, '--', ...changed], { allowFail: true }).stdout.slice(0, 4000);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const yesNo = (v) => (v === null || v === undefined ? '-' : v ? 'yes' : 'NO');

function reportDry(results) {
  console.log(table(
    ['bug', 'kind', 'expect', 'fails with bug', 'passes reverted', 'seconds'],
    results.map((r) => [r.id, r.kind, r.expect, yesNo(r.fails_with_bug), yesNo(r.passes_reverted), r.seconds]),
  ));
  for (const r of results.filter((x) => !x.ok)) {
    console.log(`\n${r.id}: ${!r.fails_with_bug ? 'the suite does not fail with the bug' : 'the suite does not pass without the bug'}`);
    if (!r.fails_with_bug) console.log(r.with_bug_output);
    if (!r.passes_reverted) console.log(r.reverted_output);
  }
  const ok = results.filter((r) => r.ok).length;
  console.log(`\ndry run: ${ok} of ${results.length} bugs behave as described (suite fails with the bug, passes without it)`);
  return ok === results.length;
}

function summarize(results) {
  const fixable = results.filter((r) => r.expect === 'fix');
  const good = (r) => r.outcome === 'success' && !r.bad_patch;
  const fixed = fixable.filter(good).length;
  const bonus = results.filter((r) => r.expect === 'no_fix' && good(r)).length;
  const noFix = results.filter((r) => r.outcome === 'no_fix').length;
  const bad = results.filter((r) => r.bad_patch).length;
  const other = results.filter((r) => r.outcome !== 'success' && r.outcome !== 'no_fix');
  return { fixable: fixable.length, fixed, fixed_beyond_expectation: bonus, honest_no_fix: noFix, bad_patches: bad, other_outcomes: other.length };
}

function reportFull(results, summary) {
  console.log(table(
    ['bug', 'kind', 'expected', 'outcome', 'seconds', 'candidates', 'suite on fix ok', 'tests untouched'],
    results.map((r) => [r.id, r.kind, r.expect, r.outcome, r.seconds, r.candidates_tried, yesNo(r.suite_on_fix_ok), yesNo(r.tests_untouched)]),
  ));
  for (const r of results) {
    const notes = [...r.problems];
    if (r.outcome === 'timeout') notes.push(`timed out after ${r.seconds}s (its process group was ended)`);
    else if (r.outcome !== 'success' && r.outcome !== 'no_fix') notes.push(`exit ${r.exit_code}${r.reason ? `: ${r.reason}` : ''}`);
    if (notes.length) console.log(`\n${r.id}: ${notes.join('; ')}`);
    if (r.stderr_tail && (r.outcome === 'unparsable' || r.exit_code === 3)) console.log(r.stderr_tail);
    if (r.suite_on_fix_output) console.log(r.suite_on_fix_output);
  }
  const extra = [];
  if (summary.fixed_beyond_expectation) extra.push(`${summary.fixed_beyond_expectation} expected-no_fix bug(s) fixed too`);
  if (summary.other_outcomes) extra.push(`${summary.other_outcomes} run(s) ended otherwise (aborted/failed/timeout/error)`);
  console.log(`\n${summary.fixed} fixed of ${summary.fixable} fixable, ${summary.honest_no_fix} honest no_fix, ${summary.bad_patches} bad patches${extra.length ? ` (${extra.join('; ')})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  let bugs;
  try {
    bugs = loadBugs(opts.only);
  } catch (e) {
    usage(e.message);
  }
  if (!opts.dryRun) {
    if (!existsSync(opts.fabric)) usage(`${relative(process.cwd(), opts.fabric)} not found`);
    if (opts.fabric === FABRIC_BIN && !existsSync(join(ROOT, 'dist', 'cli.js'))) usage('the fabric CLI is not built yet: run `npm run build` first');
  }

  const workRoot = mkdtempSync(join(tmpdir(), 'fabric-eval-oss-'));
  const results = [];
  for (const bug of bugs) {
    process.stderr.write(`${opts.dryRun ? 'dry run' : 'explore'} ${bug.id} (${bug.kind}, expect ${bug.expect}) ... `);
    let res;
    try {
      res = opts.dryRun ? await dryRunBug(bug, workRoot, opts) : await evalBug(bug, workRoot, opts);
    } catch (e) {
      res = opts.dryRun
        ? { id: bug.id, lib: bug.lib, kind: bug.kind, expect: bug.expect, ok: false, fails_with_bug: null, passes_reverted: null, error: String(e?.stack ?? e) }
        : { id: bug.id, lib: bug.lib, file: bug.file, kind: bug.kind, expect: bug.expect, outcome: 'harness_error', exit_code: null, seconds: null, candidates_tried: null, suite_on_fix_ok: null, tests_untouched: null, bad_patch: false, problems: [String(e?.message ?? e)] };
    }
    results.push(res);
    process.stderr.write(opts.dryRun ? `${res.ok ? 'ok' : 'FAILED'}\n` : `${res.outcome} (${res.seconds ?? '?'}s)\n`);
    if (res.error) process.stderr.write(`${res.error}\n`);
  }

  let passed;
  let report;
  if (opts.dryRun) {
    passed = reportDry(results);
    report = { mode: 'dry-run', passed, results };
  } else {
    const summary = summarize(results);
    reportFull(results, summary);
    const enoughFixed = summary.fixed * 2 >= summary.fixable;
    passed = summary.bad_patches === 0 && enoughFixed;
    if (!enoughFixed) console.log(`FAIL: fewer than half of the ${summary.fixable} fixable bugs were fixed`);
    if (summary.bad_patches) console.log(`FAIL: ${summary.bad_patches} bad patch(es)`);
    report = { mode: 'explore', passed, summary, timeout_seconds: opts.timeoutSec, results };
  }

  const out = opts.out ?? join(workRoot, 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`results: ${out}`);
  if (opts.keep || !opts.dryRun) {
    console.log(`work dir (repos, FABRIC_HOME, events): ${workRoot}`);
  } else if (!opts.out) {
    // Keep only the results file of a dry run.
    for (const b of bugs) rmSync(join(workRoot, b.id), { recursive: true, force: true });
  } else {
    rmSync(workRoot, { recursive: true, force: true });
  }
  process.exitCode = passed ? 0 : 1;
}

main().catch((e) => {
  process.stderr.write(`eval-oss: internal error: ${e?.stack ?? e}\n`);
  process.exit(3);
});
