import * as git from 'isomorphic-git';
import { isNotFound, openRepo } from './internal/repo';

/** The commit `refs/heads/<branch>` points at, or null when the branch does not exist. */
export async function resolveBranch(repoDir: string, branch: string): Promise<string | null> {
  const repo = openRepo(repoDir);
  try {
    return await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: `refs/heads/${branch}` });
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}
