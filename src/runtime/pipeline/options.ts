/**
 * Options of one Explore → Compile → Release run: the single source of truth for the CLI's
 * `explore` flags and (later) the editor's settings. Every field has its default here.
 */
import type { SandboxPreference } from '../sandbox';

export interface FixOptions {
  /** The repository to fix (any folder inside it). */
  workspace: string;
  /** What is wrong, in words (e.g. "tests in test/parse.js fail"). */
  goal: string;
  /** The test command, run with `sh -c` in the sandbox. Detected from package.json when omitted. */
  testCommand?: string;
  /** How many repair candidates to try per planning round. */
  candidates: number;
  /** How many candidates are verified at the same time (at most the number of cores). */
  parallel: number;
  /** Where candidate patches come from. Only `offline` (the program-repair engine) exists today. */
  provider: 'offline';
  /** Which sandbox runs the tests: `auto` (bubblewrap when it works), `bwrap`, or `host` (no isolation, explicit consent). */
  sandbox: SandboxPreference;
  /** Time limit of one test run, in milliseconds; the whole process tree is killed when it is reached. */
  testTimeoutMs: number;
  /** Wall-time budget of the whole run, in milliseconds. */
  budgetMs: number;
  /** How many revise rounds (re-plan with a wider scope) follow the first one. */
  maxRevisions: number;
  /** Allow candidates to edit test files (off unless the goal asks for it). */
  allowTestEdits: boolean;
}

export const DEFAULT_FIX_OPTIONS = {
  candidates: 48,
  parallel: 2,
  provider: 'offline',
  sandbox: 'auto',
  testTimeoutMs: 120_000,
  budgetMs: 20 * 60_000,
  maxRevisions: 4,
  allowTestEdits: false,
} as const satisfies Omit<FixOptions, 'workspace' | 'goal' | 'testCommand'>;

/** Progress for humans (CLI stderr, editor notification); never parsed. */
export type ProgressReporter = (message: string) => void;

/** The outcome of a run, as printed by `fabric explore --json`. */
export interface FixResult {
  trace_id: string;
  outcome: 'success' | 'no_fix' | 'rejected' | 'aborted' | 'failed';
  /** Why, in one line, when the outcome is not success. */
  reason?: string;
  /** The signed branch (`fabric/<slug>-<trace8>`), on success. */
  branch?: string;
  /** The signed commit on that branch, on success. */
  commit?: string;
  /** The commit the fix is based on (HEAD, or a snapshot of a dirty working tree). */
  base_commit: string;
  bundle_path?: string;
  dsse_path?: string;
  events_path: string;
  trace_dir: string;
  /** The winning candidate. */
  fix?: { id: string; operator: string; description: string; file: string; patch: string };
  candidates_tried: number;
  candidates_verified: number;
  tests: { baseline_failing: string[]; fixed: string[]; passing_after: number };
  sandbox: string;
  duration_ms: number;
}
