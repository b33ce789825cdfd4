import * as git from 'isomorphic-git';
import { checkNotesRef, isNotePathFor, notesHead } from './internal/notes';
import { gitOp, openRepo } from './internal/repo';
import { readTreeEntriesOf } from './readTreeEntries';

/** The note of `commitOid` on `notesRef` (flat or fanned out, as git writes them), or null. */
export async function readEvidenceNote(repoDir: string, commitOid: string, notesRef = 'refs/notes/fabric'): Promise<string | null> {
  checkNotesRef(notesRef);
  const repo = openRepo(repoDir);
  return gitOp('reading an evidence note', async () => {
    const head = await notesHead(repo, notesRef);
    if (!head) return null;
    for (const [path, entry] of await readTreeEntriesOf(repo, head)) {
      if (!isNotePathFor(path, commitOid)) continue;
      const { blob } = await git.readBlob({ fs: repo.fs, gitdir: repo.gitdir, oid: entry.oid, cache: repo.cache });
      return Buffer.from(blob).toString('utf8');
    }
    return null;
  });
}
