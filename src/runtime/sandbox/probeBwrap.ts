import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBwrapRunner } from './createBwrapRunner';

/** Outcome of running `true` inside bubblewrap. */
export type BwrapProbe = { ok: true } | { ok: false; detail: string };

/** One probe per bwrap binary for the life of the process (the answer does not change while we run). */
const probes = new Map<string, Promise<BwrapProbe>>();

async function probeOnce(bwrapPath: string | undefined): Promise<BwrapProbe> {
  const workspace = mkdtempSync(join(tmpdir(), 'fabric-probe-'));
  try {
    const runner = createBwrapRunner(bwrapPath === undefined ? {} : { bwrapPath });
    const r = await runner.run({ argv: ['true'], cwd: workspace, workspace, timeoutMs: 15_000 });
    return r.exitCode === 0 ? { ok: true } : { ok: false, detail: `exit ${String(r.exitCode ?? r.signal)}: ${r.stderr.trim()}` };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

/** Whether bubblewrap works here: runs `true` inside it once and caches the answer. */
export function probeBwrap(bwrapPath?: string): Promise<BwrapProbe> {
  const key = bwrapPath ?? '';
  let probe = probes.get(key);
  if (probe === undefined) {
    probe = probeOnce(bwrapPath);
    probes.set(key, probe);
  }
  return probe;
}
