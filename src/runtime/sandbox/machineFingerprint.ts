import { release, tmpdir, type as osType } from 'node:os';
import { spawnTree } from './spawnTree';
import type { SandboxKind } from './types';

/** `bwrap --version` (e.g. `bubblewrap 0.8.0`), or `unavailable`. */
async function bwrapVersion(bwrapPath: string): Promise<string> {
  try {
    const r = await spawnTree({ file: bwrapPath, args: ['--version'], cwd: tmpdir(), env: { PATH: '/usr/bin:/bin' }, timeoutMs: 10_000, maxOutputBytes: 4096 });
    const text = r.stdout.trim();
    return r.exitCode === 0 && text.length > 0 ? text : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** Facts about this machine that explain a result; the same on every call on one machine. */
export async function machineFingerprint(kind: SandboxKind, bwrapPath?: string): Promise<Record<string, string>> {
  const facts: Record<string, string> = {
    sandbox: kind,
    os: osType(),
    kernelRelease: release(),
    arch: process.arch,
    node: process.version,
  };
  if (bwrapPath !== undefined) facts.bwrap = await bwrapVersion(bwrapPath);
  return facts;
}
