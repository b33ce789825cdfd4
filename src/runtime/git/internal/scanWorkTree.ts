/**
 * Reads a working tree (the user's, or a candidate workspace) as git would see it: regular files
 * and symlinks (never followed) with their git blob ids and modes. Untracked paths that `.gitignore`
 * or `info/exclude` ignore are left out; tracked paths are always read. Nested repositories,
 * submodule folders and `.git` are skipped; `node_modules` too when asked.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import type { RepoHandle } from './repo';

/** One file of a working tree. */
export interface WorkFile {
  /** `100644`, `100755` or `120000`. */
  mode: string;
  /** The git blob id of the content (the link target for a symlink). */
  oid: string;
  /** Reads the content again (the link target for a symlink). */
  read(): Promise<Buffer>;
}

export interface ScanOptions {
  /** Paths that are tracked (never treated as ignored). */
  tracked: ReadonlySet<string>;
  /** Folders not to enter (submodule gitlinks). */
  skipDirs: ReadonlySet<string>;
  /** Skip every folder named `node_modules`. */
  skipNodeModules: boolean;
}

/** The git blob id of `content` (sha1 of `blob <len>\0<content>`), what `git.hashBlob` returns. */
export function blobOid(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export async function scanWorkTree(repo: RepoHandle, rootDir: string, opts: ScanOptions): Promise<Map<string, WorkFile>> {
  const trackedDirs = new Set<string>();
  for (const p of opts.tracked) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) trackedDirs.add(parts.slice(0, i).join('/'));
  }
  const ignored = (filepath: string): Promise<boolean> =>
    git.isIgnored({ fs: repo.fs, dir: rootDir, gitdir: repo.gitdir, filepath });
  const out = new Map<string, WorkFile>();

  const walk = async (rel: string): Promise<void> => {
    const abs = rel === '' ? rootDir : join(rootDir, rel);
    const dirents = await fs.promises.readdir(abs, { withFileTypes: true });
    for (const d of dirents) {
      if (d.name.toLowerCase() === '.git') continue;
      const path = rel === '' ? d.name : `${rel}/${d.name}`;
      const full = join(abs, d.name);
      const tracked = opts.tracked.has(path);
      if (d.isDirectory()) {
        if (opts.skipDirs.has(path) || (opts.skipNodeModules && d.name === 'node_modules')) continue;
        if (!trackedDirs.has(path)) {
          if (fs.existsSync(join(full, '.git'))) continue; // an untracked nested repository
          if (await ignored(path)) continue;
        }
        await walk(path);
      } else if (d.isSymbolicLink()) {
        if (!tracked && (await ignored(path))) continue;
        const read = async (): Promise<Buffer> => Buffer.from(await fs.promises.readlink(full, { encoding: 'buffer' }));
        out.set(path, { mode: '120000', oid: blobOid(await read()), read });
      } else if (d.isFile()) {
        if (!tracked && (await ignored(path))) continue;
        const st = await fs.promises.lstat(full);
        const read = (): Promise<Buffer> => fs.promises.readFile(full);
        out.set(path, { mode: st.mode & 0o100 ? '100755' : '100644', oid: blobOid(await read()), read });
      }
    }
  };
  await walk('');
  return out;
}
