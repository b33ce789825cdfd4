/**
 * Public types of the offline repair engine: program-repair operators applied to the syntax tree at
 * ranked locations (no model, no network).
 */
import type { RankedLocation } from '../../analysis/types';

/** Every operator the engine knows. */
export type RepairOperator =
  | 'comparison-flip'
  | 'arithmetic-swap'
  | 'logical-swap'
  | 'negate-condition'
  | 'literal-off-by-one'
  | 'index-off-by-one'
  | 'swap-arguments'
  | 'identifier-replace'
  | 'guard-insertion'
  | 'return-boundary'
  | 'boolean-flip'
  | 'method-swap'
  | 'optional-chain';

/** A text splice: replace `[start, end)` of the original file with `replacement`. */
export interface RepairEdit {
  /** Offset (UTF-16 code units) where the replaced text starts. */
  start: number;
  /** Offset just past the replaced text (equal to `start` for an insertion). */
  end: number;
  /** Text put in place of the range. */
  replacement: string;
}

/** One candidate fix: a single edit to a single file. */
export interface RepairCandidate {
  /** First 12 hex digits of sha256(file + newText). */
  id: string;
  /** Workspace-relative posix path of the edited file. */
  file: string;
  /** The ranked location (1-based line) the edit came from. */
  line: number;
  /** Which operator produced it. */
  operator: RepairOperator;
  /** E.g. "lib/range.js:12 `i < n` → `i <= n`". */
  description: string;
  /** The splice applied to the original text. */
  edit: RepairEdit;
  /** The whole file after the edit (it parses). */
  newText: string;
  /** Location score × operator prior × edit weight, in 0..1. */
  score: number;
}

export interface GenerateRepairsInput {
  /** Workspace-relative path → source text. */
  files: Map<string, string>;
  /** Ranked locations (from `localize`); higher-ranked ones are expanded first. */
  locations: RankedLocation[];
  /** How many candidates to return at most; default 64. */
  maxCandidates?: number;
  /** Only run these operators; default all. */
  operators?: RepairOperator[];
  /** How many edits one location may contribute at most; default 16. */
  maxPerLocation?: number;
}
