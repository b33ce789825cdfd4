// Starting and stopping code-server (VS Code's workbench and Node extension host, from npm) and the
// Chromium that shows it. Each start gets a free loopback port and, unless told otherwise, a fresh
// user-data dir and extensions dir that are removed again on stop.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditorError } from './errors.mjs';
import { editorPaths } from './paths.mjs';
import { killFamily } from './processes.mjs';

/** Chromium flags for a headless, quiet, offline run (see the shared testing doc). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Settings every test editor starts with; callers add their own on top. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Throws NOT_INSTALLED unless install.mjs has put Node 24 and code-server into the cache. */
export function assertInstalled(paths = editorPaths()) {
  for (const file of [paths.nodeBin, paths.codeServerEntry]) {
    if (!existsSync(file)) {
      throw new EditorError('NOT_INSTALLED', `The test editor is not installed (${file} is missing). Run: node scripts/editor/install.mjs`, { data: { file } });
    }
  }
}

/** Writes `UD/User/settings.json`. */
export function writeUserSettings(userDataDir, settings = {}) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
}

/** Keeps the last `max` lines a process printed, for error messages. */
function outputTail(max = 200) {
  const lines = [];
  let partial = '';
  return {
    push(chunk) {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > max) lines.splice(0, lines.length - max);
    },
    text: () => [...lines, partial].join('\n'),
  };
}

function codeServerArgs(paths, { port, userDataDir, extensionsDir }) {
  return [paths.codeServerEntry, '--config', '/dev/null', '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

/** Resolves when GET /healthz answers 200; rejects when the process exits first or time runs out. */
async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new EditorError('HEALTH_TIMEOUT', `code-server did not answer ${url}/healthz within ${timeoutMs} ms`, { data: { url } });
}

/**
 * @typedef {object} StartOptions
 * @property {string} [folder] folder code-server opens by default
 * @property {string} [userDataDir] reuse this user-data dir (kept on stop); default: a fresh temp dir
 * @property {string} [extensionsDir] reuse this extensions dir (kept on stop); default: a fresh temp dir
 * @property {Record<string, unknown>} [settings] user settings on top of DEFAULT_SETTINGS
 * @property {boolean} [smokeTestDriver] pass `--vscode-option enable-smoke-test-driver` (needed for `payload`)
 * @property {string[]} [extraArgs] more code-server arguments
 * @property {NodeJS.ProcessEnv} [env] environment of code-server and so of the extension host
 * @property {number} [healthTimeoutMs] how long to wait for /healthz (default 60 s)
 * @property {(chunk: Buffer) => void} [onOutput] receives everything code-server prints
 */

/**
 * Starts code-server and waits until it is healthy.
 * @param {StartOptions} [options]
 */
export async function startCodeServer(options = {}) {
  const paths = editorPaths();
  assertInstalled(paths);
  const owned = options.userDataDir && options.extensionsDir ? null : mkdtempSync(join(tmpdir(), 'fabric-code-server-'));
  const removeOwned = () => owned && rmSync(owned, { recursive: true, force: true });
  const userDataDir = options.userDataDir ?? join(owned, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(owned, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, options.settings);
  const started = Date.now();
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const args = [...codeServerArgs(paths, { port, userDataDir, extensionsDir }), ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []), ...(options.extraArgs ?? []), ...(options.folder ? [options.folder] : [])];
    const tail = outputTail();
    const child = spawn(paths.nodeBin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: offlineEnv(options.env) });
    const onData = (chunk) => {
      tail.push(chunk);
      options.onOutput?.(chunk);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const spawnError = new Promise((resolve) => child.once('error', resolve));
    const healthy = await Promise.race([waitForHealth(url, child, options.healthTimeoutMs ?? 60000), spawnError.then(() => false)]).catch(async (err) => {
      await killFamily(child.pid);
      removeOwned();
      throw err;
    });
    if (healthy) {
      let stopped = null;
      // Last resort if the caller dies without stop(): end the process group on the way out.
      const onExit = () => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      process.once('exit', onExit);
      return {
        url,
        port,
        pid: child.pid,
        userDataDir,
        extensionsDir,
        startMs: Date.now() - started,
        output: () => tail.text(),
        /** Ends code-server with its whole process family and removes the temp dirs it made. */
        stop() {
          stopped ??= (async () => {
            process.off('exit', onExit);
            if (child.pid) await killFamily(child.pid);
            removeOwned();
          })();
          return stopped;
        },
      };
    }
    if (child.pid) await killFamily(child.pid);
    lastError = new EditorError('START_FAILED', `code-server exited before it was healthy:\n${tail.text()}`, { data: { port } });
    if (!/EADDRINUSE/.test(tail.text())) break;
  }
  removeOwned();
  throw lastError;
}

/** The environment with no extension gallery configured, so the editor makes no requests outside this machine. */
function offlineEnv(env = process.env) {
  return { EXTENSIONS_GALLERY: '{}', ...env };
}

/** Runs code-server's CLI once (no server) and returns its exit code and output. */
function runCli(args, env) {
  const paths = editorPaths();
  assertInstalled(paths);
  return new Promise((resolve, reject) => {
    const child = spawn(paths.nodeBin, [paths.codeServerEntry, '--config', '/dev/null', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: offlineEnv(env) });
    const tail = outputTail();
    child.stdout.on('data', (c) => tail.push(c));
    child.stderr.on('data', (c) => tail.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: tail.text() }));
  });
}

/**
 * Installs a packaged extension into a user-data/extensions dir pair (use the same pair for startCodeServer).
 * @param {string} vsix path of the .vsix
 * @param {{ userDataDir: string, extensionsDir: string }} dirs
 */
export async function installExtension(vsix, { userDataDir, extensionsDir }) {
  const { code, output } = await runCli(['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force']);
  if (code !== 0 || /Failed Installing/i.test(output)) {
    throw new EditorError('INSTALL_EXTENSION_FAILED', `code-server could not install ${vsix}:\n${output}`, { data: { vsix, code } });
  }
  return output;
}

/**
 * Launches Debian's Chromium through playwright-core.
 * @param {{ headless?: boolean }} [options]
 */
export async function launchChromium({ headless = true } = {}) {
  const { chromium: executablePath } = editorPaths();
  if (!existsSync(executablePath)) {
    throw new EditorError('CHROMIUM_MISSING', `Chromium is not at ${executablePath}. Run: node scripts/editor/install.mjs (or set FABRIC_CHROMIUM)`, { data: { executablePath } });
  }
  const { chromium } = await import('playwright-core');
  // Signals are the caller's to handle: Playwright's own handlers would exit before code-server is stopped.
  return chromium.launch({ executablePath, headless, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}
