/** Helpers to prove a run leaves no processes behind: scan the host's /proc for a marker in argv. */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** PIDs (host view) whose command line contains `marker`, excluding zombies and this process. */
export function pidsWithMarker(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(marker)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      found.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** A `sleep` duration unique to this test (GNU sleep takes fractions), so the sleepers carry a marker in argv. */
export function uniqueSleep(): string {
  return `3000.${BigInt(`0x${randomBytes(6).toString('hex')}`).toString().padStart(15, '0')}1`;
}

/** Polls until at least `count` processes carry `marker` (the tree really started), or fails after `maxMs`. */
export async function waitForMarker(marker: string, count: number, maxMs = 30_000): Promise<number> {
  for (let waited = 0; waited < maxMs; waited += 25) {
    const n = pidsWithMarker(marker).length;
    if (n >= count) return n;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`processes with marker ${marker} never appeared`);
}

/** A command tree of a shell and two background sleepers, all carrying `marker`; it waits forever. */
export function sleeperTree(marker: string): string[] {
  return ['sh', '-c', `sleep ${marker} & sleep ${marker} & wait`, marker];
}
