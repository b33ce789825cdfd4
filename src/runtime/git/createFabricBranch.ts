import * as git from 'isomorphic-git';
import { FabricError } from '../errors';
import type { RepoState } from './types';
import { gitOp, isNotFound, openRepo, type RepoHandle } from './internal/repo';
import { isProtectedRef } from './isProtectedRef';

/**
 * Creates `refs/heads/<name>` at commit `oid`. GIT_PROTECTED_REF unless `name` is under `fabric/`
 * and is none of `main`, `master`, the default branch or the checked-out branch; GIT_REF_EXISTS if
 * the branch exists (never moved or overwritten); GIT_FAILED if `oid` is not a commit.
 */
export async function createFabricBranch(state: RepoState, name: string, oid: string): Promise<void> {
  if (isProtectedRef(state, name)) {
    throw new FabricError('GIT_PROTECTED_REF', `refusing to write protected or non-Fabric branch ${name}`, { data: { branch: name } });
  }
  const ref = name.startsWith('refs/heads/') ? name : `refs/heads/${name}`;
  const repo = openRepo(state.repoDir);
  const obj = await gitOp(`reading ${oid}`, () => git.readObject({ fs: repo.fs, gitdir: repo.gitdir, oid, format: 'content', cache: repo.cache }));
  if (obj.type !== 'commit') throw new FabricError('GIT_FAILED', `${oid} is a ${obj.type}, not a commit`, { data: { oid } });
  if (await refExists(repo, ref)) throw new FabricError('GIT_REF_EXISTS', `branch ${name} already exists`, { data: { branch: name } });
  await gitOp(`creating ${ref}`, async () => {
    try {
      await git.writeRef({ fs: repo.fs, gitdir: repo.gitdir, ref, value: oid, force: false });
    } catch (e) {
      if ((e as { code?: unknown }).code === 'AlreadyExistsError') {
        throw new FabricError('GIT_REF_EXISTS', `branch ${name} already exists`, { cause: e, data: { branch: name } });
      }
      throw e;
    }
  });
}

async function refExists(repo: RepoHandle, ref: string): Promise<boolean> {
  try {
    await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref, depth: 1 });
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw new FabricError('GIT_FAILED', `reading ${ref}`, { cause: e });
  }
}
