/**
 * The Evidence Bundle (ARCHITECTURE §5): the seed's shape plus what a reviewer needs to trust a
 * fix without re-running Explore. Part of the Verifier and Audit layer (protocol layer 6).
 */
import type { FabricErrorCode } from '../errors';
import type { Sha256Digest } from '../util/digest';

export const EVIDENCE_SCHEMA_VERSION = 'fabric.evidence/v1';

export type BundleOutcome = 'success' | 'rejected' | 'no_fix' | 'aborted';

/** One Explore candidate as summarised in the bundle. */
export interface ExploreCandidate {
  /** Candidate id within the trace. */
  id: string;
  /** The repair operator or model strategy that produced it. */
  operator: string;
  /** Verifier/Reviewer verdict, e.g. `accepted`, `regression`, `rejected`. */
  verdict: string;
  /** Verification score (higher is better). */
  score: number;
}

/** `{ keyid, sig }`: key id = OpenSSH SHA256 fingerprint, sig = base64 Ed25519 signature. */
export interface BundleSignature {
  /** OpenSSH fingerprint of the signing key (`SHA256:…`). */
  keyid: string;
  /** base64 Ed25519 signature over the canonical JSON of the bundle without `signatures`. */
  sig: string;
}

export interface CostFigures {
  /** Wall-clock milliseconds. */
  wall_ms: number;
  /** Model tokens (prompt + completion). */
  tokens: number;
  /** Money spent, in US dollars. */
  usd: number;
}

export interface EvidenceBundle {
  /** Always `fabric.evidence/v1`; a new shape gets a new version. */
  schema_version: typeof EVIDENCE_SCHEMA_VERSION;
  /** The trace (session) this bundle proves. */
  trace_id: string;
  /** Tenant, from the repository identity. */
  tenant_id: string;
  /** The goal as the user stated it. */
  goal: string;
  /** How the run ended. */
  outcome: BundleOutcome;
  /** The commit the fix is based on. */
  base_commit: string;
  /** The signed fix commit. */
  commit: string;
  /** The `fabric/<slug>-<trace8>` branch holding `commit`. */
  branch: string;
  /** The pinned environment of the Compile runs (image digest or host fingerprint, TZ, LANG, …). */
  environment: Record<string, string>;
  phases: {
    /** Explore: how many candidates were tried, where the trace is, and (optionally) each candidate. */
    explore: { attempts: number; trace_ref: string; candidates?: ExploreCandidate[] };
    /** Compile: the one verified diff and what proved it. */
    compile: {
      /** Digest of the verified diff; must equal the commit's diff digest. */
      verified_diff_sha: Sha256Digest;
      /** Tests that passed in both Compile runs. */
      tests_passed: string[];
      /** Static checks that passed on the changed files. */
      static_checks: string[];
      /** Digest of the normalised outcome, identical across the two Compile runs. */
      reproducibility_hash: Sha256Digest;
    };
  };
  /** Regression gate score (0 = no previously passing test now fails). */
  regression_score: number;
  /** Counts of Gate policy decisions and the digest of their list. */
  policy_decisions: { allowed: number; denied: number; decisions_digest: Sha256Digest };
  /** What the run cost, in total and optionally by role. */
  cost: CostFigures & { by_role?: Record<string, CostFigures> };
  /** The event log the bundle summarises: hash of its last event and number of events. */
  event_log: { head_hash: Sha256Digest; count: number };
  /** One signature per signing role, each by that role's key. */
  signatures: { verifier: BundleSignature; policy_engine: BundleSignature };
}

/** A bundle before the Release Captain signs it. */
export type UnsignedBundle = Omit<EvidenceBundle, 'signatures'>;

/** The two roles that sign a bundle; each slot must be signed by that role's key. */
export type BundleSignerRole = keyof EvidenceBundle['signatures'];

export const BUNDLE_SIGNER_ROLES: readonly BundleSignerRole[] = ['verifier', 'policy_engine'];

/** One step of {@link BundleVerification}. */
export interface BundleCheck {
  /** `schema`, `signature.verifier`, `signature.policy_engine`, `diff_digest` or `event_log`. */
  name: string;
  /** Whether this step passed. */
  ok: boolean;
  /** The bundle field (or event-log field) the failure is about. */
  field?: string;
  /** The event-log line that failed, when the event log is what failed. */
  line?: number;
  /** The error code this failure maps to, for machine consumers (absent when ok). */
  code?: FabricErrorCode;
  /** Human-readable outcome. */
  message: string;
}

export interface BundleVerification {
  /** True only when every check passed. */
  ok: boolean;
  /** Every step in order; verification stops after a failed schema check. */
  checks: BundleCheck[];
}

/** What the caller learned from reading the event log (evidence/ never reads it itself). */
export type EventLogResult =
  | { ok: true; count: number; head_hash: string }
  | { ok: false; error: { line: number; field: string; message: string } };

/** DSSE envelope (https://github.com/secure-systems-lab/dsse), payload base64. */
export interface DsseEnvelope {
  /** Media type of the payload (`application/vnd.in-toto+json`). */
  payloadType: string;
  /** base64 of the payload bytes (the statement's canonical JSON). */
  payload: string;
  /** Signatures over PAE(payloadType, payload): key id (OpenSSH fingerprint) and base64 signature. */
  signatures: { keyid: string; sig: string }[];
}

export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const EVIDENCE_PREDICATE_TYPE = 'https://fabric.invalid/evidence-bundle/v1';

export interface InTotoStatement {
  /** `https://in-toto.io/Statement/v1`. */
  _type: typeof IN_TOTO_STATEMENT_TYPE;
  /** The commit (`gitCommit`) and its diff (`sha256`). */
  subject: { name: string; digest: Record<string, string> }[];
  /** `https://fabric.invalid/evidence-bundle/v1`. */
  predicateType: typeof EVIDENCE_PREDICATE_TYPE;
  /** The signed Evidence Bundle. */
  predicate: EvidenceBundle;
}
