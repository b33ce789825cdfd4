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

module.exports = { EXTENSION_ID, DEMO_GOAL, SLOW_TEST_MARKER, FABRIC_COMMANDS, fixturePath, git, gitResult, fabricBranches, sleep, waitFor, processesMatching, traceIds, readEvents, readResult };
