#!/usr/bin/env node
// The Fabric extension's in-host suites, in the real editor (code-server), loaded for development
// from this checkout:
//  1. test/e2e/fabric/suite through @vscode/test-electron and the shared launcher (runInHost), with a
//     fresh copy of demo/textkit (git, local bare `origin`) as the workspace: commands registered,
//     Explore fix → a verified signed branch, cancel → `aborted` and no branch;
//  2. test/e2e/fabric/untrusted-suite in Restricted Mode (restrictedMode.mjs): the guard refuses.
// Builds the extension first (scripts/package-vsix.mjs --assets-only: bundles and codicons).
// Exits non-zero when either suite fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInHost } from '../runInHost.mjs';
import { createDemoRepo, git as fixtureGit } from './fixtureRepo.mjs';
import { runSuiteInRestrictedMode } from './restrictedMode.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`fabric in-host: ${msg}`);

/** Builds dist/extension.js and the webview (with its codicons) so the checkout runs as an extension. */
export function buildExtension() {
  const packager = join(root, 'scripts', 'package-vsix.mjs');
  const args = existsSync(packager) ? [packager, '--assets-only'] : [join(root, 'esbuild.mjs')];
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the extension failed (${args.map((a) => a.replace(`${root}/`, '')).join(' ')} exited ${r.status})`);
}

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
const work = mkdtempSync(join(tmpdir(), 'fabric-e2e-host-'));
const results = [];
try {
  let since = Date.now();
  buildExtension();
  say(`built in ${seconds(since)}`);

  if (wanted('trusted')) {
    since = Date.now();
    const repo = createDemoRepo(work, { name: 'textkit' });
    const slow = createDemoRepo(work, { name: 'textkit-slow', slow: true });
    const scratch = join(work, 'scratch');
    mkdirSync(scratch);
    // The error paths (errors.test.js): a repository without a test command, and one without `origin`.
    const noTests = createDemoRepo(work, { name: 'textkit-no-tests' });
    const manifest = JSON.parse(readFileSync(join(noTests.dir, 'package.json'), 'utf8'));
    delete manifest.scripts;
    writeFileSync(join(noTests.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fixtureGit(noTests.dir, 'commit', '-q', '-am', 'no test script');
    const noRemote = createDemoRepo(work, { name: 'textkit-no-remote' });
    fixtureGit(noRemote.dir, 'remote', 'remove', 'origin');
    const code = await runInHost({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(here, 'suite', 'index.js'),
      workspace: repo.dir,
      env: {
        FABRIC_E2E_REMOTE: repo.remote,
        FABRIC_E2E_SLOW_REPO: slow.dir,
        FABRIC_E2E_SCRATCH: scratch,
        FABRIC_E2E_NO_TESTS_REPO: noTests.dir,
        FABRIC_E2E_NO_REMOTE_REPO: noRemote.dir,
        // The bare repository that was `origin` before it was removed: nothing may reach it.
        FABRIC_E2E_NO_REMOTE_ORIGIN: noRemote.remote,
      },
    });
    results.push({ name: 'trusted workspace suite', code, time: seconds(since) });
  }

  if (wanted('restricted')) {
    since = Date.now();
    const repo = createDemoRepo(work, { name: 'textkit-restricted' });
    const code = await runSuiteInRestrictedMode({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(here, 'untrusted-suite', 'index.js'),
      folder: repo.dir,
      env: { FABRIC_E2E_WORKSPACE: repo.dir, FABRIC_E2E_REMOTE: repo.remote },
    });
    results.push({ name: 'restricted-mode suite', code, time: seconds(since) });
  }
} catch (err) {
  console.error(`fabric in-host: ${err.message}`);
  results.push({ name: 'setup', code: 1, time: '' });
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const r of results) say(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name} (exit ${r.code}) ${r.time}`);
process.exit(results.length > 0 && results.every((r) => r.code === 0) ? 0 : 1);
