/** Small text helpers shared by the output parsers. */

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Output lines without colour codes or carriage returns. */
export function outputLines(text: string): string[] {
  return text.replace(ANSI, '').replace(/\r\n?/g, '\n').split('\n');
}

/** Number of leading spaces (a tab counts as one). */
export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Removes leading indentation (the common one, or the first non-blank line's, as far as each line has
 * it) and trims blank edges.
 */
export function dedent(lines: readonly string[], by: 'common' | 'first' = 'common'): string {
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const cut = nonBlank.length === 0 ? 0 : by === 'first' ? indentOf(nonBlank[0]) : Math.min(...nonBlank.map(indentOf));
  const out = lines.map((l) => l.slice(Math.min(cut, indentOf(l))).trimEnd());
  while (out.length > 0 && out[0] === '') out.shift();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Whether a line is npm's own noise around a script (`> pkg@1.0.0 test`, `> tape …`, `npm error …`). */
export function isNpmNoise(line: string): boolean {
  return /^> \S/.test(line) || /^npm (ERR!|error|warn|notice) /.test(line);
}

/** Splits an error text into its message and its `at …` stack lines. */
export function failureFromText(text: string): { message: string; stack?: string } {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s*at\s/.test(l));
  const message = dedent(at < 0 ? lines : lines.slice(0, at)) || 'failed';
  return at < 0 ? { message } : { message, stack: dedent(lines.slice(at)) };
}
