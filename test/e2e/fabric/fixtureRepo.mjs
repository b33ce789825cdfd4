// Fixture repositories for the Fabric e2e tests: a fresh copy of demo/textkit (a small library whose
// `truncate()` has a real bug, so one test fails) made into a git repository on `main`, with a local
// bare repository as its `origin` (main already pushed there). `slow: true` adds a test file that
// sleeps for two minutes, so a run can be cancelled while its tests are still running.
import { execFileSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DEMO_DIR = join(root, 'demo', 'textkit');
/** The goal both e2e tests give "Fabric: Explore fix". */
export const DEMO_GOAL = 'truncate cuts text that already fits';
/** Part of the slow test's file name: a process whose command line holds it is a test of that file. */
export const SLOW_TEST_MARKER = 'zz-fabric-e2e-slow';

const IDENTITY = { GIT_AUTHOR_NAME: 'E2E', GIT_AUTHOR_EMAIL: 'e2e@example.invalid', GIT_COMMITTER_NAME: 'E2E', GIT_COMMITTER_EMAIL: 'e2e@example.invalid' };

/** Runs git (no hooks, no signing by the machine's config) and returns its trimmed output. */
export function git(cwd, ...args) {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY }, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const SLOW_TEST = `'use strict';
// Added by the e2e fixture: keeps the test run busy so that the run can be cancelled meanwhile.
const test = require('node:test');
test('a slow test the e2e suite cancels', async () => {
  await new Promise((resolve) => setTimeout(resolve, 120000));
});
`;

/**
 * Creates `<parent>/<name>` (the repository) and `<parent>/<name>-origin.git` (its bare remote).
 * @param {string} parent an existing folder
 * @param {{ name?: string, slow?: boolean }} [options]
 * @returns {{ dir: string, remote: string, base: string }} base: the commit on main
 */
export function createDemoRepo(parent, { name = 'textkit', slow = false } = {}) {
  const dir = join(parent, name);
  const remote = join(parent, `${name}-origin.git`);
  cpSync(DEMO_DIR, dir, { recursive: true });
  if (slow) writeFileSync(join(dir, 'test', `${SLOW_TEST_MARKER}.test.js`), SLOW_TEST);
  git(parent, 'init', '-q', '--bare', '-b', 'main', remote);
  git(dir, 'init', '-q', '-b', 'main');
  // Fabric's own commits carry their own identity; this one is for the fixture's commit and pushes.
  git(dir, 'config', 'user.name', IDENTITY.GIT_AUTHOR_NAME);
  git(dir, 'config', 'user.email', IDENTITY.GIT_AUTHOR_EMAIL);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'textkit 1.2.0');
  git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'push', '-q', 'origin', 'main');
  return { dir, remote, base: git(dir, 'rev-parse', 'HEAD') };
}
