import { resolve } from 'node:path';
import { DEFAULT_FIX_OPTIONS, type FixResult } from '../../runtime/pipeline/options';
import { runFix } from '../../runtime/pipeline/runFix';
import { FabricError } from '../../runtime/errors';
import { ExitCode, type CommandSpec } from '../command';

function intFlag(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new FabricError('USAGE_INVALID', `--${name} must be an integer, got '${String(value)}'`);
  return n;
}

function printHuman(r: FixResult, out: (t: string) => void): void {
  if (r.outcome === 'success') {
    out(`\n✔ Verified fix on ${r.branch}\n`);
    out(`  commit     ${r.commit}\n`);
    out(`  fix        ${r.fix?.description} (${r.fix?.operator})\n`);
    out(`  tests      ${r.tests.fixed.length} fixed, ${r.tests.passing_after} passing, no regression, reproducible\n`);
    out(`  evidence   ${r.bundle_path}\n`);
    out(`  events     ${r.events_path}\n`);
    out(`  candidates ${r.candidates_tried} tried in ${(r.duration_ms / 1000).toFixed(1)} s (${r.sandbox} sandbox)\n\n`);
    out(`${r.fix?.patch ?? ''}\n`);
    out(`Check it:  fabric verify-bundle ${r.bundle_path}\n`);
    out(`Push it:   fabric approve --trace ${r.trace_id} --action push && fabric push --trace ${r.trace_id}\n`);
    return;
  }
  out(`\n✘ ${r.outcome === 'no_fix' ? 'No verified fix' : r.outcome}: ${r.reason ?? ''}\n`);
  out(`  ${r.candidates_tried} candidate(s) tried in ${(r.duration_ms / 1000).toFixed(1)} s; nothing was committed. Events: ${r.events_path}\n`);
}

export const exploreCommand: CommandSpec = {
  name: 'explore',
  summary: 'Find, verify and commit a fix for failing tests (on a new signed fabric/… branch)',
  usage: 'fabric explore --goal TEXT [--workspace DIR] [--test CMD] [--candidates N] [--sandbox auto|bwrap|host] [--json]',
  details:
    'Runs the tests in a sandbox, localizes the failure, tries candidate patches in throw-away copies, verifies them\n' +
    'with the whole suite, re-runs the winner twice in a pinned environment, then writes a signed commit on a new\n' +
    'fabric/<slug>-<trace8> branch with an Evidence Bundle. Your working tree and existing branches are never modified.',
  flags: {
    goal: { type: 'string', valueName: 'TEXT', description: 'What is wrong, in words (required)' },
    workspace: { type: 'string', valueName: 'DIR', description: 'The repository to fix', default: '.' },
    test: { type: 'string', valueName: 'CMD', description: 'Test command (default: `npm test` when package.json has a test script)' },
    candidates: { type: 'string', valueName: 'N', description: 'Candidates to try per planning round', default: String(DEFAULT_FIX_OPTIONS.candidates) },
    parallel: { type: 'string', valueName: 'N', description: 'Candidates verified at the same time', default: String(DEFAULT_FIX_OPTIONS.parallel) },
    provider: { type: 'string', valueName: 'NAME', description: 'Where candidates come from: offline (program-repair engine)', default: DEFAULT_FIX_OPTIONS.provider },
    sandbox: { type: 'string', valueName: 'KIND', description: 'auto (bubblewrap), bwrap, or host (no isolation; prints a warning)', default: DEFAULT_FIX_OPTIONS.sandbox },
    'test-timeout': { type: 'string', valueName: 'SEC', description: 'Time limit of one test run; the process tree is killed', default: String(DEFAULT_FIX_OPTIONS.testTimeoutMs / 1000) },
    budget: { type: 'string', valueName: 'SEC', description: 'Wall-time budget of the whole run', default: String(DEFAULT_FIX_OPTIONS.budgetMs / 1000) },
    'max-revisions': { type: 'string', valueName: 'N', description: 'Re-planning rounds after the first', default: String(DEFAULT_FIX_OPTIONS.maxRevisions) },
    'allow-test-edits': { type: 'boolean', description: 'Let candidates edit test files (off by default)' },
    json: { type: 'boolean', description: 'Print one JSON object with the result on stdout' },
  },
  async run(args, ctx, io) {
    const f = args.flags;
    if (typeof f.goal !== 'string') throw new FabricError('USAGE_INVALID', '--goal is required');
    if (f.provider !== 'offline') throw new FabricError('USAGE_INVALID', `--provider ${String(f.provider)} is not available; use offline`);
    const sandbox = String(f.sandbox);
    if (sandbox !== 'auto' && sandbox !== 'bwrap' && sandbox !== 'host') throw new FabricError('USAGE_INVALID', `--sandbox must be auto, bwrap or host, got '${sandbox}'`);
    const result = await runFix(
      ctx,
      {
        workspace: resolve(io.cwd, String(f.workspace)),
        goal: f.goal,
        ...(typeof f.test === 'string' ? { testCommand: f.test } : {}),
        candidates: intFlag(f.candidates, 'candidates', DEFAULT_FIX_OPTIONS.candidates),
        parallel: intFlag(f.parallel, 'parallel', DEFAULT_FIX_OPTIONS.parallel),
        provider: 'offline',
        sandbox,
        testTimeoutMs: intFlag(f['test-timeout'], 'test-timeout', DEFAULT_FIX_OPTIONS.testTimeoutMs / 1000) * 1000,
        budgetMs: intFlag(f.budget, 'budget', DEFAULT_FIX_OPTIONS.budgetMs / 1000) * 1000,
        maxRevisions: intFlag(f['max-revisions'], 'max-revisions', DEFAULT_FIX_OPTIONS.maxRevisions),
        allowTestEdits: f['allow-test-edits'] === true,
      },
      { progress: (m) => io.stderr(`fabric: ${m}\n`), signal: io.signal },
    );
    if (f.json) io.stdout(JSON.stringify(result, null, 2) + '\n');
    else printHuman(result, io.stdout);
    if (result.outcome === 'success') return ExitCode.Ok;
    if (result.outcome === 'failed') return ExitCode.Internal;
    return ExitCode.CheckFailed;
  },
};
