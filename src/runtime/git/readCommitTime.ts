import * as git from 'isomorphic-git';
import { gitOp, openRepo } from './internal/repo';

/** The committer time of `oid`, in seconds since the epoch (used as SOURCE_DATE_EPOCH). */
export async function readCommitTime(repoDir: string, oid: string): Promise<number> {
  const repo = openRepo(repoDir);
  const { commit } = await gitOp('reading a commit', () => git.readCommit({ fs: repo.fs, gitdir: repo.gitdir, oid, cache: repo.cache }));
  return commit.committer.timestamp;
}
