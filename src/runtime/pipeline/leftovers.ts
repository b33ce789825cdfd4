/**
 * What a killed run leaves behind, and how the next run cleans it up: each run's workspace root
 * (`<tmp>/fabric-<trace8>-…`) holds an `owner.json` with the process id; a root whose process is
 * gone is removed. A trace folder without `result.json` whose owner process is gone is an interrupted run: it is reported
 * (its event log's complete prefix still verifies) and marked so it is reported only once.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyEventLog } from '../events';
import { tracesRoot } from './tracePaths';

const OWNER_FILE = 'owner.json';
const INTERRUPTED_FILE = 'interrupted.json';
const ROOT_PATTERN = /^fabric-[0-9a-f]{8}-/;

export function writeOwner(root: string, traceId: string): void {
  writeFileSync(join(root, OWNER_FILE), JSON.stringify({ pid: process.pid, trace_id: traceId }) + '\n');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that owns `dir` (its owner.json) is still running; a folder without one is not claimed. */
function ownerAlive(dir: string): boolean {
  try {
    const { pid } = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as { pid: number };
    return Number.isInteger(pid) && isAlive(pid);
  } catch {
    return false;
  }
}

/** Removes workspace roots of runs whose process no longer exists; returns the removed folder names. */
export function sweepStaleWorkspaces(dir: string = tmpdir()): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!ROOT_PATTERN.test(name)) continue;
    const owner = join(dir, name, OWNER_FILE);
    if (!existsSync(owner)) continue; // not ours, or still being created
    if (!ownerAlive(join(dir, name))) {
      rmSync(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

export interface InterruptedTrace {
  trace_id: string;
  /** Events of the log's complete prefix (a torn last line is not counted). */
  events: number;
  /** Whether that prefix verifies. */
  intact: boolean;
}

/** Traces of this repository that never finished (no result.json), each reported once. */
export function findInterruptedTraces(repoDir: string, exceptTraceId?: string): InterruptedTrace[] {
  const root = tracesRoot(repoDir);
  if (!existsSync(root)) return [];
  const found: InterruptedTrace[] = [];
  for (const traceId of readdirSync(root)) {
    const dir = join(root, traceId);
    if (traceId === exceptTraceId || existsSync(join(dir, 'result.json')) || existsSync(join(dir, INTERRUPTED_FILE))) continue;
    if (!existsSync(join(dir, 'agent_events.jsonl')) || ownerAlive(dir)) continue;
    const v = verifyEventLog(dir);
    const intact = v.ok || v.error.code === 'EVENTS_TORN_LINE';
    const record = { trace_id: traceId, events: v.count, intact };
    writeFileSync(join(dir, INTERRUPTED_FILE), JSON.stringify(record) + '\n');
    found.push(record);
  }
  return found;
}
