import type { DiffEntry } from './types';
import { byPath } from './internal/paths';
import { openRepo } from './internal/repo';
import { readTreeEntriesOf } from './readTreeEntries';

/**
 * The paths whose object id differs between the trees of `baseOid` and `otherOid` (commits or
 * trees), sorted by path. Mode-only changes are not reported.
 */
export async function treeDiff(repoDir: string, baseOid: string, otherOid: string): Promise<DiffEntry[]> {
  const repo = openRepo(repoDir);
  const base = await readTreeEntriesOf(repo, baseOid);
  const other = await readTreeEntriesOf(repo, otherOid);
  const out: DiffEntry[] = [];
  for (const [path, b] of base) {
    const o = other.get(path);
    if (!o || o.oid !== b.oid) out.push({ path, old_oid: b.oid, new_oid: o ? o.oid : null });
  }
  for (const [path, o] of other) if (!base.has(path)) out.push({ path, old_oid: null, new_oid: o.oid });
  return out.sort(byPath);
}
