/**
 * mocha's `spec` reporter: `✔`/`✓` passes, `N) title` failures, `- title` pending, suites as
 * indented lines above their tests (full title = suite titles and test title joined by a space, as
 * mocha's own `fullTitle()`), then `N passing / N pending / N failing` and the numbered failure
 * details, which become each failure's message and stack. Lines at column 0 are not mocha's (mocha
 * indents everything it prints) and are ignored: npm banners, console output.
 */
import type { ParsedTest, TestFailure } from './types';
import { dedent, indentOf, outputLines } from './text';

const SUMMARY = /^\s*\d+ passing \(/;
const PASS = /^(\s*)[✔✓√]\s+(.*?)(?:\s+\(\d+(?:\.\d+)?m?s\))?$/;
const FAIL = /^(\s*)(\d+)\)\s+(.*)$/;
const PENDING = /^(\s*)-\s+(.*)$/;

/** Whether the text has mocha's spec summary line. */
export function looksLikeMochaSpec(text: string): boolean {
  return outputLines(text).some((l) => SUMMARY.test(l));
}

function readFailureDetails(lines: readonly string[]): Map<number, TestFailure> {
  const out = new Map<number, TestFailure>();
  let i = 0;
  while (i < lines.length) {
    const head = /^ {2}(\d+)\) (.*)$/.exec(lines[i]);
    i += 1;
    if (!head) continue;
    let titleLine = head[2];
    while (!titleLine.trimEnd().endsWith(':') && i < lines.length && lines[i].trim() !== '') {
      titleLine = lines[i];
      i += 1;
    }
    const body: string[] = [];
    while (i < lines.length && !/^ {2}\d+\) /.test(lines[i])) {
      body.push(lines[i]);
      i += 1;
    }
    const at = body.findIndex((l) => /^\s*at\s/.test(l));
    const message = dedent(at < 0 ? body : body.slice(0, at), 'first');
    const stack = at < 0 ? '' : dedent(body.slice(at));
    out.set(Number(head[1]), stack === '' ? { message } : { message, stack });
  }
  return out;
}

/** Parses mocha spec output; null when there is no mocha summary line. */
export function parseMochaSpec(stdout: string): ParsedTest[] | null {
  const lines = outputLines(stdout);
  const summary = lines.findIndex((l) => SUMMARY.test(l));
  if (summary < 0) return null;
  const tests: ParsedTest[] = [];
  const numbered = new Map<number, ParsedTest>();
  const suites: { indent: number; title: string }[] = [];
  const fullTitle = (indent: number, title: string): string => {
    while (suites.length > 0 && suites[suites.length - 1].indent >= indent) suites.pop();
    return [...suites.map((s) => s.title), title].join(' ');
  };
  for (const line of lines.slice(0, summary)) {
    if (line.trim() === '' || indentOf(line) < 2) continue;
    const pass = PASS.exec(line);
    const fail = pass ? null : FAIL.exec(line);
    const pending = pass || fail ? null : PENDING.exec(line);
    if (pass) tests.push({ title: fullTitle(pass[1].length, pass[2]), status: 'pass' });
    else if (pending) tests.push({ title: fullTitle(pending[1].length, pending[2]), status: 'skip' });
    else if (fail) {
      const test: ParsedTest = { title: fullTitle(fail[1].length, fail[3]), status: 'fail' };
      numbered.set(Number(fail[2]), test);
      tests.push(test);
    } else {
      fullTitle(indentOf(line), '');
      suites.push({ indent: indentOf(line), title: line.trim() });
    }
  }
  for (const [n, failure] of readFailureDetails(lines.slice(summary + 1))) {
    const test = numbered.get(n);
    if (test) test.failure = failure;
  }
  for (const test of numbered.values()) test.failure ??= { message: 'failed' };
  return tests;
}
