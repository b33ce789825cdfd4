import * as git from 'isomorphic-git';
import type { Clock } from '../context';
import { systemClock } from '../context';
import type { TreeEntryInfo } from './types';
import { fabricAuthor } from './internal/fabricIdentity';
import { gitOp, openRepo, type RepoHandle } from './internal/repo';
import { scanWorkTree } from './internal/scanWorkTree';
import { writeTreeFromEntries } from './internal/writeTreeFromEntries';
import { readTreeEntriesOf } from './readTreeEntries';

/** Options of `snapshotWorkingTree`. */
export interface SnapshotOptions {
  /** The clock that stamps the snapshot commit (default: the system clock). */
  clock?: Clock;
}

/** The message of every snapshot commit. */
export const SNAPSHOT_MESSAGE = 'fabric: snapshot of the working tree\n';

/**
 * If the working tree differs from `headOid` (tracked files changed or deleted, or untracked,
 * non-ignored files present), writes its blobs, trees and a commit object (parent `headOid`,
 * author and committer `Fabric <fabric@fabric.invalid>` now) and returns the commit id; else null.
 * Moves no ref and never touches the index or the working tree: the index is only read, to know
 * which paths are tracked. Content is taken byte for byte (no clean filters, no autocrlf); the exec
 * bit is the owner's x bit; submodule folders keep HEAD's gitlink.
 */
export async function snapshotWorkingTree(repoDir: string, headOid: string, opts: SnapshotOptions = {}): Promise<string | null> {
  return snapshotOf(openRepo(repoDir), headOid, opts.clock ?? systemClock);
}

export async function snapshotOf(repo: RepoHandle, headOid: string, clock: Clock): Promise<string | null> {
  return gitOp('snapshotting the working tree', async () => {
    const head = await readTreeEntriesOf(repo, headOid);
    const indexed = await listIndexPaths(repo);
    const tracked = new Set<string>([...head.keys(), ...indexed]);
    const gitlinks = new Set([...head].filter(([, e]) => e.mode === '160000').map(([p]) => p));
    const work = await scanWorkTree(repo, repo.dir, { tracked, skipDirs: gitlinks, skipNodeModules: false });

    const next = new Map<string, TreeEntryInfo>();
    for (const p of gitlinks) next.set(p, head.get(p) as TreeEntryInfo);
    let changed = false;
    for (const [path, file] of work) {
      const before = head.get(path);
      if (!before || before.oid !== file.oid || before.mode !== file.mode) {
        changed = true;
        await git.writeBlob({ fs: repo.fs, gitdir: repo.gitdir, blob: await file.read() });
      }
      next.set(path, { oid: file.oid, mode: file.mode });
    }
    if (!changed && next.size === head.size) return null;

    const tree = await writeTreeFromEntries(repo, next);
    const author = fabricAuthor(clock.now());
    return git.writeCommit({
      fs: repo.fs,
      gitdir: repo.gitdir,
      commit: { tree, parent: [headOid], author, committer: author, message: SNAPSHOT_MESSAGE },
    });
  });
}

/** Paths in the index (read only; a missing or unreadable index counts as empty). */
async function listIndexPaths(repo: RepoHandle): Promise<string[]> {
  try {
    return await git.listFiles({ fs: repo.fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache });
  } catch {
    return [];
  }
}
