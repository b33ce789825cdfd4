#!/usr/bin/env node
// The "VS Code executable" that @vscode/test-electron's runTests({ vscodeExecutablePath }) starts:
// it takes VS Code's command line, runs the in-host suite in code-server (VS Code's own workbench and
// Node extension host) shown in headless Chromium, prints what the extension host prints, and exits
// with the suite's exit code. Everything it starts is ended before it exits.
//
//   launcher.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=SUITE [FOLDER] [other VS Code flags]
//
// Env: FABRIC_E2E_TIMEOUT_MS (default 600000) ends a suite that does not finish;
//      FABRIC_E2E_VERBOSE=1 also prints the workbench's own log and code-server's output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium, startCodeServer } from './codeServer.mjs';
import { EditorError } from './errors.mjs';
import { parseLauncherArgs, workbenchUrl } from './launcherArgs.mjs';

const verbose = process.env.FABRIC_E2E_VERBOSE === '1';
const timeoutMs = Number(process.env.FABRIC_E2E_TIMEOUT_MS || 600000);
const say = (msg) => process.stderr.write(`fabric launcher: ${msg}\n`);

/**
 * The workbench's own log lines that say nothing about the suite; shown only with FABRIC_E2E_VERBOSE=1.
 * Everything else (the extension host's console output first of all) is printed.
 */
const WORKBENCH_NOISE = [
  /^Resolv(?:ing|ed) connection token/,
  /^Creating a socket/,
  /^\[(?:reconnection-grace-time|AgentHost[^\]]*|AccountPolicyGate|Service Worker|ChatModelSelection|driver)\]/,
  /^Ignoring fetching additional builtin extensions/,
  /^No search provider registered/,
  /^Updating additional builtin extensions cache/,
  /^Creation of workbench contribution '[^']*' took \d+ms/,
];

async function main() {
  const args = parseLauncherArgs(process.argv.slice(2));
  if (!args.extensionTestsPath) throw new EditorError('BAD_ARGUMENTS', 'launcher: --extensionTestsPath=… is required (the suite index that exports run())');
  if (args.extensionDevelopmentPaths.length === 0) throw new EditorError('BAD_ARGUMENTS', 'launcher: --extensionDevelopmentPath=… is required');
  if (verbose && args.ignored.length) say(`ignoring ${args.ignored.join(' ')}`);

  const cleanups = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((err) => say(`cleanup: ${err.message}`));
  };
  /** @type {(code: number) => void} */
  let wake = () => {};
  /** Resolves with the exit code: the suite's, 124 on time-out, 130/143 on a signal. */
  const exit = new Promise((resolve) => {
    wake = resolve;
  });
  let interrupted = false;
  const onSignal = (sig) => {
    interrupted = true;
    say(`${sig}: stopping the editor`);
    wake(sig === 'SIGINT' ? 130 : 143);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);

  try {
    const dirs = mkdtempSync(join(tmpdir(), 'fabric-launcher-'));
    cleanups.push(async () => rmSync(dirs, { recursive: true, force: true }));
    const started = Date.now();
    const server = await startCodeServer({
      userDataDir: args.userDataDir ?? join(dirs, 'user-data'),
      extensionsDir: args.extensionsDir ?? join(dirs, 'extensions'),
      smokeTestDriver: true,
      onOutput: verbose ? (c) => process.stderr.write(c) : undefined,
    });
    cleanups.push(() => server.stop());
    say(`code-server ready in ${server.startMs} ms on ${server.url}`);
    if (interrupted) return exit;

    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    if (interrupted) return exit;
    const page = await browser.newPage();
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = Array.isArray(message) ? format(...message) : String(message ?? '');
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => wake(Number(code) || 0));
    page.on('crash', () => {
      say('the workbench page crashed');
      wake(1);
    });
    if (verbose) page.on('console', (m) => process.stderr.write(`[page ${m.type()}] ${m.text()}\n`));

    await page.goto(workbenchUrl(server.url, args));
    const timer = setTimeout(() => {
      say(`the suite did not finish within ${timeoutMs / 1000} s (FABRIC_E2E_TIMEOUT_MS); ending it. code-server said:\n${server.output().split('\n').slice(-30).join('\n')}`);
      wake(124);
    }, timeoutMs);
    const code = await exit;
    clearTimeout(timer);
    say(`${interrupted ? "stopped" : "suite exited"} with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    say(`${err instanceof EditorError ? `[${err.code}] ` : ''}${err.message}`);
    process.exit(1);
  },
);
