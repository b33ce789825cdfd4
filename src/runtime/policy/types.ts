/**
 * Types of the Policy and Rule Engine layer (P6): what the Gate asks (`PolicyRequest`, one variant
 * per capability) and what Cedar answers (`PolicyDecision`).
 */
import type { Sha256Digest } from '../util/digest';
import type { RoleName } from './roles';

/** What Cedar may know about an approval token: the Gate verifies the signature first (Cedar cannot). */
export interface ApprovalClaims {
  /** Signature, binding to (action, args), expiry and single use all verified. */
  valid: boolean;
  /** The capability the token was minted for. */
  action: string;
  /** Expiry in Unix seconds. */
  exp: number;
}

/** Wall-time budget seen by policies (workspace forbids may use it). */
export interface BudgetClaims {
  /** Milliseconds used so far. */
  wallMsUsed: number;
  /** Milliseconds allowed. */
  wallMsLimit: number;
}

/** Fields every request carries. `approval` and `budget` are filled in by the Gate, never by callers. */
export interface PolicyRequestBase {
  /** The role asking (the lease's role). */
  role: RoleName;
  /** Verified approval claims; absent means "no valid approval". */
  approval?: ApprovalClaims;
  /** Budget usage; absent means zero used of an unlimited budget. */
  budget?: BudgetClaims;
}

export interface WorkspaceCreateRequest extends PolicyRequestBase {
  capability: 'workspace.create';
  /** Id of the workspace to materialize (e.g. `candidate-2`, `baseline`, `compile`). */
  workspace: string;
}

export interface FsReadRequest extends PolicyRequestBase {
  capability: 'fs.read';
  /** Repo-relative path, forward slashes; absolute paths and `..` are denied. */
  path: string;
}

export interface FsWriteRequest extends PolicyRequestBase {
  capability: 'fs.write';
  /** Repo-relative path, forward slashes; absolute paths and `..` are denied. */
  path: string;
  /** The plan's write scope: files, or directories (`dir/`, `dir/**`; a bare name matches as file or directory). */
  writeScope: string[];
  /** The caller's view; the engine also applies `isTestPath` and treats either as a test file. */
  isTestFile: boolean;
  /** The goal explicitly allows editing tests. */
  allowTestEdits: boolean;
}

export interface SandboxExecRequest extends PolicyRequestBase {
  capability: 'sandbox.exec';
  /** The program run (argv[0]). */
  program: string;
  /** The workspace it runs in. */
  workspace: string;
  /** Whether the command asks for network access (denied by default policy). */
  network: boolean;
}

export interface GitSnapshotRequest extends PolicyRequestBase {
  capability: 'git.snapshot';
}

export interface GitCommitRequest extends PolicyRequestBase {
  capability: 'git.commit';
}

/** Facts about a ref the caller read from the repository. */
export interface RefFacts {
  /** Full ref name, e.g. `refs/heads/fabric/fix-1a2b3c4d`. */
  ref: string;
  /** Marked protected by configuration or the remote. */
  protected: boolean;
  /** The repository's default branch as a full ref (e.g. `refs/heads/main`), if known. */
  defaultBranch?: string;
  /** The checked-out branch as a full ref, if any. */
  checkedOutBranch?: string;
}

export interface GitWriteRefRequest extends PolicyRequestBase, RefFacts {
  capability: 'git.write_ref';
}

export interface GitNoteRequest extends PolicyRequestBase, RefFacts {
  capability: 'git.note';
}

export interface GitPushRequest extends PolicyRequestBase, RefFacts {
  capability: 'git.push';
}

export interface GitForcePushRequest extends PolicyRequestBase, RefFacts {
  capability: 'git.force_push';
}

export interface GitDeleteBranchRequest extends PolicyRequestBase, RefFacts {
  capability: 'git.delete_branch';
}

export interface EvidenceSignRequest extends PolicyRequestBase {
  capability: 'evidence.sign';
  /** What is signed, e.g. the bundle digest. */
  subject: string;
}

export interface NetworkAccessRequest extends PolicyRequestBase {
  capability: 'network.access';
  /** Host name asked for. */
  host: string;
}

/** One variant per capability of policies/capabilities.json. */
export type PolicyRequest =
  | WorkspaceCreateRequest
  | FsReadRequest
  | FsWriteRequest
  | SandboxExecRequest
  | GitSnapshotRequest
  | GitCommitRequest
  | GitWriteRefRequest
  | GitNoteRequest
  | EvidenceSignRequest
  | GitPushRequest
  | GitForcePushRequest
  | GitDeleteBranchRequest
  | NetworkAccessRequest;

export type PolicyCapability = PolicyRequest['capability'];

export interface PolicyDecision {
  decision: 'allow' | 'deny';
  /** `@id`s of the policies that decided (permits for allow, forbids for deny; empty = default deny). */
  policyIds: string[];
  /** Evaluation or request errors; any error makes the decision deny (fail closed). */
  errors: string[];
  /** Time spent deciding (monotonic clock), for the latency budget; not part of any digest. */
  durationMs: number;
}

export interface PolicyEngine {
  /** Decides one request against the policies in force. Never throws for a well-typed request. */
  decide(request: PolicyRequest): PolicyDecision;
  /** sha256 over the canonical JSON of the schema and policy texts in force (recorded in the evidence). */
  policyDigest(): Sha256Digest;
  /** The `@id`s of all policies in force (workspace ones prefixed `workspace/`). */
  policyIds(): string[];
}
