import type { ProtocolDocument } from '../../runtime/protocol';

/** A Plan is a Unified Specification Protocol v1 document; `module_scope.write_modules` is the write scope. */
export type Plan = ProtocolDocument;

/** One ranked suspicious location from the Localizer. */
export interface PlanLocation {
  /** Repository-relative file. */
  file: string;
  /** 1-based line. */
  line: number;
  /** Suspiciousness (higher first); any finite number. */
  score: number;
}

export interface PlanFixInput {
  /** What the user asked for, in words. */
  goal: string;
  /** Trace id of the session. */
  traceId: string;
  /** Ranked locations from the Localizer (any order; the Planner sorts by score). */
  locations: PlanLocation[];
  /** Files the Localizer found relevant (become `read_modules`). */
  relevantFiles: string[];
  /** The command that runs the test suite. */
  testCommand: string;
  /** Ids of the tests that fail at baseline. */
  failingTests: string[];
  /** Whether test files may be edited (only when the goal is about the tests themselves). */
  allowTestEdits: boolean;
  /** Revise round, 0 for the first plan; from 1 on, file scopes widen to their directories. */
  revision: number;
  /** Failure reports from the previous round (verifier or reviewer), newest last. */
  previousFailures?: string[];
  /** How many distinct files of the top-ranked locations enter the write scope; default 3. */
  maxWriteFiles?: number;
}
