/**
 * The goal text "Fabric: Explore fix" pre-fills, from what the user is looking at: the diagnostic
 * under the cursor, a failing test from the Testing view, or just the active file. Plain data in,
 * one line out (no `vscode` import). The runtime redacts secrets from whatever goal is finally run.
 */

/** Longest pre-filled goal; the user can always type more. */
export const MAX_GOAL_LENGTH = 300;

/** 0 = error, 1 = warning, 2 = information, 3 = hint (VS Code's DiagnosticSeverity). */
export type SeverityLevel = 0 | 1 | 2 | 3;

/** The parts of a diagnostic the goal is made of; positions are 0-based like VS Code's. */
export interface DiagnosticLike {
  message: string;
  severity: SeverityLevel;
  source?: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** A test item as the Testing view hands it to a command. */
export interface TestLike {
  label: string;
  /** Repository-relative path of the test file, when known. */
  file?: string;
}

function oneLine(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? '';
  return first.replace(/\s+/g, ' ').trim();
}

function clip(text: string): string {
  return text.length <= MAX_GOAL_LENGTH ? text : `${text.slice(0, MAX_GOAL_LENGTH - 1)}…`;
}

function contains(d: DiagnosticLike, line: number, character: number): boolean {
  const { start, end } = d.range;
  if (line < start.line || line > end.line) return false;
  if (line === start.line && character < start.character) return false;
  if (line === end.line && character > end.character) return false;
  return true;
}

/**
 * The diagnostic the cursor is on: those whose range contains the position, else those on the
 * cursor's line; the most severe wins, then the narrowest. Hints never count.
 */
export function diagnosticAt<D extends DiagnosticLike>(diagnostics: readonly D[], position: { line: number; character: number }): D | undefined {
  const usable = diagnostics.filter((d) => d.severity < 3);
  const under = usable.filter((d) => contains(d, position.line, position.character));
  const pool = under.length > 0 ? under : usable.filter((d) => d.range.start.line <= position.line && position.line <= d.range.end.line);
  const span = (d: DiagnosticLike) => (d.range.end.line - d.range.start.line) * 1e6 + (d.range.end.character - d.range.start.character);
  return [...pool].sort((a, b) => a.severity - b.severity || span(a) - span(b))[0];
}

/** `tsc: Property 'x' does not exist (src/a.ts:12)`. `file` is shown as given (repo-relative). */
export function goalFromDiagnostic(d: DiagnosticLike, file: string): string {
  const source = d.source ? `${oneLine(d.source)}: ` : '';
  return clip(`${source}${oneLine(d.message)} (${file}:${d.range.start.line + 1})`);
}

/** `test "truncate keeps short text" fails (test/truncate.test.js)`. */
export function goalFromTest(test: TestLike): string {
  return clip(`test "${oneLine(test.label)}" fails${test.file ? ` (${test.file})` : ''}`);
}

/** `failing tests around src/a.ts`: a starting point when nothing more specific is known. */
export function goalFromFile(file: string): string {
  return clip(`failing tests around ${file}`);
}
