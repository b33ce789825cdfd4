// Builds the three bundles: the extension (loaded by VS Code), the `fabric` CLI and (later) the webview.
// Output goes to dist/ and media/webview/, never committed.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
// cedar-wasm loads its .wasm file next to its own JS at run time, so it stays a runtime dependency.
const nodeExternals = ['@cedar-policy/cedar-wasm'];
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const common = { define: { FABRIC_VERSION_DEFINE: JSON.stringify(version) }, bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

const targets = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternals },
];
if (existsSync('src/extension.ts')) {
  targets.push({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', ...nodeExternals] });
}
if (existsSync('src/webview/main.ts')) {
  targets.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'media/webview/main.js', platform: 'browser', format: 'iife', target: 'es2022' });
}

for (const options of targets) {
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
