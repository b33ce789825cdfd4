#!/usr/bin/env node
// `npm run demo`: copies the bundled sample project (demo/textkit, a small library with a real bug),
// makes it a git repository, runs `fabric explore` on it and shows how to check the result.
// Nothing outside a fresh temp folder is written (keys go to $FABRIC_HOME, default ~/.config/fabric).
import { execFileSync, spawnSync } from "node:child_process";
import { ensureSystem } from "./ensure-system.mjs";
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'fabric.js');
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.log('Building the CLI (npm run build)…');
  execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
}

if (!ensureSystem()) process.exit(2);
const work = mkdtempSync(join(tmpdir(), 'fabric-demo-'));
const repo = join(work, 'textkit');
cpSync(join(root, 'demo', 'textkit'), repo, { recursive: true });
const git = (...args) =>
  execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Demo', GIT_AUTHOR_EMAIL: 'demo@example.invalid', GIT_COMMITTER_NAME: 'Demo', GIT_COMMITTER_EMAIL: 'demo@example.invalid' },
  }).trim();
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'textkit 1.2.0');

console.log(`\n== The sample project: ${repo}`);
console.log('   lib/truncate.js cuts text whose length equals the limit; `npm test` shows one failing test.\n');
console.log('== fabric explore --goal "truncate cuts text that already fits"\n');
const sandbox = process.env.FABRIC_DEMO_SANDBOX ? ['--sandbox', process.env.FABRIC_DEMO_SANDBOX] : [];
const run = spawnSync(process.execPath, [cli, 'explore', '--workspace', repo, '--goal', 'truncate cuts text that already fits', '--json', ...sandbox], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (run.status !== 0) {
  console.error(run.stdout);
  console.error(`\nfabric explore exited with ${run.status}`);
  process.exit(run.status ?? 3);
}
const result = JSON.parse(run.stdout);

const signers = join(work, 'allowed_signers');
writeFileSync(signers, execFileSync(process.execPath, [cli, 'keys', 'allowed-signers'], { encoding: 'utf8' }));
const verify = spawnSync('git', ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'verify-commit', result.commit], { cwd: repo, encoding: 'utf8' });
const bundleCheck = spawnSync(process.execPath, [cli, 'verify-bundle', result.bundle_path], { cwd: repo, encoding: 'utf8' });

console.log(`\n== Result: ${result.outcome}`);
console.log(`   fix        ${result.fix.description}`);
console.log(`   branch     ${result.branch}   (your main branch and working tree are untouched)`);
console.log(`   commit     ${result.commit}`);
console.log(`   evidence   ${result.bundle_path}`);
console.log(`   in-toto    ${result.dsse_path}`);
console.log(`   events     ${result.events_path}`);
console.log(`   tests      ${result.tests.fixed.length} fixed, ${result.tests.passing_after} passing; ${result.candidates_tried} candidate(s) tried in ${(result.duration_ms / 1000).toFixed(1)} s (${result.sandbox} sandbox)`);
console.log(`\n${result.fix.patch}`);
console.log(`== git verify-commit: ${verify.status === 0 ? 'Good signature' : 'FAILED'} ${verify.stderr.trim()}`);
console.log(`== fabric verify-bundle: ${bundleCheck.status === 0 ? 'verified' : 'FAILED'}`);
const home = process.env.FABRIC_HOME ? `FABRIC_HOME=${process.env.FABRIC_HOME} ` : '';
console.log('\nCheck it yourself:');
console.log(`  cd ${repo}`);
console.log(`  ${home}node ${cli} keys allowed-signers > ${signers}`);
console.log(`  git -c gpg.ssh.allowedSignersFile=${signers} verify-commit ${result.branch}`);
console.log(`  ${home}node ${cli} verify-bundle ${result.bundle_path}`);
console.log(`  ${home}node ${cli} gate --range main..${result.branch}`);
console.log(`  git log --show-notes=fabric -1 ${result.branch}`);
process.exit(verify.status === 0 && bundleCheck.status === 0 ? 0 : 1);
