// Reads the VS Code command line that @vscode/test-electron (or a person) passes to the launcher.
// Known flags take `--flag=value` or `--flag value`; unknown flags are ignored; a positional argument
// that is an existing folder (or a .code-workspace file) is what the editor opens. workbenchUrl() turns
// the result into the code-server URL that runs the suite.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Flags whose value we use. */
const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
/** VS Code flags that take a separate value we ignore (so the value is not read as a folder). */
const IGNORED_VALUE_FLAGS = new Set(['locale', 'log', 'inspect-extensions', 'inspect-brk-extensions', 'extensionDevelopmentKind', 'profile', 'sync', 'enable-proposed-api', 'crash-reporter-directory', 'logsPath', 'goto', 'diff', 'merge', 'add', 'remove', 'category', 'install-extension', 'uninstall-extension', 'disable-extension']);

/**
 * @typedef {object} LauncherArgs
 * @property {string[]} extensionDevelopmentPaths
 * @property {string | undefined} extensionTestsPath
 * @property {string | undefined} folder
 * @property {string | undefined} workspace a .code-workspace file
 * @property {string | undefined} userDataDir
 * @property {string | undefined} extensionsDir
 * @property {string[]} ignored arguments that were not used
 */

/** @param {string[]} argv @returns {LauncherArgs} */
export function parseLauncherArgs(argv) {
  /** @type {LauncherArgs} */
  const out = { extensionDevelopmentPaths: [], extensionTestsPath: undefined, folder: undefined, workspace: undefined, userDataDir: undefined, extensionsDir: undefined, ignored: [] };
  const take = (name, value) => {
    if (name === 'extensionDevelopmentPath') out.extensionDevelopmentPaths.push(resolve(value));
    else if (name === 'extensionTestsPath') out.extensionTestsPath = resolve(value);
    else if (name === 'user-data-dir') out.userDataDir = resolve(value);
    else if (name === 'extensions-dir') out.extensionsDir = resolve(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const flag = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (flag) {
      const [, name, inline] = flag;
      const takesValue = VALUE_FLAGS.has(name) || IGNORED_VALUE_FLAGS.has(name);
      const value = inline ?? (takesValue && i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
      if (VALUE_FLAGS.has(name) && value !== undefined) take(name, value);
      else out.ignored.push(value === undefined || inline !== undefined ? arg : `${arg} ${value}`);
      continue;
    }
    const path = resolve(arg);
    if (!out.folder && !out.workspace && existsSync(path) && statSync(path).isDirectory()) out.folder = path;
    else if (!out.folder && !out.workspace && path.endsWith('.code-workspace') && existsSync(path)) out.workspace = path;
    else out.ignored.push(arg);
  }
  return out;
}

/** `vscode-remote://HOST/abs/path`, each path segment encoded. */
const remoteUri = (authority, path) => `vscode-remote://${authority}${path.split('/').map(encodeURIComponent).join('/')}`;

/**
 * The workbench URL that opens the folder and runs the suite (the smoke-test driver reads `payload`;
 * its authority must be the host the browser goes to).
 * @param {string} serverUrl @param {LauncherArgs} args
 */
export function workbenchUrl(serverUrl, args) {
  const authority = new URL(serverUrl).host;
  const payload = [
    ...args.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remoteUri(authority, p)]),
    ...(args.extensionTestsPath ? [['extensionTestsPath', remoteUri(authority, args.extensionTestsPath)]] : []),
    ['skipWelcome', 'true'],
  ];
  const query = new URLSearchParams();
  if (args.workspace) query.set('workspace', args.workspace);
  else if (args.folder) query.set('folder', args.folder);
  else query.set('ew', 'true');
  query.set('payload', JSON.stringify(payload));
  return `${serverUrl}/?${query}`;
}

