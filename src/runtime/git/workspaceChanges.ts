import * as git from 'isomorphic-git';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Sha256Digest } from '../util/digest';
import type { DiffEntry, TreeEntryInfo } from './types';
import { diffDigest } from './diffDigest';
import { byPath, isSkippedWorkspacePath } from './internal/paths';
import { gitOp, openRepo, type RepoHandle } from './internal/repo';
import { scanWorkTree, type WorkFile } from './internal/scanWorkTree';
import { readTreeEntriesOf } from './readTreeEntries';

/** One changed file, with its text on both sides. */
export interface ChangedFile {
  /** Slash-separated path relative to the workspace root. */
  path: string;
  /** Text in the base tree; null if added, or if binary. */
  before: string | null;
  /** Text in the workspace; null if deleted, or if binary (read the bytes from the workspace). */
  after: string | null;
  /** True if either side has a NUL byte in its first 8000 bytes or is not valid UTF-8. */
  binary: boolean;
  /** The mode in the workspace (`100644`, `100755`, `120000`), null if deleted. */
  mode: string | null;
}

/** What changed in a candidate workspace against the base commit. */
export interface WorkspaceChanges {
  /** Changed paths by git blob id, sorted by path. */
  entries: DiffEntry[];
  /** The same paths with their text, sorted by path. */
  files: ChangedFile[];
  /** A unified diff with `diff --git a/… b/…` headers (what `git apply` takes), sorted by path. */
  patch: string;
  /** `diffDigest(entries)`: equals `diffDigest(treeDiff(base, commit))` once committed. */
  digest: Sha256Digest;
}

/** Options of `workspaceChanges`. */
export interface WorkspaceChangesOptions {
  /** Base paths whose absence from the workspace is not a deletion (e.g. `materializeTree`'s `skipped`). */
  skip?: readonly string[];
}

/**
 * Compares every regular file and symlink (not followed) under `workspaceDir` with the tree of
 * `baseOid`, using git blob ids. Folders named `node_modules` or `.git` are skipped on both sides,
 * and so are submodules; an untracked file that the workspace's `.gitignore` ignores is not a
 * change (build output, coverage). Mode-only changes are not reported.
 */
export async function workspaceChanges(
  repoDir: string,
  baseOid: string,
  workspaceDir: string,
  opts: WorkspaceChangesOptions = {},
): Promise<WorkspaceChanges> {
  const repo = openRepo(repoDir);
  const skip = new Set(opts.skip ?? []);
  const all = await readTreeEntriesOf(repo, baseOid);
  const gitlinks = new Set<string>();
  const base = new Map<string, TreeEntryInfo>();
  for (const [path, e] of all) {
    if (e.mode === '160000') gitlinks.add(path);
    else if (!isSkippedWorkspacePath(path)) base.set(path, e);
  }
  const work = await gitOp('reading the workspace', () =>
    scanWorkTree(repo, workspaceDir, { tracked: new Set(base.keys()), skipDirs: gitlinks, skipNodeModules: true }),
  );

  const entries: DiffEntry[] = [];
  const described: Described[] = [];
  for (const [path, b] of base) {
    const w = work.get(path);
    if (w ? w.oid === b.oid : skip.has(path)) continue;
    entries.push({ path, old_oid: b.oid, new_oid: w ? w.oid : null });
    described.push(await describe(repo, path, b, w ?? null));
  }
  for (const [path, w] of work) {
    if (base.has(path)) continue;
    entries.push({ path, old_oid: null, new_oid: w.oid });
    described.push(await describe(repo, path, null, w));
  }
  entries.sort(byPath);
  described.sort(byPath);
  const files = described.map(({ oldMode: _oldMode, ...file }) => file);
  return { entries, files, patch: described.map(filePatch).join(''), digest: diffDigest(entries) };
}

interface Described extends ChangedFile {
  oldMode: string | null;
}

async function describe(repo: RepoHandle, path: string, base: TreeEntryInfo | null, work: WorkFile | null): Promise<Described> {
  const beforeBytes = base
    ? Buffer.from((await gitOp(`reading ${path}`, () => git.readBlob({ fs: repo.fs, gitdir: repo.gitdir, oid: base.oid, cache: repo.cache }))).blob)
    : null;
  const afterBytes = work ? await work.read() : null;
  const binary = isBinary(beforeBytes) || isBinary(afterBytes);
  return {
    path,
    before: binary || !beforeBytes ? null : beforeBytes.toString('utf8'),
    after: binary || !afterBytes ? null : afterBytes.toString('utf8'),
    binary,
    mode: work ? work.mode : null,
    oldMode: base ? base.mode : null,
  };
}

function isBinary(bytes: Buffer | null): boolean {
  if (!bytes) return false;
  if (bytes.subarray(0, 8000).includes(0)) return true;
  return !Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function filePatch(f: Described): string {
  const d = f;
  const added = d.oldMode === null;
  const deleted = d.mode === null;
  let head = `diff --git a/${f.path} b/${f.path}\n`;
  if (added) head += `new file mode ${d.mode}\n`;
  if (deleted) head += `deleted file mode ${d.oldMode}\n`;
  const oldName = added ? '/dev/null' : `a/${f.path}`;
  const newName = deleted ? '/dev/null' : `b/${f.path}`;
  if (f.binary) return `${head}Binary files ${oldName} and ${newName} differ\n`;
  const body = createTwoFilesPatch(oldName, newName, f.before ?? '', f.after ?? '', undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  return body.includes('\n@@') ? head + body : head;
}
