#!/usr/bin/env node
// `npm test`: everything CI runs, in order — system tools, build, lint, type check, unit tests,
// integration tests (real git, real bubblewrap sandboxes, real signatures), editor tests in code-server.
// Prints one summary line
// `N passed, N failed` at the end. Pass suite names to run only some: `npm test -- unit lint`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystem } from './ensure-system.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  { name: 'build', cmd: process.execPath, args: [join(root, 'esbuild.mjs')] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { name: 'unit', cmd: bin('mocha'), args: ['--config', '.mocharc.unit.json'], mocha: true },
  { name: 'integration', cmd: bin('mocha'), args: ['--config', '.mocharc.integration.json'], mocha: true },
  // A real editor: installs code-server, Node 24 and Chromium into a cache outside the repo on first use.
  { name: 'e2e', cmd: process.execPath, args: [join(root, 'test', 'e2e', 'run.mjs')], summary: true },
];

function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n=== ${step.name}`);
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FORCE_COLOR: '0' } });
    let tail = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      tail = (tail + d.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      // the step's own closing line: the last `N passed, N failed` it printed
      const summary = step.summary ? [...tail.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop() ?? null : null;
      const passing = Number(summary?.[1] ?? /(\d+) passing/.exec(tail)?.[1] ?? 0);
      const failing = Number(summary?.[2] ?? /(\d+) failing/.exec(tail)?.[1] ?? 0);
      const pending = Number(/(\d+) pending/.exec(tail)?.[1] ?? 0);
      resolve({ name: step.name, ok: code === 0, code, seconds: (Date.now() - started) / 1000, mocha: step.mocha || step.summary, passing, failing, pending });
    });
  });
}

if (!existsSync(join(root, 'node_modules', '.bin', 'mocha'))) {
  console.error('fabric test: the dependencies are not installed; run `npm ci` first (the README says `npm ci && npm test`)');
  process.exit(2);
}
const only = process.argv.slice(2);
if (!ensureSystem()) process.exit(2);
const results = [];
for (const step of steps.filter((s) => only.length === 0 || only.includes(s.name))) {
  const r = await run(step);
  results.push(r);
  if (!r.ok && step.name === 'build') break;
}
console.log('\n=== summary');
for (const r of results) {
  const counts = r.mocha ? ` (${r.passing} passing, ${r.failing} failing${r.pending ? `, ${r.pending} pending` : ''})` : '';
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)} ${r.seconds.toFixed(1)} s${counts}`);
}
const passed = results.reduce((n, r) => n + (r.mocha ? r.passing : r.ok ? 1 : 0), 0);
const failed = results.reduce((n, r) => n + (r.mocha ? r.failing + (r.ok || r.failing > 0 ? 0 : 1) : r.ok ? 0 : 1), 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
