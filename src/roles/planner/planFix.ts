/**
 * The Planner (deterministic; no model yet): turns the Localizer's ranking into a Plan in the
 * Unified Specification Protocol shape. Its `module_scope.write_modules` is the write scope the Gate
 * enforces: least privilege, i.e. the distinct files of the top-ranked locations (never test files
 * unless allowed), widened to their directories only from revision 1 on. A root-level file stays a
 * file even then: widening it would mean the whole repository. Text that came from outside (goal,
 * failure reports) is redacted before it enters the plan.
 */
import { FabricError } from '../../runtime/errors';
import { assertProtocolDocument } from '../../runtime/protocol';
import { compileSchema } from '../../runtime/util/schema';
import { isTestPath } from '../../runtime/util/testPaths';
import { redactText } from '../../runtime/verify/secrets';
import { normalizeRepoPath } from './isInWriteScope';
import { planFixInputSchema } from './planFixInput.schema';
import type { Plan, PlanFixInput, PlanLocation } from './types';

const DEFAULT_MAX_WRITE_FILES = 3;
const MAX_FAILURES_SHOWN = 5;
const MAX_FAILURE_CHARS = 300;

const planFixInput = compileSchema<PlanFixInput>(planFixInputSchema);

function pathErrors(input: unknown): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  const rec = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const check = (p: unknown, at: string): void => {
    if (typeof p === 'string' && normalizeRepoPath(p) === undefined) errors.push({ path: at, message: 'must be a repository-relative path' });
  };
  if (Array.isArray(rec.locations)) {
    rec.locations.forEach((l: unknown, i) => check((l as Record<string, unknown> | null)?.file, `/locations/${i}/file`));
  }
  if (Array.isArray(rec.relevantFiles)) rec.relevantFiles.forEach((f: unknown, i) => check(f, `/relevantFiles/${i}`));
  return errors;
}

/**
 * ajv shape check (ajv also refuses NaN and ±Infinity) plus repository-relative paths; every error
 * at once. Schema errors keep ajv's instance path (the object, for a missing or extra property).
 */
