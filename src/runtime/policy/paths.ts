/**
 * Repository paths as Cedar entities: a file hangs under its directory chain
 * (`File::"src/a.ts"` in `Directory::"src/"` in `Directory::"."`), so a write scope is a set of
 * entity uids and `resource in context.write_scope.dirs` is a hierarchy check, not string matching.
 */
import type { EntityJson, TypeAndId } from '@cedar-policy/cedar-wasm/nodejs';

export const ROOT_DIRECTORY = '.';

/**
 * Normalizes a repo-relative path (`./a//b` → `a/b`, backslashes → slashes). Returns `undefined`
 * for anything that could leave the repository or is not a plain path: absolute paths, drive
 * letters, `..` segments, NUL, empty.
 */
export function normalizeRepoPath(path: string): string | undefined {
  if (path.includes('\0')) return undefined;
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return undefined;
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments.join('/');
}

export function fileUid(path: string): TypeAndId {
  return { type: 'Fabric::File', id: path };
}

export function directoryUid(id: string): TypeAndId {
  return { type: 'Fabric::Directory', id };
}

/** Directory ids from the file's parent up to the root: `a/b/c.ts` → [`a/b/`, `a/`, `.`]. */
export function directoryChain(path: string): string[] {
  const segments = path.split('/').slice(0, -1);
  const chain: string[] = [];
  for (let i = segments.length; i > 0; i--) chain.push(`${segments.slice(0, i).join('/')}/`);
  chain.push(ROOT_DIRECTORY);
  return chain;
}

/** The file entity and its directory chain, each directory with its parent. */
export function fileEntities(path: string, isTest: boolean): EntityJson[] {
  const chain = directoryChain(path);
  const entities: EntityJson[] = [
    { uid: fileUid(path), attrs: { path, is_test: isTest }, parents: [directoryUid(chain[0])] },
  ];
  chain.forEach((dir, i) => {
    const parent = chain[i + 1];
    entities.push({ uid: directoryUid(dir), attrs: { path: dir }, parents: parent === undefined ? [] : [directoryUid(parent)] });
  });
  return entities;
}

/** A plan's write scope as entity uids. */
export interface ScopeUids {
  dirs: TypeAndId[];
  files: TypeAndId[];
}

/**
 * Turns write-scope entries into entity uids: `dir/`, `dir/**` and `dir/*` name a directory; `.`,
 * `**` the whole repository; a bare `name` counts both as a file and as a directory. Entries
 * that are not plain paths (absolute, `..`, other globs) grant nothing and are dropped.
 */
export function scopeUids(writeScope: readonly string[]): ScopeUids {
  const dirs = new Map<string, TypeAndId>();
  const files = new Map<string, TypeAndId>();
  for (const raw of writeScope) {
    const entry = raw.replace(/\\/g, '/');
    if (entry === '.' || entry === './' || entry === '**' || entry === '**/*') {
      dirs.set(ROOT_DIRECTORY, directoryUid(ROOT_DIRECTORY));
      continue;
    }
    const isDir = /\/(\*\*?)?$/.test(entry);
    const bare = entry.replace(/\/(\*\*?)?$/, '');
    if (bare.includes('*')) continue;
    const path = normalizeRepoPath(bare);
    if (path === undefined) continue;
    dirs.set(`${path}/`, directoryUid(`${path}/`));
    if (!isDir) files.set(path, fileUid(path));
  }
  return { dirs: [...dirs.values()], files: [...files.values()] };
}
