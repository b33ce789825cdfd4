import * as git from 'isomorphic-git';
import type { TreeEntryInfo } from './types';
import { gitOp, openRepo, type RepoHandle } from './internal/repo';

/**
 * Every non-tree entry (files, symlinks, submodule gitlinks) of the tree of `oid` (a commit, an
 * annotated tag or a tree), recursively, keyed by slash-separated path. Trees are parsed here, not
 * by isomorphic-git, so that hostile names (`..`, `.git`) are reported to the caller (which judges
 * them, e.g. `materializeTree` skips them) instead of failing the whole read.
 */
export async function readTreeEntries(repoDir: string, oid: string): Promise<Map<string, TreeEntryInfo>> {
  return readTreeEntriesOf(openRepo(repoDir), oid);
}

/** The same, on an already opened repository (shares its object cache). */
export async function readTreeEntriesOf(repo: RepoHandle, oid: string): Promise<Map<string, TreeEntryInfo>> {
  const out = new Map<string, TreeEntryInfo>();
  const visit = async (treeOid: string, prefix: string, depth: number): Promise<void> => {
    if (depth > 256) throw new Error('tree nesting deeper than 256 levels');
    for (const entry of parseTree(await readRaw(repo, treeOid, 'tree'))) {
      const path = prefix + entry.name;
      if (entry.mode === '040000') await visit(entry.oid, `${path}/`, depth + 1);
      else out.set(path, { oid: entry.oid, mode: entry.mode });
    }
  };
  await gitOp(`reading the tree of ${oid}`, async () => visit(await peelToTree(repo, oid), '', 0));
  return out;
}

async function readRaw(repo: RepoHandle, oid: string, expected?: string): Promise<{ type: string; bytes: Buffer }> {
  const obj = await git.readObject({ fs: repo.fs, gitdir: repo.gitdir, oid, format: 'content', cache: repo.cache });
  if (!(obj.object instanceof Uint8Array)) throw new Error(`object ${oid} could not be read`);
  if (expected && obj.type !== expected) throw new Error(`object ${oid} is a ${obj.type}, not a ${expected}`);
  return { type: obj.type, bytes: Buffer.from(obj.object) };
}

async function peelToTree(repo: RepoHandle, oid: string): Promise<string> {
  let current = oid;
  for (let i = 0; i < 16; i++) {
    const { type, bytes } = await readRaw(repo, current);
    if (type === 'tree') return current;
    const m = /^(tree|object) ([0-9a-f]{40})\n/.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!m || (type !== 'commit' && type !== 'tag')) break;
    current = m[2];
  }
  throw new Error(`${oid} does not name a tree`);
}

/** Raw tree entries: `<mode> <name>\0<20-byte id>` repeated; modes normalized to six digits. */
function parseTree({ bytes }: { bytes: Buffer }): { mode: string; name: string; oid: string }[] {
  const out: { mode: string; name: string; oid: string }[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const space = bytes.indexOf(0x20, pos);
    const nul = bytes.indexOf(0, space + 1);
    if (space === -1 || nul === -1 || nul + 21 > bytes.length) throw new Error('malformed tree object');
    const mode = bytes.subarray(pos, space).toString('latin1').padStart(6, '0');
    if (!/^(040000|100644|100755|120000|160000|100664)$/.test(mode)) throw new Error(`unknown tree entry mode ${mode}`);
    out.push({ mode: mode === '100664' ? '100644' : mode, name: bytes.subarray(space + 1, nul).toString('utf8'), oid: bytes.subarray(nul + 1, nul + 21).toString('hex') });
    pos = nul + 21;
  }
  return out;
}
