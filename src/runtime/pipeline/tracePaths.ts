/**
 * Where a trace lives: `<repo>/.fabric/traces/<trace_id>/`. The `.fabric/` folder carries its own
 * `.gitignore` (`*`), so traces never show up as changes in the user's working tree.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_LOG_FILE } from '../events';

export interface TracePaths {
  /** The trace folder (also the event log's folder: `agent_events.jsonl` and `blobs/`). */
  dir: string;
  events: string;
  bundle: string;
  dsse: string;
  plan: string;
  result: string;
  /** The repo-relative path of the event log, recorded in the bundle as `trace_ref`. */
  traceRef: string;
}

export function tracesRoot(repoDir: string): string {
  return join(repoDir, '.fabric', 'traces');
}

export function tracePaths(repoDir: string, traceId: string): TracePaths {
  const dir = join(tracesRoot(repoDir), traceId);
  return {
    dir,
    events: join(dir, EVENT_LOG_FILE),
    bundle: join(dir, 'evidence.json'),
    dsse: join(dir, 'evidence.dsse.json'),
    plan: join(dir, 'plan.json'),
    result: join(dir, 'result.json'),
    traceRef: `.fabric/traces/${traceId}/${EVENT_LOG_FILE}`,
  };
}

/** Creates `.fabric/` with a self-ignoring `.gitignore` (nothing else in the repo is touched). */
export function ensureFabricDir(repoDir: string): void {
  const root = join(repoDir, '.fabric');
  mkdirSync(root, { recursive: true });
  const ignore = join(root, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# Fabric traces: local evidence, never part of your changes.\n*\n');
}
