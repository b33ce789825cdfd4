import * as git from 'isomorphic-git';
import { FabricError } from '../errors';
import { isNotFound, gitOp, openRepo, type RepoHandle } from './internal/repo';
import { parseTrailers } from './parseTrailers';

/** One commit of a range. */
export interface RangeCommit {
  /** The commit id. */
  oid: string;
  /** The full commit message. */
  message: string;
  /** Its trailers (see `parseTrailers`). */
  trailers: Record<string, string>;
}

/**
 * The commits reachable from B but not from A for `range` = `A..B` (either side a ref name, a
 * full or abbreviated commit id, or empty for HEAD), newest committer date first like
 * `git rev-list A..B`. Missing parents (shallow clones) end the walk there. The walk reads every
 * ancestor of A, which is fine for CI ranges; generation numbers would bound it.
 */
export async function listRangeCommits(repoDir: string, range: string): Promise<RangeCommit[]> {
  const at = range.indexOf('..');
  if (at === -1 || range.includes('...') || range.indexOf('..', at + 2) !== -1) {
    throw new FabricError('USAGE_INVALID', `not an A..B range: ${range}`, { data: { range } });
  }
  const left = range.slice(0, at);
  const right = range.slice(at + 2);
  const repo = openRepo(repoDir);
  return gitOp(`listing ${range}`, async () => {
    const from = await resolveCommit(repo, left === '' ? 'HEAD' : left);
    const to = await resolveCommit(repo, right === '' ? 'HEAD' : right);
    const excluded = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const oid = stack.pop() as string;
      if (excluded.has(oid)) continue;
      excluded.add(oid);
      const c = await readCommitOrNull(repo, oid);
      if (c) stack.push(...c.parent);
    }
    const out: RangeCommit[] = [];
    const seen = new Set<string>([to]);
    let order = 0;
    const queue: { oid: string; time: number; order: number }[] = [];
    const push = async (oid: string): Promise<void> => {
      if (excluded.has(oid)) return;
      const c = await readCommitOrNull(repo, oid);
      if (!c) return;
      const item = { oid, time: c.committer.timestamp, order: order++ };
      const at = queue.findIndex((q) => q.time < item.time);
      queue.splice(at === -1 ? queue.length : at, 0, item);
    };
    await push(to);
    while (queue.length > 0) {
      const next = queue.shift() as { oid: string };
      const c = await readCommitOrNull(repo, next.oid);
      if (!c) continue;
      out.push({ oid: next.oid, message: c.message, trailers: parseTrailers(c.message) });
      for (const p of c.parent) {
        if (seen.has(p)) continue;
        seen.add(p);
        await push(p);
      }
    }
    return out;
  });
}

async function readCommitOrNull(repo: RepoHandle, oid: string): Promise<git.CommitObject | null> {
  try {
    return (await git.readCommit({ fs: repo.fs, gitdir: repo.gitdir, oid, cache: repo.cache })).commit;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** A ref name or (abbreviated) object id, peeled through annotated tags to a commit id. */
async function resolveCommit(repo: RepoHandle, rev: string): Promise<string> {
  let oid: string;
  try {
    oid = await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: rev });
  } catch (e) {
    if (!/^[0-9a-f]{4,40}$/.test(rev)) throw new FabricError('GIT_FAILED', `unknown revision ${rev}`, { cause: e, data: { rev } });
    oid = await git.expandOid({ fs: repo.fs, gitdir: repo.gitdir, oid: rev, cache: repo.cache });
  }
  for (let i = 0; i < 16; i++) {
    const { type, object } = await git.readObject({ fs: repo.fs, gitdir: repo.gitdir, oid, format: 'parsed', cache: repo.cache });
    if (type === 'commit') return oid;
    if (type !== 'tag') break;
    oid = (object as git.TagObject).object;
  }
  throw new FabricError('GIT_FAILED', `${rev} does not name a commit`, { data: { rev } });
}
