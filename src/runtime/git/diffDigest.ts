import { canonicalDigest, type Sha256Digest } from '../util/digest';
import { FabricError } from '../errors';
import type { DiffEntry } from './types';
import { byPath } from './internal/paths';

const OID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The Evidence Bundle's `verified_diff_sha`: sha256 over the RFC 8785 canonical JSON of the
 * entries (`path`, `old_oid`, `new_oid` only) sorted by path. Mode-only changes are not part of it.
 * A duplicate path or a malformed blob id is a PATCH_INVALID.
 */
export function diffDigest(entries: readonly DiffEntry[]): Sha256Digest {
  const seen = new Set<string>();
  const bad: string[] = [];
  const clean = entries.map((e, i) => {
    if (seen.has(e.path)) bad.push(`/${i}/path (duplicate)`);
    seen.add(e.path);
    if (e.old_oid !== null && !OID.test(e.old_oid)) bad.push(`/${i}/old_oid`);
    if (e.new_oid !== null && !OID.test(e.new_oid)) bad.push(`/${i}/new_oid`);
    return { path: e.path, old_oid: e.old_oid, new_oid: e.new_oid };
  });
  if (bad.length > 0) throw new FabricError('PATCH_INVALID', `invalid diff entries: ${bad.join(', ')}`, { data: { paths: bad } });
  return canonicalDigest(clean.sort(byPath));
}
