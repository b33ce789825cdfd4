/** The Reviewer's contract: a changed-file list in, a verdict with findings and static checks out. */

/** The rules the Reviewer applies, in the order they run and appear in `checks`. */
export const REVIEW_RULES = ['scope', 'tests-untouched', 'secrets', 'protected-paths', 'dependencies', 'package-scripts', 'binary'] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];

/** One file of the candidate diff. */
export interface ReviewFile {
  /** Repository-relative path. */
  path: string;
  /** Content before the change; `null` when the file is added. */
  before: string | null;
  /** Content after the change; `null` when the file is deleted. */
  after: string | null;
  /** Whether either side is binary (contents are then not compared). */
  binary: boolean;
}

/** One allowed dependency. */
export interface AllowedDependency {
  /** Package name, e.g. `lodash` or `@scope/pkg`. */
  name: string;
  /** Exact version specs allowed; omitted = any plain registry range (no `:` or `/`). */
  specs?: string[];
}

/** `policies/review.json`. */
export interface ReviewAllowList {
  /** Schema version of the file; 1. */
  version: 1;
  /** Dependencies that may be added or changed in a package.json. */
  dependencies: { allow: AllowedDependency[] };
  /** SPDX license ids allowed for dependencies (used by the license check). */
  licenses: { allow: string[] };
  /** Paths protected in addition to the built-in ones; a trailing `/` protects a directory. */
  protectedPaths: string[];
}

export interface ReviewInput {
  /** The changed files of one candidate. */
  files: ReviewFile[];
  /** The plan's write scope (files, or directories ending with `/`). */
  writeScope: string[];
  /** Whether test files may change (only when the goal is about the tests). */
  allowTestEdits: boolean;
  /** Allow-lists; default: the `policies/review.json` shipped with Fabric. */
  allowList?: ReviewAllowList;
}

export interface ReviewFinding {
  /** Which rule found it. */
  rule: ReviewRule;
  /** The file concerned. */
  path: string;
  /** What is wrong, for people (never contains a secret value). */
  message: string;
}

export interface ReviewVerdict {
  /** `approve` when there is no finding. */
  verdict: 'approve' | 'reject';
  /** Every finding, in rule order then file order. */
  findings: ReviewFinding[];
  /** `<rule>:pass|fail` for every rule, for the Evidence Bundle's `static_checks`. */
  checks: string[];
}

/** A changed file as the rules see it (paths normalized; unchanged files dropped). */
export interface ChangedFile extends ReviewFile {
  /** Normalized path, or `undefined` when the path escapes the repository. */
  normalized: string | undefined;
}

/** What every rule receives. */
export interface RuleContext {
  /** Changed files only. */
  files: readonly ChangedFile[];
  /** The plan's write scope. */
  writeScope: readonly string[];
  /** Whether test files may change. */
  allowTestEdits: boolean;
  /** Validated allow-lists. */
  allowList: ReviewAllowList;
}
