// Helpers of the in-host suites: real git, the fixture paths the runner passed, waiting, and the
// processes of this machine (read from /proc). No `vscode` here.
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const EXTENSION_ID = 'fabric-dev.fabric-agent';
const DEMO_GOAL = 'truncate cuts text that already fits';
/** Part of the slow fixture test's file name (see fixtureRepo.mjs). */
const SLOW_TEST_MARKER = 'zz-fabric-e2e-slow';

/** The commands the extension contributes, in manifest order. */
const FABRIC_COMMANDS = [
  'fabric.exploreFix',
  'fabric.showPanel',
  'fabric.approvePending',
  'fabric.pushBranch',
  'fabric.verifyBundle',
  'fabric.openEventLog',
  'fabric.exportAllowedSigners',
];

/** A path the runner passed in the environment. */
function fixturePath(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through test/e2e/fabric/inHost.mjs`);
  return value;
}

/** Runs git in `cwd` and returns its trimmed output (throws on a non-zero exit). */
function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Runs git in `cwd` and returns `{ status, stdout, stderr }` without throwing. */
function gitResult(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

/** The `fabric/…` branches of a repository. */
function fabricBranches(cwd) {
  return git(cwd, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/fabric/').split('\n').filter(Boolean);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value (which is returned) or `timeoutMs` passes. */
async function waitFor(what, check, { timeoutMs = 30000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Live processes whose command line contains `needle`: `[{ pid, cmd }]`. */
function processesMatching(needle) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmd.includes(needle)) found.push({ pid: Number(name), cmd });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The trace folders of a repository (`.fabric/traces/<id>`). */
function traceIds(repo) {
  const dir = path.join(repo, '.fabric', 'traces');
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [];
}

/** The events of a trace's log, parsed. */
function readEvents(repo, traceId) {
  return readFileSync(path.join(repo, '.fabric', 'traces', traceId, 'agent_events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** A trace's result.json, parsed. */
function readResult(repo, traceId) {
  return JSON.parse(readFileSync(path.join(repo, '.fabric', 'traces', traceId, 'result.json'), 'utf8'));
}

/**
 * Everything a user can see of a repository's state: HEAD (symbolic and resolved), every ref with
 * its target, and `git status --porcelain` (the untracked `.fabric/` folder is self-ignored).
 */
function repoState(cwd) {
  return {
    head: gitResult(cwd, 'symbolic-ref', '-q', 'HEAD').stdout,
    headCommit: git(cwd, 'rev-parse', 'HEAD'),
    refs: git(cwd, 'for-each-ref', '--format=%(refname) %(objectname)').split('\n').filter(Boolean),
    status: git(cwd, 'status', '--porcelain', '--ignored=no'),
  };
}

/**
 * The user-data folder of the editor running this extension host: the `--user-data-dir` of the
 * nearest ancestor process that was given one (code-server), read from /proc.
 */
function editorUserDataDir() {
  for (let pid = process.ppid; pid > 1; ) {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = args.indexOf('--user-data-dir');
    if (at >= 0 && args[at + 1]) return args[at + 1];
    const given = args.find((a) => a.startsWith('--user-data-dir='));
    if (given) return given.slice('--user-data-dir='.length);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  throw new Error('no ancestor process was given --user-data-dir');
}

/** Files under `dir` (recursively) whose name passes `test`. */
function filesUnder(dir, test) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name), test) : test(d.name) ? [path.join(dir, d.name)] : []));
}

/**
 * What the extension wrote to its "Fabric" output channel, read from the file VS Code backs the
 * channel with (`<user-data>/logs/…/output_logging_…/N-Fabric.log`). Every failure a command
 * reports is logged there as `<context>: <ERROR_CODE>: <message>` (src/editor/notify.ts), which is
 * the only place a command's error code is visible to a caller: the command itself returns
 * `undefined` on failure.
 */
function fabricOutput() {
  return filesUnder(path.join(editorUserDataDir(), 'logs'), (name) => /-Fabric\.log$/.test(name))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

/** Waits until the output channel has a line `<context>: <code>: …` written after `skip` characters; returns that line. */
async function waitForReportedError(context, { after = 0, timeoutMs = 10000 } = {}) {
  const prefix = `${context}: `;
  return waitFor(`"${context}" to report an error in the Fabric output channel`, () => fabricOutput().slice(after).split('\n').find((l) => l.includes(prefix) && /: [A-Z][A-Z_]+: /.test(l.slice(l.indexOf(prefix)))), { timeoutMs });
}

/** The error code of a line `… <context>: <CODE>: message`. */
function reportedCode(line, context) {
  const rest = line.slice(line.indexOf(`${context}: `) + context.length + 2);
  return rest.slice(0, rest.indexOf(':'));
}

module.exports = { repoState, fabricOutput, waitForReportedError, reportedCode, EXTENSION_ID, DEMO_GOAL, SLOW_TEST_MARKER, FABRIC_COMMANDS, fixturePath, git, gitResult, fabricBranches, sleep, waitFor, processesMatching, traceIds, readEvents, readResult };
