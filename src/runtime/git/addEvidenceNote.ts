import * as git from 'isomorphic-git';
import type { Clock } from '../context';
import { systemClock } from '../context';
import { fabricAuthor } from './internal/fabricIdentity';
import { checkNotesRef, isNotePathFor, notesHead } from './internal/notes';
import { gitOp, openRepo } from './internal/repo';
import { writeTreeFromEntries } from './internal/writeTreeFromEntries';
import { readTreeEntriesOf } from './readTreeEntries';
import type { TreeEntryInfo } from './types';

/** Options of `addEvidenceNote`. */
export interface EvidenceNoteOptions {
  /** The clock that stamps the notes commit (default: the system clock). */
  clock?: Clock;
}

/**
 * Attaches `text` (stored byte for byte) as the note of `commitOid` on `notesRef`, replacing an
 * earlier note of that commit wherever it sits (flat or fanned out, so notes written by git keep
 * working), and moves `notesRef` to the new notes commit, whose id is returned. Readable with
 * `git notes --ref fabric show <commit>`.
 */
export async function addEvidenceNote(
  repoDir: string,
  commitOid: string,
  text: string,
  notesRef = 'refs/notes/fabric',
  opts: EvidenceNoteOptions = {},
): Promise<string> {
  checkNotesRef(notesRef);
  const repo = openRepo(repoDir);
  return gitOp('writing an evidence note', async () => {
    await git.readCommit({ fs: repo.fs, gitdir: repo.gitdir, oid: commitOid, cache: repo.cache });
    const parent = await notesHead(repo, notesRef);
    const entries = parent ? await readTreeEntriesOf(repo, parent) : new Map<string, TreeEntryInfo>();
    for (const path of [...entries.keys()]) if (isNotePathFor(path, commitOid)) entries.delete(path);
    const blob = await git.writeBlob({ fs: repo.fs, gitdir: repo.gitdir, blob: Buffer.from(text, 'utf8') });
    entries.set(commitOid, { oid: blob, mode: '100644' });
    const tree = await writeTreeFromEntries(repo, entries);
    const author = fabricAuthor((opts.clock ?? systemClock).now());
    const oid = await git.writeCommit({
      fs: repo.fs,
      gitdir: repo.gitdir,
      commit: { tree, parent: parent ? [parent] : [], author, committer: author, message: `fabric: evidence for ${commitOid}\n` },
    });
    await git.writeRef({ fs: repo.fs, gitdir: repo.gitdir, ref: notesRef, value: oid, force: true });
    return oid;
  });
}
