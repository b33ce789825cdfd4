/** Loads a captured runner output from test/fixtures/outputs (see capture.mjs there). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTestOutput } from '../../../../src/runtime/verify/testResults';
import type { SuiteRun } from '../../../../src/runtime/verify/testResults';

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'outputs');

/** The fake workspace root the capture script writes in place of real paths. */
export const CAPTURED_ROOT = '/home/dev/project';

export function outputFixture(name: string): { stdout: string; stderr: string; exitCode: number } {
  const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Record<string, { exitCode: number }>;
  const entry = cases[name];
  if (entry === undefined) throw new Error(`no captured output named ${name}`);
  return {
    stdout: readFileSync(join(DIR, `${name}.stdout.txt`), 'utf8'),
    stderr: readFileSync(join(DIR, `${name}.stderr.txt`), 'utf8'),
    exitCode: entry.exitCode,
  };
}

/** Parses a captured output; `workspaceRoot: null` parses it without a known root. */
export function parsedFixture(name: string, workspaceRoot: string | null = CAPTURED_ROOT): SuiteRun {
  return parseTestOutput({ ...outputFixture(name), ...(workspaceRoot === null ? {} : { workspaceRoot }) });
}

/** `[id, status]` pairs in output order. */
export function idsAndStatuses(run: SuiteRun): [string, string][] {
  return run.tests.map((t) => [t.id, t.status]);
}
