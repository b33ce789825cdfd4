import * as git from 'isomorphic-git';
import type { Clock } from '../context';
import { systemClock } from '../context';
import { FabricError } from '../errors';
import type { RepoState } from './types';
import { gitOp, isNotFound, openRepo, type RepoHandle } from './internal/repo';
import { snapshotOf } from './snapshotWorkingTree';
import * as fs from 'node:fs';
import { resolve } from 'node:path';

/** Options of `inspectRepo`. */
export interface InspectOptions {
  /** The clock that stamps a snapshot commit (default: the system clock). */
  clock?: Clock;
}

/**
 * Reads HEAD, the checked-out and default branches, and snapshots a dirty working tree (a commit
 * object, no ref moved). `repoDir` may be any folder inside the working tree. Not a repository, or
 * a repository without commits → WORKSPACE_NOT_GIT.
 */
export async function inspectRepo(repoDir: string, opts: InspectOptions = {}): Promise<RepoState> {
  const root = await gitOp('finding the repository root', () => git.findRoot({ fs, filepath: resolve(repoDir) }), 'WORKSPACE_NOT_GIT');
  const repo = openRepo(root);
  const headOid = await resolveHead(repo);
  const headBranch = await checkedOutBranch(repo);
  const defaultBranch = (await originHead(repo)) ?? (await firstExisting(repo, ['main', 'master'])) ?? headBranch ?? 'main';
  const snapshot = await snapshotOf(repo, headOid, opts.clock ?? systemClock);
  return {
    repoDir: repo.dir,
    gitDir: repo.gitdir,
    headOid,
    headBranch,
    defaultBranch,
    dirty: snapshot !== null,
    baseOid: snapshot ?? headOid,
  };
}

async function resolveHead(repo: RepoHandle): Promise<string> {
  try {
    return await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: 'HEAD' });
  } catch (e) {
    if (isNotFound(e)) {
      throw new FabricError('WORKSPACE_NOT_GIT', `the repository at ${repo.dir} has no commits yet`, { cause: e, data: { repoDir: repo.dir } });
    }
    throw new FabricError('GIT_FAILED', `reading HEAD: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function checkedOutBranch(repo: RepoHandle): Promise<string | null> {
  const target = await gitOp('reading HEAD', () => git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: 'HEAD', depth: 2 }));
  return target.startsWith('refs/heads/') ? target.slice('refs/heads/'.length) : null;
}

async function originHead(repo: RepoHandle): Promise<string | null> {
  try {
    const target = await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: 'refs/remotes/origin/HEAD', depth: 2 });
    const prefix = 'refs/remotes/origin/';
    return target.startsWith(prefix) && target.length > prefix.length ? target.slice(prefix.length) : null;
  } catch {
    return null;
  }
}

async function firstExisting(repo: RepoHandle, names: string[]): Promise<string | null> {
  for (const name of names) {
    try {
      await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: `refs/heads/${name}` });
      return name;
    } catch {
      // try the next one
    }
  }
  return null;
}
