import * as git from 'isomorphic-git';
import { FabricError } from '../../errors';
import { isValidRefName } from './paths';
import { isNotFound, type RepoHandle } from './repo';

/** Checks that `notesRef` is a valid ref under `refs/notes/`; USAGE_INVALID otherwise. */
export function checkNotesRef(notesRef: string): void {
  if (!notesRef.startsWith('refs/notes/') || !isValidRefName(notesRef)) {
    throw new FabricError('USAGE_INVALID', `not a notes ref: ${notesRef}`, { data: { notesRef } });
  }
}

/** The commit the notes ref points at, null if it does not exist yet. */
export async function notesHead(repo: RepoHandle, notesRef: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref: notesRef });
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** Whether a notes-tree path (flat `<oid>` or fanned out `ab/cdef…`) is the note of `commitOid`. */
export function isNotePathFor(path: string, commitOid: string): boolean {
  return path.replace(/\//g, '') === commitOid;
}
