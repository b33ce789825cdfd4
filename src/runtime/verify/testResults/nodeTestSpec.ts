/**
 * node:test's `spec` reporter (`node --test --test-reporter=spec`): `▶ name` opens a parent whose
 * children are indented below it and whose own `✔`/`✖` line closes it; leaves are `✔ name (Nms)`,
 * `✖ name (Nms)` with the error indented below, `﹣ name (Nms) # reason` when skipped, `# TODO` for
 * todo tests (counted as skip). Titles are the path `parent > child`, as in node:test's TAP. A parent
 * is a test only if it has no children or failed while none of its children did. Parsing stops at the
 * `ℹ tests N` summary; the repeated `✖ failing tests:` section after it is not read twice.
 */
import type { ParsedTest, TestStatus } from './types';
import { dedent, failureFromText, indentOf, outputLines } from './text';

const RESULT = /^(\s*)([✔✖﹣⚠])\s(.*?)(?:\s\((\d+(?:\.\d+)?)ms\))?(?:\s#\s?(.*))?$/;
const PARENT = /^(\s*)▶\s(.*)$/;
const SUMMARY = /^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /;

/** Whether the text has node:test's spec summary (`ℹ tests N`). */
export function looksLikeNodeTestSpec(text: string): boolean {
  return /^ℹ tests \d+/m.test(outputLines(text).join('\n'));
}

interface Open {
  indent: number;
  title: string;
  childFailed: boolean;
  hasChildren: boolean;
}

function statusOf(marker: string, directive: string | undefined): TestStatus {
  if (marker === '﹣' || (directive !== undefined && /^TODO\b/.test(directive))) return 'skip';
  return marker === '✔' ? 'pass' : 'fail';
}

/** Parses node:test spec output; null when it has no spec summary. */
export function parseNodeTestSpec(stdout: string): ParsedTest[] | null {
  if (!looksLikeNodeTestSpec(stdout)) return null;
  const lines = outputLines(stdout);
  const tests: ParsedTest[] = [];
  const open: Open[] = [];
  const closeDeeperThan = (indent: number): void => {
    while (open.length > 0 && open[open.length - 1].indent > indent) open.pop();
  };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (SUMMARY.test(line)) break;
    const parent = PARENT.exec(line);
    if (parent) {
      closeDeeperThan(parent[1].length - 1);
      if (open.length > 0) open[open.length - 1].hasChildren = true;
      open.push({ indent: parent[1].length, title: parent[2].trim(), childFailed: false, hasChildren: false });
      continue;
    }
    const r = RESULT.exec(line);
    if (!r) continue;
    const indent = r[1].length;
    const title = r[3].trim();
    const status = statusOf(r[2], r[5]);
    closeDeeperThan(indent);
    const top = open.length > 0 ? open[open.length - 1] : undefined;
    const closing = top !== undefined && top.indent === indent && top.title === title ? open.pop() : undefined;
    const parentOf = open.length > 0 ? open[open.length - 1] : undefined;
    if (parentOf && parentOf.indent < indent) {
      parentOf.hasChildren = true;
      if (status === 'fail') parentOf.childFailed = true;
    }
    const details: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1].trim() === '' || indentOf(lines[i + 1]) > indent) && !startsEntry(lines[i + 1], indent)) {
      details.push(lines[i + 1]);
      i += 1;
    }
    if (closing && closing.hasChildren && (status !== 'fail' || closing.childFailed)) continue;
    const path = [...open.filter((o) => o.indent < indent).map((o) => o.title), title].join(' > ');
    if (status !== 'fail') {
      tests.push({ title: path, status });
      continue;
    }
    tests.push({ title: path, status, failure: failureFromText(dedent(details)) });
  }
  return tests;
}

/** A child's `▶`/result line (deeper than `indent`) starts a new entry rather than continuing details. */
function startsEntry(line: string, indent: number): boolean {
  return indentOf(line) > indent && (PARENT.test(line) || RESULT.test(line)) && /^\s*[▶✔✖﹣⚠]\s/.test(line);
}
