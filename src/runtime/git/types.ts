/**
 * Shared types of the git area: repository state, tree entries, diffs, and the host git runner that
 * push receives (implemented in sandbox/, the only place that spawns processes).
 */

/** What `inspectRepo` learns about the user's repository. */
export interface RepoState {
  /** The working-tree root (the folder that holds `.git`). */
  repoDir: string;
  /** The git directory (usually `<repoDir>/.git`). */
  gitDir: string;
  /** The commit HEAD points at. */
  headOid: string;
  /** The checked-out branch without `refs/heads/`, null if HEAD is detached. */
  headBranch: string | null;
  /** `refs/remotes/origin/HEAD`'s target, else `main` or `master` if it exists, else `headBranch` (else `main`). */
  defaultBranch: string;
  /** True when tracked files differ from HEAD or untracked, non-ignored files exist. */
  dirty: boolean;
  /** The snapshot commit if dirty, else `headOid`: what Fabric fixes against. */
  baseOid: string;
}

/** A git tree mode as a six-digit string. */
export type TreeMode = '100644' | '100755' | '120000' | '160000';

/** One non-tree entry of a tree, keyed by its slash-separated path. */
export interface TreeEntryInfo {
  /** The git object id (blob, or commit for a submodule). */
  oid: string;
  /** The entry's mode: regular file, executable, symlink or submodule (gitlink). */
  mode: string;
}

/** One changed path between two trees, by git blob id; null = absent on that side. */
export interface DiffEntry {
  /** Slash-separated path relative to the repository root. */
  path: string;
  /** Blob id in the base tree, null if the path is added. */
  old_oid: string | null;
  /** Blob id in the other tree, null if the path is deleted. */
  new_oid: string | null;
}

/** The result of a host `git` invocation. `exitCode` is null when the process was killed (timeout). */
export interface HostGitResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the user's own `git` on the host with the given arguments (implemented in sandbox/). */
export type HostGitRunner = (args: string[], opts: { cwd: string; timeoutMs: number }) => Promise<HostGitResult>;
