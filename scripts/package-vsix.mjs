#!/usr/bin/env node
// `npm run package`: builds Fabric and packs the VS Code extension (.vsix) with @vscode/vsce.
//
//   node scripts/package-vsix.mjs                  build, copy assets, stage, pack, check, print the size
//   node scripts/package-vsix.mjs --assets-only    build and copy the webview's codicons into media/ (for
//                                                  running the extension from this folder, e.g. in tests)
//   node scripts/package-vsix.mjs --out FILE       where to write the .vsix (default fabric-agent-<version>.vsix)
//
// What goes into the VSIX is decided here, by staging exactly these files in a temp folder:
//   package.json (without the CLI's bin, scripts and dependency lists), README.md, CHANGELOG.md,
//   dist/extension.js, media/** (icons, webview.css, the webview bundle, codicons), policies/**, and the
//   Cedar engine's Node build in dist/node_modules/@cedar-policy/cedar-wasm.
// Why dist/node_modules: the bundle keeps `@cedar-policy/cedar-wasm/nodejs` external (it reads its .wasm
// file next to its own JS), so the installed extension must be able to `require` it. `vsce package
// --no-dependencies` never packs the top-level node_modules/, but Node resolves a require from
// dist/extension.js in dist/node_modules first — so the package is shipped there, and only its `nodejs/`
// build (the `esm/` and `web/` builds would triple the size for nothing).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const CEDAR = '@cedar-policy/cedar-wasm';

