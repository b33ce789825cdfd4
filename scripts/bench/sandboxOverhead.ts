/**
 * Section 1: what one sandboxed process costs. The same trivial commands run through the bwrap
 * runner, the host runner and a bare `child_process.spawnSync`, interleaved round-robin so a burst
 * of load on this shared machine hits all three alike.
 */
import { spawnSync } from 'node:child_process';
import { createBwrapRunner, createHostRunner, minimalEnv, type ExecSpec, type SandboxRunner } from '../../src/runtime/sandbox';
import { figure, type Figure } from './figures';
import { nowMs, round, summarize, type Summary } from './stats';
import type { Scratch } from './fixtures';

const SECTION = '1';
const RUNS = 30;
const WARMUP = 3;
/** Target for bwrap − plain, in ms (ARCHITECTURE §6 measured ~8 ms). */
const OVERHEAD_TARGET_MS = 25;

interface Command {
  id: 'true' | 'node';
  label: string;
  argv: string[];
}

const COMMANDS: Command[] = [
  { id: 'true', label: '`true`', argv: ['true'] },
  { id: 'node', label: '`node -e 0`', argv: ['node', '-e', '0'] },
];

/**
 * The baseline gets the same environment variables as the runners (`minimalEnv`): the caller's
 * environment can change how fast a process starts (on one test machine NODE_EXTRA_CA_CERTS added
 * ~100 ms to every `node` start), which is not what this section measures.
 */
function runPlain(argv: string[], env: Record<string, string>): void {
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`plain ${argv.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
}

async function timeRunner(runner: SandboxRunner, spec: ExecSpec): Promise<number> {
  const start = nowMs();
  const r = await runner.run(spec);
  const ms = nowMs() - start;
  if (r.exitCode !== 0) throw new Error(`${runner.kind} run of ${spec.argv.join(' ')} exited ${r.exitCode} (${r.signal ?? ''}): ${r.stderr.slice(0, 300)}`);
  return ms;
}

const fmt = (s: Summary) => `median ${round(s.median)} ms, p95 ${round(s.p95)} ms (n=${s.n})`;

export async function benchSandbox(scratch: Scratch): Promise<Figure[]> {
  const workspace = scratch.dir('sandbox');
  const plainEnv = minimalEnv(scratch.dir('sandbox-home'));
  const runners = { bwrap: createBwrapRunner(), host: createHostRunner() };
  const samples: Record<string, number[]> = {};
  const push = (key: string, ms: number, measured: boolean) => {
    if (measured) (samples[key] ??= []).push(ms);
  };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const measured = i >= WARMUP;
    for (const cmd of COMMANDS) {
      const spec: ExecSpec = { argv: cmd.argv, cwd: workspace, workspace, timeoutMs: 30_000 };
      const start = nowMs();
      runPlain(cmd.argv, plainEnv);
      push(`plain.${cmd.id}`, nowMs() - start, measured);
      push(`host.${cmd.id}`, await timeRunner(runners.host, spec), measured);
      push(`bwrap.${cmd.id}`, await timeRunner(runners.bwrap, spec), measured);
    }
  }

  const out: Figure[] = [];
  for (const cmd of COMMANDS) {
    const plain = summarize(samples[`plain.${cmd.id}`]);
    const host = summarize(samples[`host.${cmd.id}`]);
    const bwrap = summarize(samples[`bwrap.${cmd.id}`]);
    out.push(
      figure(SECTION, `sandbox.${cmd.id}.plain_median_ms`, `${cmd.label} plain spawnSync, median`, plain.median, 'ms', { detail: fmt(plain) }),
      figure(SECTION, `sandbox.${cmd.id}.host_median_ms`, `${cmd.label} host runner, median`, host.median, 'ms', { detail: fmt(host) }),
      figure(SECTION, `sandbox.${cmd.id}.bwrap_median_ms`, `${cmd.label} bwrap runner, median`, bwrap.median, 'ms', { detail: fmt(bwrap) }),
      figure(SECTION, `sandbox.${cmd.id}.bwrap_p95_ms`, `${cmd.label} bwrap runner, p95`, bwrap.p95, 'ms'),
      figure(SECTION, `sandbox.${cmd.id}.host_overhead_ms`, `${cmd.label} overhead host − plain (median)`, host.median - plain.median, 'ms'),
      figure(SECTION, `sandbox.${cmd.id}.overhead_ms`, `${cmd.label} overhead bwrap − plain (median)`, bwrap.median - plain.median, 'ms', {
        target: { op: '<', value: OVERHEAD_TARGET_MS },
        detail: `p95 difference ${round(bwrap.p95 - plain.p95)} ms`,
      }),
    );
  }
  return out;
}
