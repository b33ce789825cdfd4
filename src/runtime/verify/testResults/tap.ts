/**
 * TAP (version line optional): tape's flat stream, where `# name` comments head each test and the
 * `ok`/`not ok` lines under it are its assertions, and node:test / node-tap nested subtests
 * (`# Subtest: name`, indented children, the parent's own result after them).
 *
 * - A tape test fails if any of its assertions fails (TODO assertions never fail); the first failing
 *   assertion's description and YAML diagnostics form the failure; the id is the header title, so
 *   ids do not change when assertion counts do. Assertions before any header are tests on their own.
 * - A nested parent is a test only if it has no children, or if it failed while none of its
 *   children did (a failing hook or body after the subtests); titles are the path `parent > child`.
 */
import type { ParsedTest, TestFailure, TestStatus } from './types';
import { parseYamlBlock } from './yamlBlock';
import { indentOf, isNpmNoise, outputLines } from './text';

export interface TapParse {
  /** Tests in output order. */
  tests: ParsedTest[];
  /** Index in `tests` of a tape test whose output stopped before the final plan (a crash), if any. */
  interrupted?: number;
}

interface Result {
  indent: number;
  ok: boolean;
  desc: string;
  directive: 'skip' | 'todo' | null;
  yaml: Record<string, string>;
  children: Result[];
}

type Line =
  | { kind: 'result'; result: Result }
  | { kind: 'yamlStart'; indent: number }
  | { kind: 'plan'; indent: number }
  | { kind: 'subtest'; indent: number }
  | { kind: 'comment'; indent: number; text: string }
  | { kind: 'other' };

const RESULT = /^(\s*)(not ok|ok)\b(?:\s+\d+)?(?:\s+-)?(?:\s+(.*))?$/;
const DIRECTIVE = /(?:^|\s)#\s*(skip\w*|todo)\b\s*(.*)$/i;
const TIMING = /\s+#\s*time=\S+$/;
const TAPE_SUMMARY = /^(?:(?:tests|pass|fail|skip|todo)\s+\d+|ok|not ok)$/;