/** Files the packed extension cannot work without (checked in the .vsix after packing). */
const REQUIRED_ENTRIES = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/media/webview/main.js',
  'extension/media/webview.css',
  'extension/media/webview/codicons/codicon.css',
  'extension/media/webview/codicons/codicon.ttf',
  'extension/media/icons/fabric.svg',
  'extension/media/icons/fabric.png',
  'extension/policies/default.cedar',
  'extension/policies/capabilities.json',
  `extension/dist/node_modules/${CEDAR}/package.json`,
  `extension/dist/node_modules/${CEDAR}/nodejs/cedar_wasm.js`,
  `extension/dist/node_modules/${CEDAR}/nodejs/cedar_wasm_bg.wasm`,
];

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) fail(`${[cmd, ...args].join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

function flag(name) {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

/** The codicon font and stylesheet the webview loads, from @vscode/codicons (media/webview/ is build output). */
function copyCodicons() {
  const from = join(root, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = join(root, 'media', 'webview', 'codicons');
  mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    if (!existsSync(join(from, file))) fail(`${join(from, file)} is missing: run npm install`);
    copyFileSync(join(from, file), join(to, file));
  }
}

function build() {
  run(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root });
  for (const file of ['dist/extension.js', 'media/webview/main.js', 'media/webview.css']) {
    if (!existsSync(join(root, file))) fail(`the build did not produce ${file}`);
  }
  copyCodicons();
}

/** Copies `from` (a file or folder) to `to`, leaving out source maps. */
function copy(from, to) {
  cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith('.map') });
}

/** Repository-relative images a Markdown file shows (`![](x.png)`, `<img src="x.png">`) that exist. */
function readmeImages(file) {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const links = [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g), ...text.matchAll(/<img[^>]+src=["']([^"']+)["']/g)].map((m) => m[1]);
  return [...new Set(links)]
    .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('#') && !link.startsWith('/'))
    .map((link) => relative(root, resolve(root, decodeURI(link))))
    .filter((path) => !path.startsWith('..') && existsSync(join(root, path)) && statSync(join(root, path)).isFile());
}

function stage() {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-vsix-'));
  const { bin: _bin, scripts: _scripts, dependencies: _deps, devDependencies: _devDeps, ...manifest } = pkg;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ['README.md', 'CHANGELOG.md']) if (existsSync(join(root, file))) copyFileSync(join(root, file), join(dir, file));
  // Images the README shows by relative path (e.g. a screenshot) ship with it: VS Code's extension page
  // resolves them inside the installed extension (vsce is told not to rewrite relative links).
  for (const image of readmeImages(join(root, 'README.md'))) {
    mkdirSync(dirname(join(dir, image)), { recursive: true });
    copyFileSync(join(root, image), join(dir, image));
  }
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(root, 'dist', 'extension.js'), join(dir, 'dist', 'extension.js'));
  copy(join(root, 'media'), join(dir, 'media'));
  copy(join(root, 'policies'), join(dir, 'policies'));
  // The Cedar engine, resolved the way the bundle resolves it.
  const cedarRoot = dirname(dirname(createRequire(join(root, 'package.json')).resolve(`${CEDAR}/nodejs`)));
  const cedarTo = join(dir, 'dist', 'node_modules', ...CEDAR.split('/'));
  mkdirSync(cedarTo, { recursive: true });
  copyFileSync(join(cedarRoot, 'package.json'), join(cedarTo, 'package.json'));
  copy(join(cedarRoot, 'nodejs'), join(cedarTo, 'nodejs'));
  for (const name of readdirSync(cedarRoot)) if (/^(license|notice|readme)/i.test(name)) copyFileSync(join(cedarRoot, name), join(cedarTo, name));
  writeFileSync(join(dir, '.vscodeignore'), '**/*.map\n**/*.d.ts\n');
  return dir;
}

function vsce(stageDir, out) {
  const cli = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(cli)) fail('@vscode/vsce is not installed: run npm install');
  // No repository URL or LICENSE file is published with this private package; relative README links stay relative.
  run(process.execPath, [cli, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--no-update-package-json', '--no-git-tag-version', '--out', out], {
    cwd: stageDir,
    env: { ...process.env, VSCE_TELEMETRY: 'off' },
  });
}

/** Lists the .vsix (unzip -l) and checks every required entry is in it. */
function checkContents(vsix) {
  const r = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (r.status !== 0) fail(`cannot list ${vsix} (is unzip installed?): ${r.stderr}`);
  const entries = new Set(r.stdout.split('\n').filter(Boolean));
  const missing = REQUIRED_ENTRIES.filter((e) => !entries.has(e));
  if (missing.length > 0) fail(`the .vsix lacks ${missing.join(', ')}`);
  const leaked = [...entries].filter((e) => /(^|\/)(src|test|scripts)\//.test(e.replace(/^extension\/dist\/node_modules\/.*/, '')) || e.endsWith('.map'));
  if (leaked.length > 0) fail(`the .vsix contains files that must stay out: ${leaked.slice(0, 5).join(', ')}`);
  return entries;
}

/** Unpacks the .vsix and requires the Cedar engine from the unpacked dist/, as the installed extension will. */
function checkCedarLoads(vsix) {
  const dir = mkdtempSync(join(tmpdir(), 'fabric-vsix-check-'));
  try {
    run('unzip', ['-q', vsix, '-d', dir]);
    const dist = join(dir, 'extension', 'dist');
    const resolved = createRequire(join(dist, 'extension.js')).resolve(`${CEDAR}/nodejs`);
    if (!resolved.startsWith(dist)) fail(`${CEDAR} resolved outside the extension: ${resolved}`);
    const cedar = createRequire(join(dist, 'extension.js'))(`${CEDAR}/nodejs`);
    if (typeof cedar.statefulIsAuthorized !== 'function' && typeof cedar.isAuthorized !== 'function') fail(`${CEDAR} loaded from the .vsix but has no authorizer`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatSize(bytes) {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

build();
if (process.argv.includes('--assets-only')) {
  console.log('package: built, and copied the codicons into media/webview/codicons');
  process.exit(0);
}
const out = resolve(flag('--out') ?? join(root, `${pkg.name}-${pkg.version}.vsix`));
const stageDir = stage();
try {
  vsce(stageDir, out);
} finally {
  rmSync(stageDir, { recursive: true, force: true });
}
const entries = checkContents(out);
checkCedarLoads(out);
console.log(`package: ${relative(process.cwd(), out) || out} — ${formatSize(statSync(out).size)}, ${entries.size} files; Cedar engine loads from the packed extension`);
