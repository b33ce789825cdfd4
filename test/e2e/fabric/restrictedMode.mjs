// Runs an in-host suite in code-server with workspace trust ENABLED, so the opened folder is untrusted
// (Restricted Mode). The shared launcher (scripts/editor/launcher.mjs, used through @vscode/test-electron)
// always starts code-server with --disable-workspace-trust, which makes every folder trusted; this
// starts it the same way minus that flag, with the trust prompt off (the folder just stays untrusted),
// and performs the same smoke-test-driver run: `payload` URL, exposed codeAutomationLog/Exit.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { assertInstalled, freePort, launchChromium, writeUserSettings } from '../../../scripts/editor/codeServer.mjs';
import { EditorError } from '../../../scripts/editor/errors.mjs';
import { workbenchUrl } from '../../../scripts/editor/launcherArgs.mjs';
import { editorPaths } from '../../../scripts/editor/paths.mjs';
import { killFamily } from '../../../scripts/editor/processes.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Settings that keep trust on and the folder untrusted without a modal prompt. */
export const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

async function waitHealthy(url, child, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return true;
    await sleep(100);
  }
  return false;
}

/**
 * @param {{ extensionDevelopmentPath: string, extensionTestsPath: string, folder: string, env?: Record<string, string>, timeoutMs?: number, log?: (line: string) => void }} options
 * @returns {Promise<number>} the suite's exit code (124 on time-out)
 */
export async function runSuiteInRestrictedMode(options) {
  const paths = editorPaths();
  assertInstalled(paths);
  const log = options.log ?? ((line) => process.stdout.write(`${line}\n`));
  const dirs = mkdtempSync(join(tmpdir(), 'fabric-restricted-'));
  const userDataDir = join(dirs, 'user-data');
  const extensionsDir = join(dirs, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, RESTRICTED_SETTINGS);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [paths.codeServerEntry, '--config', '/dev/null', '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--vscode-option', 'enable-smoke-test-driver'];
  const child = spawn(paths.nodeBin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { EXTENSIONS_GALLERY: '{}', ...process.env, ...options.env } });
  let output = '';
  const keep = (c) => (output = (output + c).slice(-20000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let browser;
  try {
    if (!(await waitHealthy(url, child))) throw new EditorError('START_FAILED', `code-server (workspace trust on) did not start:\n${output}`);
    browser = await launchChromium();
    const page = await browser.newPage();
    let wake = () => {};
    const exit = new Promise((r) => (wake = r));
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message ?? '');
      if (/^(Resolv|Creating a socket|\[|Ignoring fetching|No search provider|Updating additional|Creation of workbench)/.test(text)) return;
      log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code) => wake(Number(code) || 0));
    page.on('crash', () => wake(1));
    await page.goto(workbenchUrl(url, { extensionDevelopmentPaths: [resolve(options.extensionDevelopmentPath)], extensionTestsPath: resolve(options.extensionTestsPath), folder: resolve(options.folder) }));
    const timer = setTimeout(() => {
      log(`restricted-mode suite: no exit within ${(options.timeoutMs ?? 180000) / 1000} s`);
      wake(124);
    }, options.timeoutMs ?? 180000);
    const code = await exit;
    clearTimeout(timer);
    return code;
  } finally {
    await browser?.close().catch(() => {});
    await killFamily(child.pid);
    rmSync(dirs, { recursive: true, force: true });
  }
}
