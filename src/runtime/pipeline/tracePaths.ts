/**
 * Where a trace lives: `<repo>/.fabric/traces/<trace_id>/`. The `.fabric/` folder carries its own
 * `.gitignore` (`*`), so traces never show up as changes in the user's working tree.
 */
import { lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FabricError } from '../errors';
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

/**
 * Creates `.fabric/` with a self-ignoring `.gitignore` (nothing else in the repo is touched). The
 * repository is untrusted: a `.fabric` or `.fabric/traces` that is a symlink (or not a folder)
 * would send Fabric's writes outside the repo, so it is refused (`CONFIG_INVALID`), and the
 * `.gitignore` is only ever created new, never written through an existing (even dangling) link.
 */
export function ensureFabricDir(repoDir: string): void {
  const root = join(repoDir, '.fabric');
  realFolder(root, '.fabric');
  realFolder(tracesRoot(repoDir), '.fabric/traces');
  try {
    writeFileSync(join(root, '.gitignore'), '# Fabric traces: local evidence, never part of your changes.\n*\n', { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/** Makes `path` a folder of its own, or checks that it already is one (not a symlink, not a file). */
function realFolder(path: string, name: string): void {
  try {
    mkdirSync(path); // never follows a link; EEXIST when something is there already (or a parallel run made it)
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const stat = lstatSync(path);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new FabricError('CONFIG_INVALID', `${name} in the repository is ${stat.isSymbolicLink() ? 'a symlink' : 'not a folder'}; Fabric keeps its traces there and will not follow or replace it`, {
      data: { path: name },
    });
  }
}
