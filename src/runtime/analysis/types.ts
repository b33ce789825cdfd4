/**
 * Shared types of the Localizer's analysis (ARCHITECTURE §3 step 3): parsed sources, stack frames
 * and ranked locations. Paths are always workspace-relative and posix-style.
 */
import type { File } from '@babel/types';

/** A source file parsed with @babel/parser. */
export interface ParsedSource {
  /** Workspace-relative posix path the source was read from. */
  path: string;
  /** The exact text that was parsed (offsets in `ast` index into it). */
  text: string;
  /** The Babel AST, with locations and ranges. */
  ast: File;
}

/** One frame of a V8 stack trace that points into the workspace. */
export interface StackFrame {
  /** Workspace-relative posix path. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, as V8 prints it. */
  column: number;
  /** The function name V8 printed (without `async `), if any. */
  functionName?: string;
}

/** A line suspected of holding the fault, with the evidence behind the suspicion. */
export interface RankedLocation {
  /** Workspace-relative posix path; never a test file nor under node_modules. */
  file: string;
  /** 1-based line that starts a statement or expression. */
  line: number;
  /** Suspiciousness in 0..1 (evidence combined as a noisy-or). */
  score: number;
  /** Human-readable evidence, strongest first. */
  reasons: string[];
}

/** What the Localizer hands to the Planner and the Implementer. */
export interface Localization {
  /** Ranked locations: score desc, then file, then line. */
  locations: RankedLocation[];
  /** Edit-target files holding a location, ordered by their best location. */
  relevantFiles: string[];
}
