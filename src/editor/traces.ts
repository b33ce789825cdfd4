/**
 * The traces of a repository (`.fabric/traces/<id>/`), newest first, for the pickers of "Verify
 * Evidence Bundle", "Open event log" and "Push signed branch". Everything read here comes from the
 * repository, which is untrusted: folder names must be trace ids, `result.json` is validated with
 * ajv, and no path written inside it is ever used (paths are always rebuilt from the trace id).
 * No `vscode` import.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { TRACE_ID_PATTERN } from '../runtime/approvals/schema';
import type { FixResult } from '../runtime/pipeline/options';
import { tracePaths, tracesRoot } from '../runtime/pipeline/tracePaths';
import { compileSchema } from '../runtime/util/schema';

export interface TraceInfo {
  traceId: string;
  /** Last change of the trace (its result, else its event log), ms since the epoch. */
  modifiedMs: number;
  /** The run's outcome, or undefined when it has no (valid) result yet. */
  outcome?: FixResult['outcome'];
  branch?: string;
  commit?: string;
  reason?: string;
  /** The goal, from the Evidence Bundle when there is one. */
  goal?: string;
  hasBundle: boolean;
  hasEvents: boolean;
}

/** The fields of `result.json` the editor relies on. */
type ResultFields = Pick<FixResult, 'trace_id' | 'outcome' | 'branch' | 'commit' | 'reason' | 'base_commit' | 'fix'>;

const matchesResult = compileSchema<ResultFields>({
  type: 'object',
  required: ['trace_id', 'outcome', 'base_commit'],
  properties: {
    trace_id: { type: 'string', pattern: TRACE_ID_PATTERN },
    outcome: { enum: ['success', 'no_fix', 'rejected', 'aborted', 'failed'] },
    branch: { type: 'string', pattern: '^fabric/', maxLength: 300 },
    commit: { type: 'string', pattern: '^([0-9a-f]{40}|[0-9a-f]{64})$' },
    reason: { type: 'string' },
    base_commit: { type: 'string', pattern: '^([0-9a-f]{40}|[0-9a-f]{64})?$' },
    fix: { type: 'object', required: ['id', 'file'], properties: { id: { type: 'string', maxLength: 200 }, file: { type: 'string', maxLength: 1000 } } },
  },
}).matches;

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function mtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The run result of one trace, when it has a valid one (its paths rebuilt from the trace id). */
export function readTraceResult(repoDir: string, traceId: string): FixResult | undefined {
  if (!new RegExp(TRACE_ID_PATTERN).test(traceId)) return undefined;
  const paths = tracePaths(repoDir, traceId);
  const parsed = readJson(paths.result);
  if (!matchesResult(parsed) || parsed.trace_id !== traceId) return undefined;
  const { bundle_path: _bundle, dsse_path: _dsse, ...rest } = parsed as FixResult;
  return { ...rest, events_path: paths.events, trace_dir: paths.dir, ...(existsSync(paths.bundle) ? { bundle_path: paths.bundle } : {}), ...(existsSync(paths.dsse) ? { dsse_path: paths.dsse } : {}) };
}

export function traceInfo(repoDir: string, traceId: string): TraceInfo | undefined {
  if (!new RegExp(TRACE_ID_PATTERN).test(traceId)) return undefined;
  const paths = tracePaths(repoDir, traceId);
  const modifiedMs = mtime(paths.result) ?? mtime(paths.events);
  if (modifiedMs === undefined) return undefined;
  const result = readTraceResult(repoDir, traceId);
  const bundle = readJson(paths.bundle) as { goal?: unknown } | undefined;
  const info: TraceInfo = { traceId, modifiedMs, hasBundle: existsSync(paths.bundle), hasEvents: existsSync(paths.events) };
  if (result) {
    info.outcome = result.outcome;
    if (result.branch) info.branch = result.branch;
    if (result.commit) info.commit = result.commit;
    if (result.reason) info.reason = result.reason;
  }
  if (bundle && typeof bundle.goal === 'string') info.goal = bundle.goal.slice(0, 300);
  return info;
}

/** Every trace of the repository, newest first. */
export function listTraces(repoDir: string): TraceInfo[] {
  const root = tracesRoot(repoDir);
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  return names
    .map((name) => traceInfo(repoDir, name))
    .filter((t): t is TraceInfo => t !== undefined)
    .sort((a, b) => b.modifiedMs - a.modifiedMs || (a.traceId < b.traceId ? -1 : 1));
}

/** A one-line label for a trace picker. */
export function traceLabel(t: TraceInfo): string {
  const what = t.outcome === 'success' ? `✔ ${t.branch ?? 'fixed'}` : t.outcome ? `✘ ${t.outcome}` : '… unfinished';
  return `${what} — ${t.goal ?? t.traceId.slice(0, 8)}`;
}
