// Ending what we started, and nothing else: a process, its process group and every descendant
// (found through /proc, so children that left the group are ended too).
import { readdirSync, readFileSync } from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Parent pid and process group of a live process, or null when it is gone. */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return null;
    return { ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return null;
  }
}

/** The pid, every process in its group, and all their descendants. */
export function processFamily(rootPid) {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = procStat(Number(name));
    if (s) table.set(Number(name), s);
  }
  const family = new Set([rootPid]);
  for (const [pid, s] of table) if (s.pgid === rootPid) family.add(pid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of table) {
      if (!family.has(pid) && family.has(s.ppid)) {
        family.add(pid);
        grew = true;
      }
    }
  }
  return [...family].filter((pid) => table.has(pid));
}

const signal = (pid, sig) => {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
};

/** SIGTERM to the whole family, then SIGKILL to whatever is still alive after `graceMs`. */
export async function killFamily(rootPid, { graceMs = 3000 } = {}) {
  let family = processFamily(rootPid);
  if (family.length === 0) return;
  signal(-rootPid, 'SIGTERM');
  for (const pid of family) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    family = family.filter((pid) => procStat(pid) !== null);
    if (family.length === 0) return;
    await sleep(100);
  }
  // Anything forked meanwhile belongs to the family too.
  const rest = new Set([...family, ...processFamily(rootPid)]);
  signal(-rootPid, 'SIGKILL');
  for (const pid of rest) signal(pid, 'SIGKILL');
}
