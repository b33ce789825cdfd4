import type { RepoState } from './types';
import { isValidRefName } from './internal/paths';

const PREFIX = 'fabric/';

/**
 * Whether Fabric must not create or move `refName` (a short branch name or `refs/heads/…`):
 * anything outside `fabric/…`, any ref that is not a branch, an invalid name, and always `main`,
 * `master`, the default branch and the checked-out branch.
 */
export function isProtectedRef(state: Pick<RepoState, 'defaultBranch' | 'headBranch'>, refName: string): boolean {
  let name = refName;
  if (name.startsWith('refs/')) {
    if (!name.startsWith('refs/heads/')) return true;
    name = name.slice('refs/heads/'.length);
  }
  if (!isValidRefName(`refs/heads/${name}`)) return true;
  if (!name.startsWith(PREFIX) || name.length === PREFIX.length) return true;
  return name === 'main' || name === 'master' || name === state.defaultBranch || name === state.headBranch;
}
