import * as git from 'isomorphic-git';
import { FabricError } from '../errors';
import { gitOp, isNotFound, openRepo } from './internal/repo';
import { parseTrailers } from './parseTrailers';

export interface CommitInfo {
  oid: string;
  parents: string[];
  message: string;
  trailers: Record<string, string>;
  /** Committer time, seconds since the epoch. */
  timestamp: number;
}

/** Reads one commit; `EVIDENCE_MISSING` when the repository does not have it. */
export async function readCommitInfo(repoDir: string, oid: string): Promise<CommitInfo> {
  const repo = openRepo(repoDir);
  let result: Awaited<ReturnType<typeof git.readCommit>>;
  try {
    result = await git.readCommit({ fs: repo.fs, gitdir: repo.gitdir, oid, cache: repo.cache });
  } catch (e) {
    if (isNotFound(e)) throw new FabricError('EVIDENCE_MISSING', `commit ${oid} is not in this repository (fetch it first)`, { cause: e, data: { commit: oid } });
    return gitOp(`reading commit ${oid}`, () => Promise.reject(e));
  }
  const { commit } = result;
  return { oid: result.oid, parents: commit.parent, message: commit.message, trailers: parseTrailers(commit.message), timestamp: commit.committer.timestamp };
}
