#!/usr/bin/env node
// Runs an in-host test suite through @vscode/test-electron, with scripts/editor/launcher.mjs as the
// "VS Code executable", so the suite runs in code-server offline. (On a machine with internet, the same
// suite runs in desktop VS Code by leaving vscodeExecutablePath out.)
//
//   node test/e2e/runInHost.mjs                       the hello fixture (proves the chain)
//   node test/e2e/runInHost.mjs --extensionDevelopmentPath DIR --extensionTestsPath SUITE [--workspace DIR]
//
// Without --workspace the suite opens a fresh empty temp folder. The suite sees that folder's path in
// FABRIC_E2E_WORKSPACE. Exits with the suite's exit code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
/** The launcher test-electron starts instead of a downloaded VS Code. */
export const LAUNCHER = join(root, 'scripts', 'editor', 'launcher.mjs');

/**
 * @typedef {object} InHostOptions
 * @property {string} extensionDevelopmentPath folder of the extension under test
 * @property {string} extensionTestsPath the suite entry (exports run())
 * @property {string} [workspace] folder to open; default: a fresh temp folder, removed afterwards
 * @property {Record<string, string>} [env] more environment for the extension host
 */

/**
 * Runs the suite and resolves with its exit code (0 when every test passed).
 * @param {InHostOptions} options
 */
export async function runInHost(options) {
  const ownWorkspace = options.workspace ? null : mkdtempSync(join(tmpdir(), 'fabric-e2e-ws-'));
  if (ownWorkspace) writeFileSync(join(ownWorkspace, 'README.md'), '# e2e workspace\n');
  const workspace = resolve(options.workspace ?? ownWorkspace);
  try {
    return await runTests({
      vscodeExecutablePath: LAUNCHER,
      extensionDevelopmentPath: resolve(options.extensionDevelopmentPath),
      extensionTestsPath: resolve(options.extensionTestsPath),
      launchArgs: [workspace],
      // The launcher makes fresh, temporary user-data and extensions dirs itself.
      reuseMachineInstall: true,
      extensionTestsEnv: { ...options.env, FABRIC_E2E_WORKSPACE: workspace },
    });
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'number') return err.code;
    throw err;
  } finally {
    if (ownWorkspace) rmSync(ownWorkspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      extensionDevelopmentPath: { type: 'string' },
      extensionTestsPath: { type: 'string' },
      workspace: { type: 'string' },
    },
  });
  const fixtures = join(here, 'fixtures');
  const started = Date.now();
  const code = await runInHost({
    extensionDevelopmentPath: values.extensionDevelopmentPath ?? join(fixtures, 'hello-extension'),
    extensionTestsPath: values.extensionTestsPath ?? join(fixtures, 'hello-suite', 'index.js'),
    workspace: values.workspace,
  });
  console.log(`in-host suite: exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
}
