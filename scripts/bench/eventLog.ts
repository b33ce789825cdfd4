/**
 * Section 2: the event log. Appends of a typical Gate `tool_call` (the event written before every
 * tool call: digests of the arguments and capability, budget use, cause = its policy decision),
 * then `verifyEventLog` over the first 10,000 of those lines.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../src/runtime/context';
import { EVENT_LOG_FILE, EventLog, verifyEventLog } from '../../src/runtime/events';
import { sha256Digest } from '../../src/runtime/util/digest';
import { figure, type Figure } from './figures';
import type { Scratch } from './fixtures';
import { nowMs, round, summarize } from './stats';

const SECTION = '2';
const APPENDS = 20_000;
const VERIFIED = 10_000;
const VERIFY_RUNS = 3;
/** ≤ 0.2 ms an event: bookkeeping stays far below one sandbox spawn (~10 ms) per tool call. */
const APPEND_TARGET_PER_S = 5_000;
/** Verifying a long run's log (10k events, ~20× the demo's) in under a second keeps `verify-bundle` and CI gates interactive. */
const VERIFY_TARGET_MS = 1_000;

export async function benchEventLog(scratch: Scratch): Promise<Figure[]> {
  const dir = scratch.dir('events');
  const log = EventLog.create(dir, { trace_id: 'a09bab12-0f14-45f4-ae4b-0d4fa334c685', session_id: 'bench-session', tenant_id: 'repo:0df26fe79ffff002' }, {
    clock: systemClock,
    defaultTaskId: 'a09bab12-0f14-45f4-ae4b-0d4fa334c685:fix',
  });
  const capabilityDigest = sha256Digest('sandbox.exec manifest');
  const argsDigests = Array.from({ length: 64 }, (_, i) => sha256Digest(`args ${i}`));
  const perAppend: number[] = [];
  const started = nowMs();
  for (let i = 0; i < APPENDS; i++) {
    const t = nowMs();
    log.append({
      agent_id: `verifier:${(0xfe727cfa14a1 + (i >> 3)).toString(16)}`,
      capability_id: 'sandbox.exec',
      action_type: 'tool_call',
      payload: { args_digest: argsDigests[i % argsDigests.length], capability_digest: capabilityDigest, budget: { used_ms: 1349 + i, limit_ms: 1_200_000 } },
      ...(i > 0 ? { cause: i - 1 } : {}),
    });
    perAppend.push(nowMs() - t);
  }
  const appendMs = nowMs() - started;
  const syncStart = nowMs();
  log.close();
  const syncMs = nowMs() - syncStart;

  const lines = readFileSync(join(dir, EVENT_LOG_FILE), 'utf8').split('\n').slice(0, VERIFIED);
  const vdir = scratch.dir('events-10k');
  writeFileSync(join(vdir, EVENT_LOG_FILE), `${lines.join('\n')}\n`);
  const verifyMs: number[] = [];
  for (let i = 0; i < VERIFY_RUNS; i++) {
    const t = nowMs();
    const v = verifyEventLog(vdir);
    verifyMs.push(nowMs() - t);
    if (!v.ok || v.count !== VERIFIED) throw new Error(`verifyEventLog failed on the benchmark log: ${JSON.stringify(v)}`);
  }
  const per = summarize(perAppend);
  const verify = summarize(verifyMs);
  return [
    figure(SECTION, 'events.appends_per_s', `EventLog.append (tool_call), ${APPENDS.toLocaleString('en-US')} appends`, (APPENDS / appendMs) * 1000, '/s', {
      target: { op: '>=', value: APPEND_TARGET_PER_S },
      detail: `${round(appendMs)} ms total; per append median ${round(per.median * 1000)} µs, p95 ${round(per.p95 * 1000)} µs`,
    }),
    figure(SECTION, 'events.close_sync_ms', 'EventLog.close (fsync) after the appends', syncMs, 'ms'),
    figure(SECTION, 'events.verify_10k_ms', `verifyEventLog, ${VERIFIED.toLocaleString('en-US')} events`, verify.median, 'ms', {
      target: { op: '<', value: VERIFY_TARGET_MS },
      detail: `median of ${VERIFY_RUNS}; ${Math.round((VERIFIED / verify.median) * 1000).toLocaleString('en-US')} events/s`,
    }),
  ];
}
