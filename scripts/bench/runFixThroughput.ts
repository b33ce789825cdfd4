/**
 * Section 5a: a whole `runFix` (sandbox `auto`) on a throw-away copy of a project, and what its
 * event log says about candidate throughput: how many candidates the pool judged (any verdict)
 * per minute of the candidate phase, and how much of each candidate's wall time was its sandboxed
 * test runs.
 */
import { createNodeContext } from '../../src/runtime/context';
import { readEventLog, type FabricEvent } from '../../src/runtime/events';
import { runFix } from '../../src/runtime/pipeline/runFix';
import { figure, type Figure } from './figures';
import { cleanEnv, type BenchRepo, type Scratch } from './fixtures';
import { nowMs, round, summarize } from './stats';

const SECTION = '5';
/** With the default 48 candidates, 30 a minute is a full round in under ~1.6 minutes on 2 cores for a small suite. */
const PER_MINUTE_TARGET = 30;

/** ISO-8601 with microseconds → epoch milliseconds (fractional). */
function epochMs(timestamp: string): number {
  const whole = Date.parse(`${timestamp.slice(0, 19)}Z`);
  const fraction = timestamp.slice(20, -1);
  return whole + Number(`0.${fraction}`) * 1000;
}

interface CandidateTiming {
  id: string;
  verdict: string;
  wallMs: number;
  sandboxMs: number;
  startMs: number;
  endMs: number;
}

/** Per candidate: first Implementer event (workspace.create) → the Verifier's verdict event. */
function candidateTimings(events: readonly FabricEvent[]): CandidateTiming[] {
  const first = new Map<string, number>();
  const sandbox = new Map<string, number>();
  const out: CandidateTiming[] = [];
  for (const e of events) {
    const [role, instance] = e.agent_id.split(':');
    if (role === 'implementer' && !first.has(instance)) first.set(instance, epochMs(e.timestamp));
    if (role === 'verifier' && e.action_type === 'tool_result' && e.capability_id === 'sandbox.exec') {
      sandbox.set(instance, (sandbox.get(instance) ?? 0) + Number(e.payload.duration_ms ?? 0));
    }
    const p = e.payload as { id?: unknown; verdict?: unknown };
    if (role === 'verifier' && e.action_type === 'verification' && p.id === instance && typeof p.verdict === 'string') {
      const startMs = first.get(instance) ?? epochMs(e.timestamp);
      const endMs = epochMs(e.timestamp);
      out.push({ id: instance, verdict: p.verdict, wallMs: endMs - startMs, sandboxMs: sandbox.get(instance) ?? 0, startMs, endMs });
    }
  }
  return out;
}

export async function benchRunFix(scratch: Scratch, repo: BenchRepo, tag: string): Promise<Figure[]> {
  const fabricHome = scratch.dir(`fabric-home-${tag}`);
  const ctx = createNodeContext({ fabricHome, env: { ...cleanEnv(), FABRIC_HOME: fabricHome } });
  const started = nowMs();
  const result = await runFix(ctx, { workspace: repo.dir, goal: repo.goal, testCommand: repo.testCommand, sandbox: 'auto' }, { progress: () => undefined, signal: new AbortController().signal });
  const wallMs = nowMs() - started;
  const { events } = readEventLog(result.events_path);
  const timings = candidateTimings(events);
  const label = (s: string) => `${repo.name}: ${s}`;
  const out: Figure[] = [
    figure(SECTION, `runfix.${tag}.wall_s`, label(`runFix wall time (outcome ${result.outcome})`), wallMs / 1000, 's', {
      detail: `${result.candidates_tried} candidate(s) tried, ${result.candidates_verified} verified (passing), ${events.length} events, sandbox ${result.sandbox}`,
    }),
  ];
  if (timings.length === 0) {
    out.push(figure(SECTION, `runfix.${tag}.candidates_per_min`, label('candidates judged per minute'), Number.NaN, '/min', { detail: `no candidate was verified: ${result.reason ?? result.outcome}` }));
    return out;
  }
  const windowMs = Math.max(...timings.map((t) => t.endMs)) - Math.min(...timings.map((t) => t.startMs));
  const wall = summarize(timings.map((t) => t.wallMs));
  const sandboxShare = summarize(timings.map((t) => (t.wallMs > 0 ? t.sandboxMs / t.wallMs : 1)));
  const inRunRatio = summarize(timings.filter((t) => t.sandboxMs > 0).map((t) => t.wallMs / t.sandboxMs));
  out.push(
    figure(SECTION, `runfix.${tag}.candidates_per_min`, label('candidates judged per minute (candidate phase)'), (timings.length / windowMs) * 60_000, '/min', {
      target: { op: '>=', value: PER_MINUTE_TARGET },
      detail: `${timings.length} verdicts in ${round(windowMs / 1000)} s (${[...new Set(timings.map((t) => t.verdict))].join(', ')}); ${result.candidates_verified} passing`,
    }),
    figure(SECTION, `runfix.${tag}.candidates_per_min_end_to_end`, label('candidates per minute of the whole run'), (result.candidates_tried / wallMs) * 60_000, '/min', {
      detail: 'includes baseline, localization, compile ×2 and release',
    }),
    figure(SECTION, `runfix.${tag}.candidate_wall_ms`, label('per-candidate wall time, median'), wall.median, 'ms', {
      detail: `p95 ${round(wall.p95)} ms; workspace → verdict, 2 in parallel`,
    }),
    figure(SECTION, `runfix.${tag}.in_run_ratio`, label('per-candidate wall ÷ its sandboxed test time, median'), inRunRatio.median, '×', {
      detail: `sandboxed runs are ${Math.round(sandboxShare.median * 100)} % of a candidate's wall time (median)`,
    }),
  );
  return out;
}
