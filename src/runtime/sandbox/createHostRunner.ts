import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertExecSpec } from './assertExecSpec';
import { findExecutable } from './findExecutable';
import { limitsPrefix } from './limitsPrefix';
import { linkDependencies } from './linkDependencies';
import { machineFingerprint } from './machineFingerprint';
import { minimalEnv } from './minimalEnv';
import { spawnTree } from './spawnTree';
import { toExecResult } from './toExecResult';
import type { ExecResult, ExecSpec, SandboxRunner } from './types';

/**
 * A runner without isolation, only with the user's consent (`--sandbox host`): same spec, same
 * clean environment (HOME is a fresh empty temp dir per run, so dotfiles with tokens are not read),
 * same limits and same tree kill through a detached process group. Read-only mounts become symlinks
 * (`linkDependencies`).
 */
export function createHostRunner(): SandboxRunner {
  const prlimit = findExecutable('prlimit');
  let facts: Promise<Record<string, string>> | undefined;
  return {
    kind: 'host',
    async run(spec: ExecSpec): Promise<ExecResult> {
      const resolved = assertExecSpec(spec);
      const command = [...limitsPrefix(resolved.limits, prlimit), ...resolved.argv];
      linkDependencies(resolved.readOnlyMounts);
      const home = mkdtempSync(join(tmpdir(), 'fabric-home-'));
      try {
        const raw = await spawnTree({
          file: command[0],
          args: command.slice(1),
          cwd: resolved.cwd,
          env: { ...minimalEnv(home), ...resolved.env },
          timeoutMs: resolved.timeoutMs,
          maxOutputBytes: resolved.maxOutputBytes,
          signal: resolved.signal,
        });
        return toExecResult(raw, 'host');
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
    fingerprint(): Promise<Record<string, string>> {
      facts ??= machineFingerprint('host');
      return facts;
    },
  };
}