function checkInput(x: unknown): PlanFixInput {
  const schemaErrors = planFixInput.failures(x).map((f) => ({ path: f.instancePath, message: f.message }));
  const errors = [...schemaErrors, ...pathErrors(x)];
  if (errors.length > 0) throw new FabricError('SCHEMA_INVALID', 'invalid planner input', { data: { errors } });
  const input = x as PlanFixInput;
  const norm = (p: string): string => normalizeRepoPath(p) as string;
  return {
    ...input,
    locations: input.locations.map((l) => ({ ...l, file: norm(l.file) })),
    relevantFiles: input.relevantFiles.map(norm),
  };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Highest score first; ties broken by file then line, so the order never depends on input order. */
function rank(locations: readonly PlanLocation[]): PlanLocation[] {
  return [...locations].sort((a, b) => b.score - a.score || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
}

function writeScope(input: PlanFixInput, ranked: readonly PlanLocation[]): string[] {
  const editable = (f: string): boolean => input.allowTestEdits || !isTestPath(f);
  const limit = input.maxWriteFiles ?? DEFAULT_MAX_WRITE_FILES;
  let files = unique(ranked.map((l) => l.file)).filter(editable).slice(0, limit);
  if (files.length === 0) files = unique(input.relevantFiles).filter(editable).slice(0, limit);
  if (files.length === 0) {
    throw new FabricError('WORKSPACE_NOTHING_TO_FIX', 'no editable file among the locations or relevant files', {
      data: { locations: input.locations.length, relevantFiles: input.relevantFiles.length, allowTestEdits: input.allowTestEdits },
    });
  }
  if (input.revision === 0) return files;
  return unique(files.map((f) => (f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : f)));
}

function oneLine(text: string): string {
  const flat = redactText(text).replace(/\s+/g, ' ').trim();
  return flat.length > MAX_FAILURE_CHARS ? `${flat.slice(0, MAX_FAILURE_CHARS - 1)}…` : flat;
}

function buildPlan(input: PlanFixInput): Plan {
  const ranked = rank(input.locations);
  const scope = writeScope(input, ranked);
  const goal = oneLine(input.goal);
  const testCommand = redactText(input.testCommand);
  const failing = input.failingTests.map(oneLine);
  const failures = (input.previousFailures ?? []).map(oneLine).filter((f) => f !== '').slice(-MAX_FAILURES_SHOWN);
  const hints = ranked.slice(0, 5).map((l) => `inspect ${l.file}:${l.line} (suspiciousness ${l.score})`);
  const readModules = unique([...input.relevantFiles, ...ranked.map((l) => l.file)]);
  return {
    phase_meta: { phase_id: 'P2', title: `Fix: ${goal}`, priority: 'high', version: `v${input.revision + 1}`, owner: 'fabric-planner' },
    objective: {
      problem: failing.length > 0 ? `${failing.length} failing test(s): ${failing.join(', ')}` : goal,
      outcome: 'the failing tests pass, no previously passing test fails, and the change is verified, reviewed and signed',
    },
    invariants: [
      'every file edit goes through the Gate and stays inside module_scope.write_modules',
      "the user's working tree is never written during Explore",
      ...(input.allowTestEdits ? [] : ['test files are never modified']),
      'every action is an append-only event carrying trace_id',
    ],
    module_scope: { write_modules: scope, read_modules: readModules, external_surfaces: [`test command: ${testCommand}`] },
    data_models: [
      { name: 'CandidatePatch', kind: 'dto', keys: ['trace_id', 'candidate_id', 'diff_sha'], append_only: false },
      { name: 'agent_events', kind: 'event', keys: ['trace_id', 'session_id', 'seq'], append_only: true },
    ],
    flow: {
      trigger: `trace ${input.traceId}: baseline has ${failing.length} failing test(s) under \`${testCommand}\``,
      steps: [
        ...hints,
        ...failures.map((f) => `avoid the previous failure: ${f}`),
        `edit only ${scope.join(', ')}`,
        'run the failing tests first, then the whole suite',
        'review the diff: scope, tests untouched, secrets, protected paths, dependencies',
      ],
      exit_conditions: ['at least one candidate verified and approved by review', 'revision bound reached: no fix'],
    },
    guardrails: {
      runtime_gate: ['sandbox', 'no network', 'timeout', 'budget', 'write scope'],
      policy_gate: ['cedar policy', 'review policy', 'approval token for push'],
      audit_trace: ['trace_id', 'session_id', 'task_id', 'capability_id', 'version'],
    },
    tests: { unit: failing, integration: [`full suite: ${testCommand}`], e2e: [] },
    acceptance: [
      failing.length > 0 ? `tests ${failing.join(', ')} pass` : `\`${testCommand}\` exits 0`,
      'no previously passing test fails (regression score 0)',
      `diff touches only write_modules: ${scope.join(', ')}`,
      ...(input.allowTestEdits ? [] : ['no test file is modified']),
      'two pinned compile runs give the same reproducibility_hash',
    ],
    rollback: {
      trigger: 'verification, review or compile fails, or the push is denied',
      action: "discard the candidate workspaces and the fabric/ branch; the base commit and the user's working tree are untouched",
      target_version: 'base',
    },
    dependency_graph: { depends_on: ['P1'], unblocks: ['P3'] },
    status: {
      stage: 'planned',
      completion: 0,
      risks: [...(input.revision > 0 ? [`revision ${input.revision}: write scope widened to directories`] : []), ...failures],
      next_actions: ['implement candidates inside the write scope', 'verify each candidate'],
    },
  };
}

/** Plans a fix; throws `SCHEMA_INVALID` for bad input and `WORKSPACE_NOTHING_TO_FIX` when nothing is editable. */
export function planFix(input: PlanFixInput): Plan {
  const plan = buildPlan(checkInput(input));
  assertProtocolDocument(plan);
  return plan;
}
