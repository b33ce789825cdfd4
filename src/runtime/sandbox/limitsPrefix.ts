import { FabricError } from '../errors';
import type { ExecLimits } from './types';

/**
 * The `prlimit … --` prefix that applies `limits` to the command (util-linux `prlimit` execs the
 * command with the limits set, inside the sandbox, so they cover the whole tree it starts).
 * Empty when there are no limits.
 *
 * Root ignores RLIMIT_NPROC (`pids`): for root a pids cgroup is needed as well; that comes later,
 * until then `pids` only binds non-root users. The CPU hard limit is one second above the soft one
 * so the process gets SIGXCPU (reported as a `cpu` breach) rather than an anonymous SIGKILL.
 */
export function limitsPrefix(limits: ExecLimits, prlimitPath: string | undefined): string[] {
  const flags: string[] = [];
  if (limits.pids !== undefined) flags.push(`--nproc=${limits.pids}`);
  if (limits.fileSizeBytes !== undefined) flags.push(`--fsize=${limits.fileSizeBytes}`);
  if (limits.openFiles !== undefined) flags.push(`--nofile=${limits.openFiles}`);
  if (limits.cpuSeconds !== undefined) flags.push(`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`);
  if (flags.length === 0) return [];
  if (prlimitPath === undefined) {
    throw new FabricError('SANDBOX_UNAVAILABLE', 'process limits need prlimit (util-linux), which was not found', { data: { limits } });
  }
  return [prlimitPath, ...flags, '--'];
}
