/**
 * The Unified Specification Protocol v1 document (seed §2–§3): 12 required keys, no others.
 * `unifiedSpecV1.schema.json` is the source of truth for validation; these types mirror it.
 */

/** P1..P13. */
export type PhaseId = `P${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13}`;

/** The 12 required keys in contract order (seed §2). */
export const PROTOCOL_KEYS = [
  'phase_meta',
  'objective',
  'invariants',
  'module_scope',
  'data_models',
  'flow',
  'guardrails',
  'tests',
  'acceptance',
  'rollback',
  'dependency_graph',
  'status',
] as const;

export type ProtocolKey = (typeof PROTOCOL_KEYS)[number];

export interface ProtocolDocument {
  phase_meta: {
    /** Which phase this document is about. */
    phase_id: PhaseId;
    /** Short title. */
    title: string;
    /** e.g. `highest`, `high`. */
    priority: string;
    /** Document version, `v<n>` (`v1`, `v2.1`). */
    version: string;
    /** Who produced it (a team, a role). */
    owner: string;
  };
  objective: {
    /** What gap is closed. */
    problem: string;
    /** The observable engineering outcome. */
    outcome: string;
  };
  /** Hard rules that hold throughout (at least one). */
  invariants: string[];
  module_scope: {
    /** Repository-relative files, or directories ending with `/`, that may be written. */
    write_modules: string[];
    /** Repository-relative paths that are read. */
    read_modules: string[];
    /** Interfaces touched outside the code (CLI, dashboard, adapters). */
    external_surfaces: string[];
  };
  data_models: {
    /** Model name. */
    name: string;
    /** What kind of model. */
    kind: 'table' | 'dto' | 'event';
    /** Identifying keys. */
    keys: string[];
    /** Whether records are only ever appended. */
    append_only: boolean;
  }[];
  flow: {
    /** What starts the flow. */
    trigger: string;
    /** Ordered steps (at least one). */
    steps: string[];
    /** How the flow ends (at least one). */
    exit_conditions: string[];
  };
  guardrails: {
    /** Runtime gate checks (budget, timeout, sandbox, token). */
    runtime_gate: string[];
    /** Policy gate checks (approval, permission, tenant boundary). */
    policy_gate: string[];
    /** IDs every record carries; must include `trace_id`. */
    audit_trace: string[];
  };
  tests: {
    /** Unit cases. */
    unit: string[];
    /** Integration cases. */
    integration: string[];
    /** End-to-end cases. */
    e2e: string[];
  };
  /** Measurable criteria (at least one, none blank). */
  acceptance: string[];
  rollback: {
    /** When to roll back. */
    trigger: string;
    /** How to roll back. */
    action: string;
    /** Which version to return to. */
    target_version: string;
  };
  dependency_graph: {
    /** Phases this one needs. */
    depends_on: PhaseId[];
    /** Phases this one enables. */
    unblocks: PhaseId[];
  };
  status: {
    /** Where the phase stands. */
    stage: 'planned' | 'in_progress' | 'done' | 'blocked';
    /** 0..1; exactly 1 when `stage` is `done`. */
    completion: number;
    /** Known risks. */
    risks: string[];
    /** What happens next. */
    next_actions: string[];
  };
}

/** One problem found in a document: a JSON Pointer into it and what is wrong there. */
export interface ProtocolError {
  /** JSON Pointer (RFC 6901) to the offending value, e.g. `/status/completion`; `''` is the root. */
  path: string;
  /** What is wrong, in words (for people; tests assert on `path`). */
  message: string;
}

export type ProtocolValidation = { ok: true } | { ok: false; errors: ProtocolError[] };
