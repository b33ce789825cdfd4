/**
 * git/: snapshots, candidate trees, SSH-signed commits, protected refs, evidence notes, push.
 * Part of the Runtime Kernel's side of the Verifier and Audit layer: everything here reads and
 * writes repositories with isomorphic-git (no hooks, filters or config-driven commands) and spawns
 * nothing; push receives the host git runner from sandbox/.
 */
export type { DiffEntry, HostGitResult, HostGitRunner, RepoState, TreeEntryInfo, TreeMode } from './types';
export { inspectRepo, type InspectOptions } from './inspectRepo';
export { snapshotWorkingTree, SNAPSHOT_MESSAGE, type SnapshotOptions } from './snapshotWorkingTree';
export { materializeTree, type MaterializeResult, type MaterializeSkipReason } from './materializeTree';
export { readTreeEntries } from './readTreeEntries';
export { diffDigest } from './diffDigest';
export { treeDiff } from './treeDiff';
export { workspaceChanges, type ChangedFile, type WorkspaceChanges, type WorkspaceChangesOptions } from './workspaceChanges';
export { createSignedCommit, type FileChange, type SignedCommitOptions } from './createSignedCommit';
export type { CommitIdentity } from './internal/commitObject';
export { signSshsig, verifySshsig, parseSshsig, type Ed25519KeyPair, type ParsedSshsig } from './sshsig';
export { verifyCommitSignature, type CommitSignatureFailure, type CommitSignatureResult } from './verifyCommitSignature';
export { branchName } from './branchName';
export { isProtectedRef } from './isProtectedRef';
export { createFabricBranch } from './createFabricBranch';
export { addEvidenceNote, type EvidenceNoteOptions } from './addEvidenceNote';
export { readEvidenceNote } from './readEvidenceNote';
export { listRangeCommits, type RangeCommit } from './listRangeCommits';
export { parseTrailers } from './parseTrailers';
export { pushBranch, type PushOptions, type PushRejection } from './pushBranch';
export { readCommitTime } from './readCommitTime';
export { repoIdentity, type RepoIdentity } from './repoIdentity';
export { readCommitInfo, type CommitInfo } from './readCommitInfo';
export { resolveBranch } from './resolveBranch';
export { hasRemote } from './hasRemote';
