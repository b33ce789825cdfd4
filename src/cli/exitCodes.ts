import type { FabricErrorCode } from '../runtime/errors';
import { ExitCode } from './command';

/** How each error code surfaces as a process exit code (see `ExitCode`). */
export function exitCodeFor(code: FabricErrorCode): ExitCode {
  switch (code) {
    case 'USAGE_INVALID':
    case 'CONFIG_INVALID':
    case 'WORKSPACE_NOT_GIT':
    case 'WORKSPACE_NO_TESTS':
    case 'KEYS_MISSING':
    case 'KEYS_INVALID':
    case 'SANDBOX_UNAVAILABLE':
    case 'APPROVAL_NOT_INTERACTIVE':
    case 'POLICY_INVALID':
    case 'GIT_NO_REMOTE':
    case 'SCHEMA_INVALID':
      return ExitCode.Usage;
    case 'WORKSPACE_NOTHING_TO_FIX':
    case 'EVENTS_CHAIN_BROKEN':
    case 'EVENTS_TORN_LINE':
    case 'EVENTS_INVALID_LINE':
    case 'EVENTS_BLOB_MISSING':
    case 'EVENTS_BLOB_CORRUPT':
    case 'EVIDENCE_SIGNATURE_INVALID':
    case 'EVIDENCE_DIGEST_MISMATCH':
    case 'EVIDENCE_MISSING':
    case 'EVIDENCE_UNTRUSTED_KEY':
    case 'APPROVAL_INVALID':
    case 'APPROVAL_EXPIRED':
    case 'APPROVAL_REUSED':
    case 'APPROVAL_MISMATCH':
    case 'GATE_POLICY_DENIED':
    case 'GATE_APPROVAL_REQUIRED':
    case 'GATE_BUDGET_EXCEEDED':
    case 'GIT_PUSH_REJECTED':
    case 'GIT_PROTECTED_REF':
    case 'GIT_REF_EXISTS':
    case 'RUN_ABORTED':
    case 'RUN_TIMEOUT':
      return ExitCode.CheckFailed;
    case 'SESSION_ILLEGAL_TRANSITION':
    case 'SESSION_REVISION_LIMIT':
    case 'GATE_LEASE_INVALID':
    case 'GATE_CAPABILITY_UNKNOWN':
    case 'GATE_CAPABILITY_TAMPERED':
    case 'SANDBOX_SPAWN_FAILED':
    case 'SANDBOX_PATH_ESCAPE':
    case 'GIT_FAILED':
    case 'SOURCE_UNPARSEABLE':
    case 'PATCH_INVALID':
    case 'INTERNAL':
      return ExitCode.Internal;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
