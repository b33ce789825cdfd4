/**
 * Opens a repository for isomorphic-git: resolves the git directory (a `.git` folder or a `.git`
 * file with `gitdir:`), and wraps low-level failures into FabricErrors. isomorphic-git never runs
 * hooks, filters, fsmonitor or any other config-driven command, which is why it is used for
 * everything that reads or writes a (hostile) repository.
 */
import * as fs from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { FabricError, type FabricErrorCode } from '../../errors';

/** What every isomorphic-git call in this folder needs. */
export interface RepoHandle {
  fs: typeof fs;
  dir: string;
  gitdir: string;
  /** isomorphic-git's per-operation object cache. */
  cache: object;
}

/** Resolves the git directory of the working tree at `repoDir`; throws WORKSPACE_NOT_GIT. */
export function openRepo(repoDir: string): RepoHandle {
  const dir = resolve(repoDir);
  const dotGit = join(dir, '.git');
  let st: fs.Stats;
  try {
    st = fs.statSync(dotGit);
  } catch (e) {
    throw new FabricError('WORKSPACE_NOT_GIT', `not a git repository (no .git in ${dir})`, { cause: e, data: { repoDir: dir } });
  }
  let gitdir = dotGit;
  if (st.isFile()) {
    const text = fs.readFileSync(dotGit, 'utf8');
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(text);
    if (!m) throw new FabricError('WORKSPACE_NOT_GIT', `unreadable .git file in ${dir}`, { data: { repoDir: dir } });
    gitdir = isAbsolute(m[1]) ? m[1] : resolve(dir, m[1]);
    if (fs.existsSync(join(gitdir, 'commondir'))) {
      throw new FabricError('WORKSPACE_NOT_GIT', `linked worktrees are not supported yet (${dir})`, { data: { repoDir: dir } });
    }
  } else if (!st.isDirectory()) {
    throw new FabricError('WORKSPACE_NOT_GIT', `not a git repository (${dir})`, { data: { repoDir: dir } });
  }
  if (!fs.existsSync(join(gitdir, 'HEAD')) || !fs.existsSync(join(gitdir, 'objects'))) {
    throw new FabricError('WORKSPACE_NOT_GIT', `not a git repository (${dir})`, { data: { repoDir: dir } });
  }
  return { fs, dir, gitdir, cache: {} };
}

/** True for isomorphic-git's "not found" errors. */
export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'NotFoundError';
}

/** Runs `op`, wrapping anything that is not already a FabricError into `code` with the cause kept. */
export async function gitOp<T>(what: string, op: () => Promise<T>, code: FabricErrorCode = 'GIT_FAILED'): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof FabricError) throw e;
    throw new FabricError(code, `${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
