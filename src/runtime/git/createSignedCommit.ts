import * as git from 'isomorphic-git';
import { FabricError } from '../errors';
import type { TreeEntryInfo } from './types';
import { insertSignature, renderCommit, type CommitIdentity } from './internal/commitObject';
import { isSafeTreePath } from './internal/paths';
import { gitOp, openRepo } from './internal/repo';
import { formatTrailers, invalidTrailers } from './internal/trailerFormat';
import { writeTreeFromEntries } from './internal/writeTreeFromEntries';
import { readTreeEntriesOf } from './readTreeEntries';
import { signSshsig, type Ed25519KeyPair } from './sshsig';

/** One file to write or delete in the new commit. */
export interface FileChange {
  /** Slash-separated path relative to the repository root (no `..`, `.git`, or leading `/`). */
  path: string;
  /** New content, or null to delete the path (which must exist in the parent). */
  content: Uint8Array | string | null;
  /** Mode of the new content; default: the parent's mode if it was a regular file, else `100644`. */
  mode?: '100644' | '100755' | '120000';
}

/** Options of `createSignedCommit`. */
export interface SignedCommitOptions {
  /** The parent commit; its tree is the starting point. */
  parentOid: string;
  /** Files to write or delete. */
  changes: readonly FileChange[];
  /** The commit message (subject and body); trailing blank lines are dropped. */
  message: string;
  /** Appended as `Key: value` lines after a blank line (e.g. `Fabric-Trace`, `Fabric-Evidence`). */
  trailers: Record<string, string>;
  /** Author and committer. */
  author: CommitIdentity;
  /** The Ed25519 key that signs the commit (SSHSIG, namespace `git`). */
  signer: Ed25519KeyPair;
}

/**
 * Writes blobs, nested trees and an SSH-signed commit object (a `gpgsig` header that real
 * `git verify-commit` accepts) and returns the commit id. Writes NO ref and never touches the index
 * or the working tree. The payload signed is exactly the object without its `gpgsig` header.
 */
export async function createSignedCommit(repoDir: string, opts: SignedCommitOptions): Promise<string> {
  const repo = openRepo(repoDir);
  checkInput(opts);
  const entries = await readTreeEntriesOf(repo, opts.parentOid);
  return gitOp('writing a signed commit', async () => {
    for (const change of opts.changes) {
      const before = entries.get(change.path);
      if (change.content === null) {
        if (!before) throw new FabricError('PATCH_INVALID', `cannot delete ${change.path}: not in the parent`, { data: { path: change.path } });
        entries.delete(change.path);
        continue;
      }
      const blob = typeof change.content === 'string' ? Buffer.from(change.content, 'utf8') : change.content;
      const oid = await git.writeBlob({ fs: repo.fs, gitdir: repo.gitdir, blob });
      const keep = before && (before.mode === '100644' || before.mode === '100755') ? before.mode : '100644';
      entries.set(change.path, { oid, mode: change.mode ?? keep } satisfies TreeEntryInfo);
    }
    const tree = await writeTreeFromEntries(repo, entries);
    const body = opts.message.replace(/\r/g, '').replace(/\s+$/, '');
    const trailers = formatTrailers(opts.trailers);
    const message = `${body}\n${trailers ? `\n${trailers}` : ''}`;
    const unsigned = renderCommit({ tree, parents: [opts.parentOid], author: opts.author, committer: opts.author, message });
    const signed = insertSignature(unsigned, signSshsig(unsigned, opts.signer, 'git'));
    return git.writeObject({ fs: repo.fs, gitdir: repo.gitdir, type: 'commit', object: Buffer.from(signed, 'utf8'), format: 'content' });
  });
}

function checkInput(opts: SignedCommitOptions): void {
  const bad: string[] = [];
  const seen = new Set<string>();
  opts.changes.forEach((c, i) => {
    if (!isSafeTreePath(c.path) || seen.has(c.path)) bad.push(`/changes/${i}/path`);
    seen.add(c.path);
  });
  if (bad.length > 0) throw new FabricError('PATCH_INVALID', `unsafe or duplicate paths: ${bad.join(', ')}`, { data: { paths: bad } });
  const id = opts.author;
  if (/[<>\n]/.test(id.name) || id.name.trim() === '') bad.push('/author/name');
  if (/[<>\n]/.test(id.email)) bad.push('/author/email');
  if (!Number.isSafeInteger(id.timestamp) || id.timestamp < 0) bad.push('/author/timestamp');
  if (!Number.isInteger(id.timezoneOffset) || Math.abs(id.timezoneOffset) >= 100 * 60) bad.push('/author/timezoneOffset');
  if (opts.message.trim() === '') bad.push('/message');
  if (!/^[0-9a-f]{40}$/.test(opts.parentOid)) bad.push('/parentOid');
  bad.push(...invalidTrailers(opts.trailers));
  if (bad.length > 0) throw new FabricError('USAGE_INVALID', `invalid commit options: ${bad.join(', ')}`, { data: { paths: bad } });
}
