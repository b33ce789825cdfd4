/**
 * Turns a test command's real output into a `SuiteRun`: detects the reporter format (JSON, TAP,
 * node:test spec, mocha spec; else `none`, exit code only), assigns stable ids and counts.
 */
import { FabricError } from '../../errors';
import type { ParsedTest, ReporterFormat, SuiteRun, TestCaseResult, TestFailure } from './types';
import { parseJsonReport } from './jsonReporters';
import { parseMochaSpec } from './mochaSpec';
import { parseNodeTestSpec } from './nodeTestSpec';
import { parseTap } from './tap';
import { failureFromText, outputLines } from './text';
import { isAbsoluteFile, relativeFile } from './relativeFile';

export interface TestOutput {
  /** Everything the command wrote to stdout (reporters write here). */
  stdout: string;
  /** Everything the command wrote to stderr (crashes of the runner itself land here). */
  stderr: string;
  /** Exit code; null when the process was killed by a signal. */
  exitCode: number | null;
  /** Whether the command was stopped at its time limit. Default false. */
  timedOut?: boolean;
  /**
   * Absolute directory the command ran in. When given, absolute test files under it are made
   * workspace-relative and enter the ids; ids never hold absolute paths, so runs in different
   * sandbox copies compare.
   */
  workspaceRoot?: string;
}

function detect(stdout: string): { format: ReporterFormat; tests: ParsedTest[]; interrupted?: number } {
  const json = parseJsonReport(stdout);
  if (json) return json;
  const tap = parseTap(stdout);
  if (tap) return { format: 'tap', ...tap };
  const nodeSpec = parseNodeTestSpec(stdout);
  if (nodeSpec) return { format: 'node-test-spec', tests: nodeSpec };
  const mocha = parseMochaSpec(stdout);
  if (mocha) return { format: 'mocha-spec', tests: mocha };
  return { format: 'none', tests: [] };
}

/** What a runner that died mid-test left on stderr, as that test's failure. */
function crashFailure(stderr: string, timedOut: boolean): TestFailure {
  if (timedOut) return { message: 'timed out' };
  const lines = outputLines(stderr);
  const errorLine = lines.findIndex((l) => /^\s*[\w.$]*(?:Error|Exception)\b/.test(l));
  if (errorLine < 0) return { message: lines.find((l) => l.trim() !== '')?.trim() ?? 'the test runner exited before the test finished' };
  return failureFromText(lines.slice(errorLine).filter((l) => !/^Node\.js v\d/.test(l)).join('\n'));
}

function withIds(tests: readonly ParsedTest[], workspaceRoot: string | undefined): TestCaseResult[] {
  const seen = new Map<string, number>();
  return tests.map((t) => {
    let file = t.file;
    if (file !== undefined && workspaceRoot !== undefined) file = relativeFile(file, workspaceRoot) ?? file;
    // node-tap (and node:test before Node 20) head each file with a subtest named by its absolute path.
    const title = workspaceRoot === undefined ? t.title
      : t.title.split(' > ').map((part) => (isAbsoluteFile(part) ? relativeFile(part, workspaceRoot) ?? part : part)).join(' > ');
    const base = file !== undefined && !isAbsoluteFile(file) ? `${file}::${title}` : title;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const out: TestCaseResult = { id: n === 1 ? base : `${base} #${n}`, title, status: t.status };
    if (file !== undefined) out.file = file;
    if (t.failure !== undefined) out.failure = t.failure;
    return out;
  });
}

export function parseTestOutput(input: TestOutput): SuiteRun {
  const bad = [
    typeof input.stdout !== 'string' ? 'stdout' : null,
    typeof input.stderr !== 'string' ? 'stderr' : null,
    input.exitCode !== null && !Number.isInteger(input.exitCode) ? 'exitCode' : null,
  ].filter((p): p is string => p !== null);
  if (bad.length > 0) throw new FabricError('USAGE_INVALID', `invalid test output: ${bad.join(', ')}`, { data: { paths: bad } });
  const timedOut = input.timedOut ?? false;
  const found = detect(input.stdout);
  const parsed = found.tests.map((t) => ({ ...t }));
  const crashed = found.interrupted !== undefined ? parsed[found.interrupted] : undefined;
  if (crashed && crashed.status !== 'fail' && (input.exitCode !== 0 || timedOut)) {
    crashed.status = 'fail';
    crashed.failure = crashFailure(input.stderr, timedOut);
  }
  const tests = withIds(parsed, input.workspaceRoot);
  const counts = { pass: 0, fail: 0, skip: 0 };
  for (const t of tests) counts[t.status] += 1;
  return {
    format: found.format,
    exitCode: input.exitCode,
    timedOut,
    tests,
    counts,
    passed: input.exitCode === 0 && !timedOut && counts.fail === 0,
  };
}
