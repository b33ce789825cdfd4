// Packages an extension folder into a .vsix with the project's own @vscode/vsce, offline
// (no dependency detection, no repository or license prompts).
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EditorError } from './errors.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {string} extensionDir folder with the extension's package.json
 * @param {string} outFile where the .vsix goes
 * @returns {Promise<string>} outFile
 */
export function packageVsix(extensionDir, outFile) {
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', resolve(outFile)];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(vsce, args, { cwd: extensionDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (err) => reject(new EditorError('PACKAGE_FAILED', `could not run ${vsce}: ${err.message}`, { cause: err })));
    child.on('close', (code) => {
      if (code === 0) resolvePromise(resolve(outFile));
      else reject(new EditorError('PACKAGE_FAILED', `vsce package failed in ${extensionDir} (exit ${code}):\n${output}`, { data: { extensionDir, code } }));
    });
  });
}
