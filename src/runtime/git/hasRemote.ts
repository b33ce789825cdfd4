import * as fs from 'node:fs';
import * as git from 'isomorphic-git';
import { gitOp, openRepo } from './internal/repo';

/** Whether the repository has a remote named `remote` (read from its config; nothing runs). */
export async function hasRemote(repoDir: string, remote: string): Promise<boolean> {
  const repo = openRepo(repoDir);
  const remotes = await gitOp('listing remotes', () => git.listRemotes({ fs, dir: repo.dir, gitdir: repo.gitdir }));
  return remotes.some((r) => r.remote === remote);
}
