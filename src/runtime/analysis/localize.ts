/**
 * The Localizer's ranking. Evidence, strongest first:
 * 1. stack frames in edit-target files (0.9, decaying ×0.8 per deeper target frame), and, weaker,
 *    the other statement lines of the function holding the frame;
 * 2. spectrum scores (Ochiai, ×0.8);
 * 3. a weak prior on statement lines of source files reachable from the failing test files through
 *    the import graph (stronger inside functions whose names those tests call).
 * Evidence for one line combines as a noisy-or, so the score stays in 0..1. Edit targets are never
 * test files (`isTestPath`) nor node_modules, and only lines that start a statement or expression
 * count. Ordering is deterministic: score desc, then file, then line.
 */
import type { Node } from '@babel/types';
import { isTestPath } from '../util/testPaths';
import { anchorLine } from './anchorLine';
import { calledNames } from './calledNames';
import { functionSpans } from './functionSpans';
import { importGraph } from './importGraph';
import { isAnalyzable } from './isAnalyzable';
import { parseSource } from './parseSource';
import { parseStackFrames } from './parseStackFrames';
import { statementLines } from './statementLines';
import type { Localization, RankedLocation } from './types';

export interface LocalizeInput {
  /** Workspace-relative path → source text, for all tracked text files. */
  files: Map<string, string>;
  /** The failing test files (workspace-relative): entries of the import graph. */
  testFiles: string[];
  /** The failures, with V8 stack text when there is one. */
  failures: { message: string; stack?: string }[];
  /** Absolute workspace root, to make stack paths relative. */
  workspaceRoot: string;
  /** Ochiai scores keyed `file:line` (see `ochiai`). */
  spectrum?: Map<string, number>;
  /** How many locations to return; default 40. */
  maxLocations?: number;
}

const FRAME_WEIGHT = 0.9;
const FRAME_DECAY = 0.8;
const SAME_FUNCTION = 0.3;
const SPECTRUM_WEIGHT = 0.8;
const REACHABLE_PRIOR = 0.05;
const CALLED_PRIOR = 0.2;

interface Analyzed {
  ast: Node;
  lines: Set<number>;
}

export function localize(input: LocalizeInput): Localization {
  const { files, workspaceRoot } = input;
  const cache = new Map<string, Analyzed | null>();
  const analyze = (file: string): Analyzed | null => {
    if (!cache.has(file)) {
      let value: Analyzed | null = null;
      const text = files.get(file);
      if (text !== undefined && isAnalyzable(file)) {
        try {
          const ast = parseSource(file, text).ast;
          value = { ast, lines: statementLines(ast) };
        } catch {
          value = null;
        }
      }
      cache.set(file, value);
    }
    return cache.get(file) ?? null;
  };
  const isTarget = (file: string): boolean =>
    files.has(file) && isAnalyzable(file) && !isTestPath(file) && !file.split('/').includes('node_modules');

  const evidence = new Map<string, { file: string; line: number; parts: { score: number; reason: string }[] }>();
  const add = (file: string, line: number, score: number, reason: string): void => {
    if (score <= 0) return;
    const key = `${file}\u0000${line}`;
    const entry = evidence.get(key) ?? { file, line, parts: [] };
    entry.parts.push({ score, reason });
    evidence.set(key, entry);
  };

  // 1. Stack frames.
  const entries = new Set(input.testFiles);
  for (const failure of input.failures) {
    const frames = parseStackFrames(failure.stack ?? failure.message, workspaceRoot);
    let depth = 0;
    const seen = new Set<string>();
    for (const frame of frames) {
      // Reporters often print a failure twice: a repeated frame is not new evidence.
      const frameKey = `${frame.file}:${frame.line}:${frame.column}`;
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      if (isTestPath(frame.file) && files.has(frame.file)) entries.add(frame.file);
      if (!isTarget(frame.file)) continue;
      const analyzed = analyze(frame.file);
      if (analyzed === null) continue;
      const line = anchorLine(analyzed.ast, analyzed.lines, frame.line);
      if (line === null) continue;
      const weight = FRAME_WEIGHT * FRAME_DECAY ** depth;
      const where = frame.functionName ? ` in ${frame.functionName}` : '';
      add(frame.file, line, weight, `stack frame #${depth}${where}`);
      const span = functionSpans(analyzed.ast)
        .filter((s) => s.startLine <= line && s.endLine >= line)
        .sort((a, b) => b.startLine - a.startLine)[0];
      if (span) {
        for (const l of analyzed.lines) {
          if (l !== line && l >= span.startLine && l <= span.endLine) add(frame.file, l, weight * SAME_FUNCTION, `same function as stack frame #${depth}`);
        }
      }
      depth += 1;
    }
  }

  // 2. Spectrum.
  for (const [key, score] of input.spectrum ?? []) {
    const colon = key.lastIndexOf(':');
    const file = key.slice(0, colon);
    const line = Number(key.slice(colon + 1));
    if (!isTarget(file) || !Number.isInteger(line)) continue;
    const analyzed = analyze(file);
    if (analyzed === null || !analyzed.lines.has(line)) continue;
    add(file, line, Math.min(1, score) * SPECTRUM_WEIGHT, `ochiai ${score.toFixed(3)}`);
  }

  // 3. Import-graph prior.
  const tests = [...entries].sort();
  const called = new Set<string>();
  for (const test of tests) {
    const analyzed = analyze(test);
    if (analyzed !== null) for (const name of calledNames(analyzed.ast)) called.add(name);
  }
  for (const file of importGraph(files, tests)) {
    if (!isTarget(file)) continue;
    const analyzed = analyze(file);
    if (analyzed === null) continue;
    const spans = functionSpans(analyzed.ast).filter((s) => s.name !== null && called.has(s.name));
    for (const line of analyzed.lines) {
      add(file, line, REACHABLE_PRIOR, 'reachable from the failing tests');
      const span = spans.find((s) => s.startLine <= line && s.endLine >= line);
      if (span) add(file, line, CALLED_PRIOR, `in ${span.name}, called by a failing test`);
    }
  }

  const ranked: RankedLocation[] = [...evidence.values()].map(({ file, line, parts }) => {
    parts.sort((a, b) => b.score - a.score || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    const miss = parts.reduce((m, p) => m * (1 - p.score), 1);
    return { file, line, score: 1 - miss, reasons: parts.map((p) => p.reason) };
  });
  ranked.sort(compareLocations);
  const locations = ranked.slice(0, input.maxLocations ?? 40);
  const relevantFiles: string[] = [];
  for (const l of locations) if (!relevantFiles.includes(l.file)) relevantFiles.push(l.file);
  return { locations, relevantFiles };
}

/** Score desc, then file, then line. */
export function compareLocations(a: RankedLocation, b: RankedLocation): number {
  return b.score - a.score || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
}
