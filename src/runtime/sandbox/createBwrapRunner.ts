import { assertExecSpec } from './assertExecSpec';
import { bwrapArgs } from './bwrapArgs';
import { bwrapLayout, type BwrapLayout } from './bwrapLayout';
import { createMountPoints } from './createMountPoints';
import { ensureSandboxGone } from './ensureSandboxGone';
import { findExecutable } from './findExecutable';
import { limitsPrefix } from './limitsPrefix';
import { machineFingerprint } from './machineFingerprint';
import { minimalEnv } from './minimalEnv';
import { spawnTree } from './spawnTree';
import { toExecResult } from './toExecResult';
import type { ExecResult, ExecSpec, SandboxRunner } from './types';

/** Options of the bubblewrap runner. */
export interface BwrapRunnerOptions {
  /** The bwrap binary (default: `bwrap` found on PATH, else `/usr/bin/bwrap`). */
  bwrapPath?: string;
}

/**
 * A runner that isolates every run with bubblewrap (ARCHITECTURE §6): host root read-only, home,
 * /tmp, /run hidden, workspace the only writable host directory, no network, no capabilities, clean
 * environment, and a PID namespace so the whole tree dies with the sandbox. Works as root and, with
 * unprivileged user namespaces, as a normal user.
 */
export function createBwrapRunner(opts: BwrapRunnerOptions = {}): SandboxRunner {
  const bwrap = opts.bwrapPath ?? findExecutable('bwrap') ?? '/usr/bin/bwrap';
  const prlimit = findExecutable('prlimit');
  let layout: BwrapLayout | undefined;
  let facts: Promise<Record<string, string>> | undefined;
  return {
    kind: 'bwrap',
    async run(spec: ExecSpec): Promise<ExecResult> {
      layout ??= bwrapLayout();
      const resolved = assertExecSpec(spec, layout.hiddenDirs);
      const command = [...limitsPrefix(resolved.limits, prlimit), ...resolved.argv];
      createMountPoints(resolved.readOnlyMounts);
      const env = { ...minimalEnv(layout.home), ...resolved.env };
      const raw = await spawnTree({
        file: bwrap,
        args: bwrapArgs(resolved, env, layout, command),
        cwd: resolved.workspace,
        env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
        timeoutMs: resolved.timeoutMs,
        maxOutputBytes: resolved.maxOutputBytes,
        signal: resolved.signal,
        captureFd3: true,
      });
      await ensureSandboxGone(raw.fd3);
      return toExecResult(raw, 'bwrap');
    },
    fingerprint(): Promise<Record<string, string>> {
      facts ??= machineFingerprint('bwrap', bwrap);
      return facts;
    },
  };
}
