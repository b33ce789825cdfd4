import { constants } from 'node:os';
import { FabricError } from '../errors';
import type { TreeSpawnResult } from './spawnTree';
import type { ExecResult, LimitBreach, SandboxKind } from './types';

/** Name of a signal number, e.g. 9 → SIGKILL. */
function signalName(n: number): string | null {
  const entry = Object.entries(constants.signals).find(([, v]) => v === n);
  return entry ? entry[0] : null;
}

function breach(r: { timedOut: boolean; signal: string | null; truncated: boolean }): LimitBreach | null {
  if (r.timedOut) return 'timeout';
  if (r.signal === 'SIGXCPU') return 'cpu';
  if (r.truncated) return 'output';
  return null;
}

/**
 * Turns a raw spawn into an `ExecResult`. bwrap reports a command killed by signal N as exit code
 * 128+N; for `bwrap` that is decoded back into `signal` (a command that deliberately exits with
 * such a code is reported as killed by that signal, as shells do).
 */
export function toExecResult(raw: TreeSpawnResult, kind: SandboxKind): ExecResult {
  let { exitCode, signal } = raw;
  switch (kind) {
    case 'bwrap': {
      const decoded = exitCode !== null && exitCode > 128 ? signalName(exitCode - 128) : null;
      if (signal === null && decoded !== null) {
        signal = decoded;
        exitCode = null;
      }
      if (exitCode === 1 && !raw.timedOut && !raw.cancelled && /^bwrap: /.test(raw.stderr)) {
        throw new FabricError('SANDBOX_SPAWN_FAILED', 'bubblewrap could not start the command', { data: { stderr: raw.stderr.slice(0, 2000) } });
      }
      break;
    }
    case 'host':
      break;
    default: {
      const never: never = kind;
      throw new FabricError('INTERNAL', `unknown sandbox kind ${String(never)}`);
    }
  }
  const result = { exitCode, signal, truncated: raw.truncated, timedOut: raw.timedOut };
  return {
    ...result,
    stdout: raw.stdout,
    stderr: raw.stderr,
    cancelled: raw.cancelled,
    durationMs: raw.durationMs,
    limitBreached: breach(result),
    sandbox: kind,
  };
}
