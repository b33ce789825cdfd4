import { readFileSync, readlinkSync } from 'node:fs';

interface BwrapInfo {
  pid: number;
  pidNamespace: string;
}

function parseInfo(text: string): BwrapInfo | undefined {
  try {
    const info = JSON.parse(text) as Record<string, unknown>;
    const pid = info['child-pid'];
    const ns = info['pid-namespace'];
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 1 || typeof ns !== 'number') return undefined;
    return { pid, pidNamespace: `pid:[${ns}]` };
  } catch {
    return undefined;
  }
}

/** True while `info.pid` is still the (non-zombie) PID 1 of that sandbox's PID namespace. */
function stillRunning(info: BwrapInfo): boolean {
  try {
    if (readlinkSync(`/proc/${info.pid}/ns/pid`) !== info.pidNamespace) return false; // pid gone or reused
    const stat = readFileSync(`/proc/${info.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After bwrap itself has exited, makes sure the sandbox's PID 1 (from `--info-fd`) is gone too:
 * with `--unshare-pid` everything inside dies with it. `--die-with-parent` already SIGKILLs it when
 * bwrap dies, but asynchronously; this closes that window so a returned run never leaves processes
 * behind. The PID is only signalled while it still belongs to the sandbox's PID namespace.
 */
export async function ensureSandboxGone(infoText: string, maxWaitMs = 5000): Promise<void> {
  const info = parseInfo(infoText);
  if (info === undefined || !stillRunning(info)) return;
  try {
    process.kill(info.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  for (let waited = 0; waited < maxWaitMs && stillRunning(info); waited += 10) await sleep(10);
}
