/**
 * JSON reporters: mocha's `--reporter json` and jest's `--json` (vitest's `--reporter=json` writes
 * the same shape). The JSON is found in stdout even with console output or npm banners before it,
 * and validated with ajv before use; output that does not validate is not this format.
 */
import type { JSONSchemaType } from 'ajv';
import { compileSchema } from '../../util/schema';
import type { ParsedTest, TestFailure, TestStatus } from './types';
import { failureFromText, outputLines } from './text';

interface MochaJsonTest {
  title: string;
  fullTitle: string;
  file?: string;
  duration?: number;
  err?: { message?: string; stack?: string };
}

interface MochaJson {
  stats: Record<string, unknown>;
  tests: MochaJsonTest[];
  pending?: MochaJsonTest[];
  failures?: MochaJsonTest[];
}

interface JestAssertion {
  title: string;
  fullName?: string | null;
  ancestorTitles?: string[] | null;
  status: string;
  failureMessages?: string[] | null;
}

interface JestJson {
  numTotalTests: number;
  testResults: { name: string; status?: string | null; message?: string | null; assertionResults: JestAssertion[] }[];
}

const mochaTest = {
  type: 'object',
  required: ['title', 'fullTitle'],
  properties: {
    title: { type: 'string' },
    fullTitle: { type: 'string' },
    file: { type: 'string', nullable: true },
    duration: { type: 'number', nullable: true },
    err: {
      type: 'object',
      nullable: true,
      required: [],
      properties: { message: { type: 'string', nullable: true }, stack: { type: 'string', nullable: true } },
    },
  },
} as const;

const mochaSchema: JSONSchemaType<MochaJson> = {
  type: 'object',
  required: ['stats', 'tests'],
  properties: {
    stats: { type: 'object', required: [] },
    tests: { type: 'array', items: mochaTest },
    pending: { type: 'array', nullable: true, items: mochaTest },
    failures: { type: 'array', nullable: true, items: mochaTest },
  },
};

const jestSchema: JSONSchemaType<JestJson> = {
  type: 'object',
  required: ['numTotalTests', 'testResults'],
  properties: {
    numTotalTests: { type: 'number' },
    testResults: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'assertionResults'],
        properties: {
          name: { type: 'string' },
          status: { type: 'string', nullable: true },
          message: { type: 'string', nullable: true },
          assertionResults: {
            type: 'array',
            items: {
              type: 'object',
              required: ['title', 'status'],
              properties: {
                title: { type: 'string' },
                fullName: { type: 'string', nullable: true },
                ancestorTitles: { type: 'array', nullable: true, items: { type: 'string' } },
                status: { type: 'string' },
                failureMessages: { type: 'array', nullable: true, items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
};

const isMochaJson = compileSchema<MochaJson>(mochaSchema).matches;
const isJestJson = compileSchema<JestJson>(jestSchema).matches;

/** The JSON document in stdout: the whole text, or from the first line that starts one to the last `}`. */
function findJson(stdout: string): unknown {
  const lines = outputLines(stdout);
  let last = lines.length - 1;
  while (last >= 0 && !lines[last].trimEnd().endsWith('}')) last -= 1;
  const starts = lines.flatMap((l, i) => (l.startsWith('{') && i <= last ? [i] : [])).slice(0, 20);
  for (const start of starts) {
    try {
      return JSON.parse(lines.slice(start, last + 1).join('\n')) as unknown;
    } catch {
      // not JSON from this line on; try the next candidate
    }
  }
  return undefined;
}

const keyOf = (t: MochaJsonTest): string => `${t.file ?? ''}\u0000${t.fullTitle}`;

function take(bag: Map<string, number>, key: string): boolean {
  const n = bag.get(key) ?? 0;
  if (n > 0) bag.set(key, n - 1);
  return n > 0;
}

function bagOf(tests: readonly MochaJsonTest[] | undefined): Map<string, number> {
  const bag = new Map<string, number>();
  for (const t of tests ?? []) bag.set(keyOf(t), (bag.get(keyOf(t)) ?? 0) + 1);
  return bag;
}

function mochaFailure(t: MochaJsonTest): TestFailure {
  const message = t.err?.message ?? 'failed';
  return t.err?.stack ? { message, stack: failureFromText(t.err.stack).stack ?? t.err.stack } : { message };
}

function fromMocha(doc: MochaJson): ParsedTest[] {
  const pending = bagOf(doc.pending);
  const unmatchedFailures = bagOf(doc.failures);
  const tests: ParsedTest[] = doc.tests.map((t) => {
    const failed = t.err !== undefined && t.err !== null && Object.keys(t.err).length > 0;
    if (failed) take(unmatchedFailures, keyOf(t));
    const status: TestStatus = failed ? 'fail' : take(pending, keyOf(t)) ? 'skip' : 'pass';
    const test: ParsedTest = { title: t.fullTitle, status };
    if (t.file) test.file = t.file;
    if (failed) test.failure = mochaFailure(t);
    return test;
  });
  // Hook failures ("before all" hook …) are listed only under `failures`.
  for (const f of doc.failures ?? []) {
    if (!take(unmatchedFailures, keyOf(f))) continue;
    const test: ParsedTest = { title: f.fullTitle, status: 'fail', failure: mochaFailure(f) };
    if (f.file) test.file = f.file;
    tests.push(test);
  }
  return tests;
}

function jestStatus(status: string): TestStatus {
  if (status === 'passed') return 'pass';
  if (status === 'failed') return 'fail';
  return 'skip';
}

function fromJest(doc: JestJson): ParsedTest[] {
  const tests: ParsedTest[] = [];
  for (const file of doc.testResults) {
    if (file.assertionResults.length === 0 && file.status === 'failed') {
      tests.push({ title: '(test file failed to run)', file: file.name, status: 'fail', failure: failureFromText(file.message || 'failed') });
    }
    for (const a of file.assertionResults) {
      const title = a.fullName || [...(a.ancestorTitles ?? []), a.title].join(' ');
      const status = jestStatus(a.status);
      const test: ParsedTest = { title, file: file.name, status };
      if (status === 'fail') test.failure = failureFromText((a.failureMessages ?? []).join('\n') || file.message || 'failed');
      tests.push(test);
    }
  }
  return tests;
}

export type JsonParse = { format: 'mocha-json' | 'jest-json'; tests: ParsedTest[] };

/** Parses mocha or jest/vitest JSON in stdout; null when stdout holds neither. */
export function parseJsonReport(stdout: string): JsonParse | null {
  if (!stdout.includes('{')) return null;
  const doc = findJson(stdout);
  if (doc === undefined) return null;
  if (isMochaJson(doc)) return { format: 'mocha-json', tests: fromMocha(doc) };
  if (isJestJson(doc)) return { format: 'jest-json', tests: fromJest(doc) };
  return null;
}
