import * as git from 'isomorphic-git';
import { FabricError } from '../../errors';
import type { TreeEntryInfo } from '../types';
import type { RepoHandle } from './repo';

interface DirNode {
  files: Map<string, TreeEntryInfo>;
  dirs: Map<string, DirNode>;
}

/**
 * Writes nested tree objects for a flat path → entry map and returns the root tree id. A path that
 * is both a file and a folder is a PATCH_INVALID. isomorphic-git sorts entries the way git requires.
 */
export async function writeTreeFromEntries(repo: RepoHandle, entries: ReadonlyMap<string, TreeEntryInfo>): Promise<string> {
  const root: DirNode = { files: new Map(), dirs: new Map() };
  for (const [path, entry] of entries) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (node.files.has(part)) throw conflict(path);
      let next = node.dirs.get(part);
      if (!next) {
        next = { files: new Map(), dirs: new Map() };
        node.dirs.set(part, next);
      }
      node = next;
    }
    const name = parts[parts.length - 1];
    if (node.dirs.has(name) || node.files.has(name)) throw conflict(path);
    node.files.set(name, entry);
  }
  return writeNode(repo, root);
}

async function writeNode(repo: RepoHandle, node: DirNode): Promise<string> {
  const tree: git.TreeEntry[] = [];
  for (const [name, child] of node.dirs) {
    const oid = await writeNode(repo, child);
    tree.push({ mode: '040000', path: name, oid, type: 'tree' });
  }
  for (const [name, entry] of node.files) {
    tree.push({ mode: entry.mode, path: name, oid: entry.oid, type: entry.mode === '160000' ? 'commit' : 'blob' });
  }
  return git.writeTree({ fs: repo.fs, gitdir: repo.gitdir, tree });
}

function conflict(path: string): FabricError {
  return new FabricError('PATCH_INVALID', `path is both a file and a folder: ${path}`, { data: { path } });
}
