#!/usr/bin/env node
// Everything in test/e2e, in order: installs the editor if needed (idempotent, ~1 s when done), the
// plain-Node tests of the editor scripts, the hello fixture's in-host suite through
// @vscode/test-electron and the launcher, the UI smoke test, and the Fabric extension's own suites
// (in-host through test-electron, then the packaged .vsix driven in the UI). Prints
// `N passed, N failed` last and exits non-zero when anything failed. `node test/e2e/run.mjs smoke` runs only the named steps.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installEditor } from '../../scripts/editor/install.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const node = process.execPath;

/** Each step is one command; add later suites here. */
const steps = [
  { name: 'editor-scripts', args: ['--test', ...readdirSync(here).filter((f) => f.endsWith('.test.mjs')).map((f) => join(here, f))] },
  { name: 'in-host-hello', args: [join(here, 'runInHost.mjs')] },
  { name: 'smoke', args: [join(here, 'smoke.mjs')] },
  // The Fabric extension itself: in-host suites (trusted workspace, Restricted Mode), then the packaged .vsix in the UI.
  { name: 'fabric-in-host', args: [join(here, 'fabric', 'inHost.mjs')] },
  { name: 'fabric-ui', args: [join(here, 'fabricUi.mjs')] },
];

function run(step) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    console.log(`\n=== e2e ${step.name}`);
    const child = spawn(node, step.args, { cwd: root, stdio: 'inherit' });
    child.on('close', (code) => resolvePromise({ ...step, ok: code === 0, code, seconds: (Date.now() - started) / 1000 }));
  });
}

const only = process.argv.slice(2);
try {
  await installEditor();
} catch (err) {
  console.error(`e2e: the editor could not be installed: ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const results = [];
for (const step of steps.filter((s) => only.length === 0 || only.includes(s.name))) results.push(await run(step));
console.log('\n=== e2e summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(16)} ${r.seconds.toFixed(1)} s`);
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
