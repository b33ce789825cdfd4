import * as fs from 'node:fs';
import { join } from 'node:path';
import * as git from 'isomorphic-git';
import { FabricError } from '../errors';
import { isSafeTreePath } from './internal/paths';
import { gitOp, openRepo } from './internal/repo';
import { resolvesInside } from './internal/resolvesInside';
import { readTreeEntriesOf } from './readTreeEntries';

/** Why an entry was not written. */
export type MaterializeSkipReason = 'symlink-escape' | 'submodule' | 'unsafe-path';

/** What `materializeTree` wrote and what it left out. */
export interface MaterializeResult {
  /** Paths written (regular files and symlinks), sorted. */
  files: string[];
  /** Entries not written, with the reason. */
  skipped: { path: string; reason: MaterializeSkipReason }[];
}

/**
 * Writes the files of `commitOid` into `destDir` (which must exist and be empty) with their exec
 * bits. Regular files are written first, through folders this function created, with `wx` (never
 * through an existing entry); symlinks come last and are kept only if they resolve inside
 * `destDir` (following chains of links); submodules and unsafe paths (`..`, absolute, `.git`) are
 * skipped and reported.
 */
export async function materializeTree(repoDir: string, commitOid: string, destDir: string): Promise<MaterializeResult> {
  const repo = openRepo(repoDir);
  const existing = await fs.promises.readdir(destDir).catch((e: unknown) => {
    throw new FabricError('USAGE_INVALID', `destination ${destDir} is not a readable folder`, { cause: e });
  });
  if (existing.length > 0) throw new FabricError('USAGE_INVALID', `destination ${destDir} is not empty`, { data: { destDir } });
  const root = await fs.promises.realpath(destDir);
  const entries = await readTreeEntriesOf(repo, commitOid);
  const files: string[] = [];
  const skipped: MaterializeResult['skipped'] = [];
  const links: { path: string; target: string }[] = [];

  await gitOp('materializing a tree', async () => {
    for (const [path, entry] of entries) {
      if (!isSafeTreePath(path)) skipped.push({ path, reason: 'unsafe-path' });
      else if (entry.mode === '160000') skipped.push({ path, reason: 'submodule' });
      else if (entry.mode === '120000') {
        const { blob } = await git.readBlob({ fs: repo.fs, gitdir: repo.gitdir, oid: entry.oid, cache: repo.cache });
        links.push({ path, target: Buffer.from(blob).toString('utf8') });
      } else {
        const { blob } = await git.readBlob({ fs: repo.fs, gitdir: repo.gitdir, oid: entry.oid, cache: repo.cache });
        if (await writeRegular(root, path, blob, entry.mode === '100755')) files.push(path);
        else skipped.push({ path, reason: 'unsafe-path' });
      }
    }
    const made: string[] = [];
    for (const link of links) {
      if (link.target.includes('\0') || link.target.startsWith('/') || !(await makeDirs(root, link.path))) {
        skipped.push({ path: link.path, reason: link.target.startsWith('/') ? 'symlink-escape' : 'unsafe-path' });
        continue;
      }
      try {
        await fs.promises.symlink(link.target, join(root, link.path));
        made.push(link.path);
      } catch {
        skipped.push({ path: link.path, reason: 'unsafe-path' });
      }
    }
    // Removing one escaping link can change where another resolves: repeat until stable.
    let removed = true;
    while (removed) {
      removed = false;
      for (const path of [...made]) {
        if (await resolvesInside(root, path)) continue;
        await fs.promises.unlink(join(root, path));
        made.splice(made.indexOf(path), 1);
        skipped.push({ path, reason: 'symlink-escape' });
        removed = true;
      }
    }
    files.push(...made);
  });
  files.sort();
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}

/** Creates the parent folders of `path` under `root`, refusing to pass through anything but real folders. */
async function makeDirs(root: string, path: string): Promise<boolean> {
  const parts = path.split('/').slice(0, -1);
  let cur = root;
  for (const part of parts) {
    cur = join(cur, part);
    try {
      const st = await fs.promises.lstat(cur);
      if (!st.isDirectory()) return false;
    } catch {
      await fs.promises.mkdir(cur);
    }
  }
  return true;
}

async function writeRegular(root: string, path: string, content: Uint8Array, executable: boolean): Promise<boolean> {
  if (!(await makeDirs(root, path))) return false;
  const full = join(root, path);
  try {
    await fs.promises.writeFile(full, content, { flag: 'wx' });
  } catch {
    return false;
  }
  await fs.promises.chmod(full, executable ? 0o755 : 0o644);
  return true;
}