function classify(line: string): Line {
  const r = RESULT.exec(line);
  if (r) {
    let desc = (r[3] ?? '').replace(TIMING, '');
    let directive: Result['directive'] = null;
    const d = DIRECTIVE.exec(desc);
    if (d) {
      directive = d[1].toLowerCase().startsWith('skip') ? 'skip' : 'todo';
      desc = desc.slice(0, d.index);
    }
    desc = desc.replace(/\\#/g, '#').trim();
    return { kind: 'result', result: { indent: r[1].length, ok: r[2] === 'ok', desc, directive, yaml: {}, children: [] } };
  }
  if (line.trim() === '---') return { kind: 'yamlStart', indent: indentOf(line) };
  if (/^\s*1\.\.\d+/.test(line)) return { kind: 'plan', indent: indentOf(line) };
  if (/^\s*# Subtest:/.test(line)) return { kind: 'subtest', indent: indentOf(line) };
  const c = /^(\s*)#\s?(.*)$/.exec(line);
  if (c) return { kind: 'comment', indent: c[1].length, text: c[2].trim() };
  return { kind: 'other' };
}

/** Whether the text looks like TAP at all: at least one numbered `ok`/`not ok` line. */
export function looksLikeTap(text: string): boolean {
  return /^\s*(?:not )?ok \d+\b/m.test(text);
}

function statusOf(r: Result): TestStatus {
  if (r.directive !== null) return 'skip';
  return r.ok ? 'pass' : 'fail';
}

function failureOf(r: Result): TestFailure {
  const y = r.yaml;
  const parts = [y.error ?? y.message ?? r.desc];
  for (const key of ['operator', 'expected', 'actual']) if (y[key] !== undefined) parts.push(`${key}: ${y[key]}`);
  const stack = [y.at, y.location]
    .filter((v): v is string => v !== undefined && v !== '')
    .map((v) => `at ${v}`)
    .concat(y.stack ? [y.stack] : []);
  return stack.length > 0 ? { message: parts.join('\n'), stack: stack.join('\n') } : { message: parts.join('\n') };
}

function yamlEnd(lines: readonly string[], from: number): number {
  for (let j = from; j < lines.length; j += 1) if (lines[j].trim() === '...') return j;
  return -1;
}

function readResults(lines: readonly string[]): { top: Result[]; all: Line[]; nested: boolean } {
  const all: Line[] = [];
  const pending = new Map<number, Result[]>();
  let last: Result | null = null;
  let nested = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = classify(lines[i]);
    const end = line.kind === 'yamlStart' ? yamlEnd(lines, i + 1) : -1;
    if (line.kind === 'yamlStart' && last !== null && line.indent >= last.indent && end > i) {
      last.yaml = parseYamlBlock(lines.slice(i + 1, end));
      i = end;
      continue;
    }
    all.push(line);
    if (line.kind === 'subtest') nested = true;
    if (line.kind !== 'result') {
      if (line.kind !== 'other' && line.kind !== 'comment') last = null;
      continue;
    }
    const r = line.result;
    if (r.indent > 0) nested = true;
    for (const [indent, results] of pending) {
      if (indent > r.indent) {
        r.children.push(...results);
        pending.delete(indent);
      }
    }
    pending.set(r.indent, [...(pending.get(r.indent) ?? []), r]);
    last = r;
  }
  const indents = [...pending.keys()].sort((a, b) => a - b);
  const top = indents.flatMap((indent) => pending.get(indent) ?? []);
  return { top, all, nested };
}

function flattenNested(results: readonly Result[], prefix: string, out: ParsedTest[]): boolean {
  let anyFailed = false;
  for (const r of results) {
    const title = prefix === '' ? r.desc : `${prefix} > ${r.desc}`;
    const childFailed = r.children.length > 0 && flattenNested(r.children, title, out);
    const status = statusOf(r);
    if (r.children.length === 0 || (status === 'fail' && !childFailed)) {
      out.push(status === 'fail' ? { title, status, failure: failureOf(r) } : { title, status });
    }
    anyFailed = anyFailed || childFailed || status === 'fail';
  }
  return anyFailed;
}

function groupTape(all: readonly Line[]): TapParse {
  const tests: ParsedTest[] = [];
  let group: { test: ParsedTest; asserted: number; skipped: number } | null = null;
  let sawPlanAfterGroup = false;
  for (const line of all) {
    if (line.kind === 'plan' && line.indent === 0) sawPlanAfterGroup = true;
    if (line.kind === 'comment' && line.indent === 0 && line.text !== '' && !TAPE_SUMMARY.test(line.text)) {
      const directive = /^(SKIP|TODO)\s+(.*)$/.exec(line.text);
      const test: ParsedTest = directive ? { title: directive[2], status: 'skip' } : { title: line.text, status: 'pass' };
      tests.push(test);
      group = directive ? null : { test, asserted: 0, skipped: 0 };
      sawPlanAfterGroup = false;
      continue;
    }
    if (line.kind !== 'result') continue;
    const r = line.result;
    const status = statusOf(r);
    if (group === null) {
      tests.push(status === 'fail' ? { title: r.desc, status, failure: failureOf(r) } : { title: r.desc, status });
      continue;
    }
    group.asserted += 1;
    if (status === 'skip') group.skipped += 1;
    if (status === 'fail' && group.test.status !== 'fail') {
      group.test.status = 'fail';
      group.test.failure = failureOf(r);
    }
    if (group.test.status !== 'fail') group.test.status = group.skipped === group.asserted ? 'skip' : 'pass';
  }
  const interrupted = group !== null && !sawPlanAfterGroup ? tests.lastIndexOf(group.test) : -1;
  return interrupted >= 0 ? { tests, interrupted } : { tests };
}

/** Parses TAP output; null when the text has no TAP results. */
export function parseTap(stdout: string): TapParse | null {
  if (!looksLikeTap(stdout)) return null;
  const lines = outputLines(stdout).filter((l) => !isNpmNoise(l));
  const { top, all, nested } = readResults(lines);
  if (!nested) return groupTape(all);
  const tests: ParsedTest[] = [];
  flattenNested(top, '', tests);
  return { tests };
}
