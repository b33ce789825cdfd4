/**
 * `npm run bench` — how fast Fabric's moving parts are on this machine. A report, not a test:
 * every figure is printed with its target and PASS/MISS, and the exit status is 0 whatever the
 * figures say (1 only when a section crashed). Targets live here, never as test assertions.
 *
 * Usage: npm run bench [-- --json] [-- --only 1,2,5]
 *   --json   one JSON document on stdout (machine, figures, timings); progress goes to stderr
 *            (use `npm run -s bench -- --json` so npm's own banner stays off stdout)
 *   --only   run only these sections (1–5)
 *
 * What each figure means:
 *
 * 1. Sandbox overhead per process — wall time of `true` and of `node -e 0` started through
 *    `createBwrapRunner().run()`, through `createHostRunner().run()` and with a bare
 *    `child_process.spawnSync`, 30 runs each after 3 warm-ups, interleaved. Overhead = bwrap
 *    median − plain median: what isolating one process costs (the bwrap process, namespaces,
 *    mounts, making sure the sandbox is gone); all three get the same clean environment. Target
 *    < 25 ms.
 * 2. Event log — appends per second of a typical Gate `tool_call` event (redaction, canonical
 *    JSON, SHA-256 chain, schema check, one O_APPEND write each), 20,000 appends; and the time
 *    `verifyEventLog` needs to re-check 10,000 such events (schema, seq, chain, hashes, canonical
 *    bytes). Targets ≥ 5,000 appends/s and < 1 s for 10k events.
 * 3. Evidence — `signBundle` (schema + two Ed25519 signatures), `verifyBundle` (schema, both
 *    signatures, diff digest, event-log head), `signDsse` and `verifyDsse` on a bundle the size
 *    of a long run (48 candidates, 153 tests), median of 50. Target < 50 ms each.
 * 4. Policy — `loadPolicyEngine` time (once per run: Cedar wasm warm-up, strict validation,
 *    preparse) and `PolicyEngine.decide` latency (request + entities → Cedar `statefulIsAuthorized`)
 *    for an in-scope `fs.write`, a denied test-file `fs.write` and a `git.write_ref` of a
 *    `fabric/…` branch; median and p95 of 1,000. Targets: median < 1 ms, p95 < 5 ms.
 * 5. Pipeline — (a) a whole `runFix` on a copy of demo/textkit (sandbox `auto`): candidates the
 *    pool judged per minute of its candidate phase (first candidate workspace → last verdict;
 *    target ≥ 30/min), candidates verified (passing), wall time, and per candidate how its wall
 *    time splits into sandboxed test runs and the rest. The same on the minimist fixture with
 *    its bug `minimist-1` for a 153-test tape suite. (b) The overhead ratio of one Fabric
 *    candidate verification over running the test command directly, for the demo and for the
 *    pristine minimist fixture: median of 9 each; target < 1.2. The ratio is
 *    median(T_fabric) / median(T_direct): T_direct = `npm test` spawned in a ready copy of the
 *    repo; T_fabric = workspace copy through the Gate + the Verifier's full-suite run in bwrap
 *    (Gate, events, output parsing, baseline comparison) + workspace removal. Exactly what is in
 *    and out is written at the top of scripts/bench/verifyOverhead.ts.
 *
 * Everything runs in a temp folder with its own FABRIC_HOME, removed at the end. About a minute
 * on an idle 2-core machine; other load on the machine shows up in the figures (medians damp it).
 */
import { cpus, loadavg, release, type } from 'node:os';
import { benchEventLog } from './bench/eventLog';
import { benchEvidence } from './bench/evidence';
import { errorFigure, renderTable, type Figure } from './bench/figures';
import { demoRepo, ossRepo, Scratch } from './bench/fixtures';
import { benchPolicy } from './bench/policy';
import { benchRunFix } from './bench/runFixThroughput';
import { benchSandbox } from './bench/sandboxOverhead';
import { nowMs, round } from './bench/stats';
import { benchVerifyOverhead } from './bench/verifyOverhead';

const SECTION_TITLES: Record<string, string> = {
  '1': '1. Sandbox overhead per process',
  '2': '2. Event log',
  '3': '3. Evidence Bundle and DSSE',
  '4': '4. Policy decisions (Cedar)',
  '5': '5. Pipeline: candidate throughput and verification overhead',
};

interface Step {
  section: string;
  name: string;
  run: (scratch: Scratch) => Promise<Figure[]>;
}

const STEPS: Step[] = [
  { section: '1', name: 'sandbox', run: benchSandbox },
  { section: '2', name: 'events', run: benchEventLog },
  { section: '3', name: 'evidence', run: () => benchEvidence() },
  { section: '4', name: 'policy', run: () => benchPolicy() },
  { section: '5', name: 'runfix.demo', run: (s) => benchRunFix(s, demoRepo(s), 'demo') },
  { section: '5', name: 'runfix.minimist', run: (s) => benchRunFix(s, ossRepo(s, 'minimist', 'minimist-1'), 'minimist') },
  { section: '5', name: 'ratio.demo', run: (s) => benchVerifyOverhead(s, demoRepo(s), 'demo') },
  { section: '5', name: 'ratio.minimist', run: (s) => benchVerifyOverhead(s, ossRepo(s, 'minimist'), 'minimist') },
];

function usage(message?: string): never {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write('Usage: npm run bench [-- --json] [-- --only 1,2,3,4,5]\n');
  process.exit(2);
}

function parseArgs(argv: string[]): { json: boolean; only: Set<string> | null } {
  let json = false;
  let only: Set<string> | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!value) usage('--only needs a list of sections');
      only = new Set(value.split(',').map((s) => s.trim()));
      for (const s of only) if (!(s in SECTION_TITLES)) usage(`unknown section ${s}`);
    } else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  return { json, only };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const machine = { os: `${type()} ${release()}`, cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadavg_at_start: loadavg().map(round) };
  const scratch = new Scratch();
  const figures: Figure[] = [];
  const timings: Record<string, number> = {};
  let crashed = 0;
  const started = nowMs();
  try {
    for (const step of STEPS.filter((s) => opts.only === null || opts.only.has(s.section))) {
      process.stderr.write(`bench: ${step.name} … `);
      const t = nowMs();
      try {
        figures.push(...(await step.run(scratch)));
        process.stderr.write(`${round((nowMs() - t) / 1000)} s\n`);
      } catch (e) {
        crashed += 1;
        figures.push(errorFigure(step.section, `${step.name}.error`, e));
        process.stderr.write(`CRASHED\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      }
      timings[step.name] = round((nowMs() - t) / 1000);
    }
  } finally {
    scratch.cleanup();
  }
  const totalS = round((nowMs() - started) / 1000);
  const counts = { pass: figures.filter((f) => f.status === 'PASS').length, miss: figures.filter((f) => f.status === 'MISS').length, error: figures.filter((f) => f.status === 'ERROR').length };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ machine, total_s: totalS, step_seconds: timings, counts, figures }, null, 2)}\n`);
  } else {
    process.stdout.write(`Fabric benchmarks — ${machine.os}, ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load ${machine.loadavg_at_start.join(' ')} at start\n\n`);
    process.stdout.write(`${renderTable(figures, SECTION_TITLES)}\n\n`);
    process.stdout.write(`${counts.pass} PASS, ${counts.miss} MISS${counts.error ? `, ${counts.error} ERROR` : ''} in ${totalS} s\n`);
  }
  process.exitCode = crashed > 0 ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`bench: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(3);
});
