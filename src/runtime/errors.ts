/**
 * One error base class for the whole runtime (STYLE §6). Every area has its own code union; tests
 * assert on `code`, never on message text. Low-level failures are wrapped with their `cause` kept.
 */

/** Every error code the runtime can raise, grouped by area (prefix before the first `_`). */
export type FabricErrorCode =
  // usage / configuration (CLI exit 2)
  | 'USAGE_INVALID'
  | 'CONFIG_INVALID'
  | 'WORKSPACE_NOT_GIT'
  | 'WORKSPACE_NO_TESTS'
  | 'WORKSPACE_NOTHING_TO_FIX'
  // schema validation of anything read from outside
  | 'SCHEMA_INVALID'
  // events (P3)
  | 'EVENTS_CHAIN_BROKEN'
  | 'EVENTS_TORN_LINE'
  | 'EVENTS_INVALID_LINE'
  | 'EVENTS_BLOB_MISSING'
  | 'EVENTS_BLOB_CORRUPT'
  // session state machine (P1)
  | 'SESSION_ILLEGAL_TRANSITION'
  | 'SESSION_REVISION_LIMIT'
  // gate / policy (P2)
  | 'GATE_LEASE_INVALID'
  | 'GATE_CAPABILITY_UNKNOWN'
  | 'GATE_CAPABILITY_TAMPERED'
  | 'GATE_POLICY_DENIED'
  | 'GATE_APPROVAL_REQUIRED'
  | 'GATE_BUDGET_EXCEEDED'
  | 'POLICY_INVALID'
  // approvals
  | 'APPROVAL_INVALID'
  | 'APPROVAL_EXPIRED'
  | 'APPROVAL_REUSED'
  | 'APPROVAL_MISMATCH'
  | 'APPROVAL_NOT_INTERACTIVE'
  // keys
  | 'KEYS_MISSING'
  | 'KEYS_INVALID'
  // sandbox
  | 'SANDBOX_UNAVAILABLE'
  | 'SANDBOX_SPAWN_FAILED'
  | 'SANDBOX_PATH_ESCAPE'
  // git
  | 'GIT_FAILED'
  | 'GIT_PROTECTED_REF'
  | 'GIT_REF_EXISTS'
  | 'GIT_PUSH_REJECTED'
  | 'GIT_NO_REMOTE'
  // evidence
  | 'EVIDENCE_SIGNATURE_INVALID'
  | 'EVIDENCE_DIGEST_MISMATCH'
  | 'EVIDENCE_MISSING'
  | 'EVIDENCE_UNTRUSTED_KEY'
  // source analysis / repair
  | 'SOURCE_UNPARSEABLE'
  | 'PATCH_INVALID'
  // run control
  | 'RUN_ABORTED'
  | 'RUN_TIMEOUT'
  | 'INTERNAL';

export class FabricError<C extends FabricErrorCode = FabricErrorCode> extends Error {
  readonly code: C;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: C, message: string, options: { cause?: unknown; data?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FabricError';
    this.code = code;
    this.data = options.data;
  }

  toJSON(): { code: C; message: string; data?: Record<string, unknown>; cause?: string } {
    const out: { code: C; message: string; data?: Record<string, unknown>; cause?: string } = {
      code: this.code,
      message: this.message,
    };
    if (this.data !== undefined) out.data = this.data;
    if (this.cause !== undefined) out.cause = this.cause instanceof Error ? this.cause.message : String(this.cause);
    return out;
  }
}

export function isFabricError(e: unknown, code?: FabricErrorCode): e is FabricError {
  return e instanceof FabricError && (code === undefined || e.code === code);
}

/** Wraps anything thrown into a FabricError, keeping the original as `cause`. */
export function asFabricError(e: unknown, code: FabricErrorCode = 'INTERNAL', message?: string): FabricError {
  if (e instanceof FabricError) return e;
  const text = message ?? (e instanceof Error ? e.message : String(e));
  return new FabricError(code, text, { cause: e });
}
