/**
 * The Localizer: where is the bug? It reads the workspace's source files (one Gate call), takes
 * the failing tests' messages and stack frames, and — when the test command can be focused on
 * single test files — builds a coverage spectrum (V8 block coverage of failing vs passing test
 * files, ranked with Ochiai). Code structure comes from a real parser (see runtime/analysis).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { coveredLines, isAnalyzable, localize, ochiai, type Localization, type SpectrumRun } from '../runtime/analysis';
import type { Lease } from '../runtime/kernel';
import type { RunContext } from '../runtime/pipeline/runContext';
import type { Workspace, Workspaces } from '../runtime/pipeline/workspaces';
import { isTestPath } from '../runtime/util/testPaths';
import { focusTestCommand, type SuiteRun } from '../runtime/verify';
import { runTests } from './verifier';

/** Source files larger than this are not analysed (generated bundles, data). */
const MAX_SOURCE_BYTES = 512 * 1024;
/** At most this many passing test files join the spectrum (each one is a sandboxed run). */
const MAX_PASSING_SPECTRUM_FILES = 6;

export interface LocalizerInput {
  workspace: Workspace;
  baseline: SuiteRun;
  /** Baseline stdout+stderr, used when the output has no per-test failures. */
  baselineOutput: string;
  testCommand: string;
  packageJson: unknown;
  failingTestFiles: string[];
  timeoutMs: number;
  parallel: number;
}

export interface LocalizerOutput extends Localization {
  files: Map<string, string>;
  testFiles: string[];
  spectrum: { runs: number; failing: number } | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Every analyzable source file of the workspace, plus package.json files (for `main`); symlinks and huge files skipped. */
function readSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name === '.git' || entry.name.startsWith('.fabric')) continue;
        walk(path);
      } else if (entry.isFile() && (isAnalyzable(path) || entry.name === 'package.json') && statSync(join(root, path)).size <= MAX_SOURCE_BYTES) {
        const text = decodeUtf8(readFileSync(join(root, path)));
        // Not UTF-8 (e.g. a latin1 comment): editing it as text would corrupt the other bytes.
        if (text !== null) files.set(path, text);
      }
    }
  };
  walk('');
  return files;
}

export async function localizeFailure(rc: RunContext, workspaces: Workspaces, input: LocalizerInput): Promise<LocalizerOutput> {
  const lease = rc.lease('localizer');
  const files = await rc.gate.invoke(
    lease,
    { capability: 'fs.read', role: 'localizer', path: '.' },
    { workspace: input.workspace.label, what: 'source files for analysis' },
    async () => readSources(input.workspace.path),
    { summarize: (m) => ({ files: m.size }) },
  );
  const testFiles = [...files.keys()].filter(isTestPath);
  const failures = input.baseline.tests
    .filter((t) => t.status === 'fail')
    .map((t) => ({ message: t.failure?.message ?? t.title, stack: t.failure?.stack }));
  if (failures.length === 0) failures.push({ message: input.baselineOutput.slice(-20_000), stack: undefined });

  const spectrumRuns = await collectSpectrum(rc, workspaces, lease, input, files, testFiles);
  const spectrum = spectrumRuns && spectrumRuns.some((r) => r.failed) && spectrumRuns.some((r) => !r.failed) ? ochiai(spectrumRuns) : undefined;
  const localization = localize({ files, testFiles, failures, workspaceRoot: input.workspace.path, spectrum, maxLocations: 60 });
  rc.record('localizer', {
    action_type: 'thought',
    payload: {
      kind: 'localization',
      top_locations: localization.locations.slice(0, 15),
      relevant_files: localization.relevantFiles.slice(0, 30),
      spectrum_runs: spectrumRuns?.length ?? 0,
    },
  });
  return {
    ...localization,
    files,
    testFiles,
    spectrum: spectrumRuns ? { runs: spectrumRuns.length, failing: spectrumRuns.filter((r) => r.failed).length } : null,
  };
}

/**
 * Runs failing test files and a few passing ones one at a time with V8 coverage on. Returns null
 * when the test command cannot be focused on single files (the spectrum then stays out).
 */
async function collectSpectrum(
  rc: RunContext,
  workspaces: Workspaces,
  lease: Lease,
  input: LocalizerInput,
  files: Map<string, string>,
  testFiles: string[],
): Promise<SpectrumRun[] | null> {
  const failing = input.failingTestFiles.filter((f) => files.has(f));
  if (failing.length === 0) return null;
  const passing = testFiles.filter((f) => !failing.includes(f) && /\.(test|spec)\.|^tests?\//.test(f)).slice(0, MAX_PASSING_SPECTRUM_FILES);
  const plan = [...failing, ...passing]
    .map((file) => ({ file, command: focusTestCommand({ testCommand: input.testCommand, packageJson: input.packageJson, files: [file] }) }))
    .filter((p): p is { file: string; command: string } => p.command !== null);
  if (plan.length < 2) return null;

  const runs: SpectrumRun[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.length && !rc.signal.aborted) {
      const index = next++;
      const { file, command } = plan[index];
      const coverageDir = join(input.workspace.path, '.fabric-coverage', String(index));
      mkdirSync(coverageDir, { recursive: true });
      const { run } = await runTests(rc, workspaces, lease, {
        workspace: input.workspace,
        command,
        timeoutMs: input.timeoutMs,
        env: { NODE_V8_COVERAGE: coverageDir },
        purpose: `spectrum:${file}`,
      });
      runs.push({ failed: !run.passed, covered: readCoverage(coverageDir, input.workspace.path, files) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.parallel, plan.length)) }, worker));
  return runs;
}

function readCoverage(dir: string, root: string, files: Map<string, string>): Map<string, Set<number>> {
  const merged = new Map<string, Set<number>>();
  if (!existsSync(dir)) return merged;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue; // a process killed mid-write leaves a partial file: ignore it
    }
    for (const [file, lines] of coveredLines(data, root, (rel) => files.get(rel) ?? null)) {
      const set = merged.get(file) ?? new Set<number>();
      for (const l of lines) set.add(l);
      merged.set(file, set);
    }
  }
  return merged;
}
