import * as fs from 'node:fs';
import { resolve } from 'node:path';
import * as git from 'isomorphic-git';
import { FabricError } from '../errors';
import { gitOp } from './internal/repo';

export interface RepoIdentity {
  /** The working tree's root folder. */
  root: string;
  /** `remote.origin.url`, if set. */
  originUrl: string | null;
  /** `user.email` / `user.name` from the repository's config (global config is not read). */
  userEmail: string | null;
  userName: string | null;
}

/** Finds the repository around `dir` and reads who and what it is, without writing anything. */
export async function repoIdentity(dir: string): Promise<RepoIdentity> {
  const root = await findRoot(resolve(dir));
  const read = async (path: string): Promise<string | null> => {
    try {
      const value = await git.getConfig({ fs, dir: root, path });
      return typeof value === 'string' && value.length > 0 ? value : null;
    } catch {
      return null;
    }
  };
  return { root, originUrl: await read('remote.origin.url'), userEmail: await read('user.email'), userName: await read('user.name') };
}

/** The working tree's root above `dir`; a clear WORKSPACE_NOT_GIT naming `dir` when there is none. */
async function findRoot(dir: string): Promise<string> {
  if (!fs.existsSync(dir)) throw new FabricError('WORKSPACE_NOT_GIT', `no such folder: ${dir}`, { data: { dir } });
  try {
    return await gitOp('finding the repository root', () => git.findRoot({ fs, filepath: dir }), 'WORKSPACE_NOT_GIT');
  } catch (e) {
    throw new FabricError('WORKSPACE_NOT_GIT', `${dir} is not inside a git repository (run git init, or pass --workspace)`, { cause: e, data: { dir } });
  }
}
