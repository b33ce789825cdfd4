import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { isInside } from './isInside';

/** What the bwrap sandbox hides from the host and what it shows again. */
export interface BwrapLayout {
  /** Existing host directories covered by an empty tmpfs (outermost only, canonical). */
  hiddenDirs: string[];
  /** Host directories bound back read-only after hiding (the running Node's installation, if it lives in a hidden dir). */
  reexposed: string[];
  /** HOME inside the sandbox: the user's real home path, now an empty tmpfs (or /tmp if it has none). */
  home: string;
}

function realDir(path: string): string | undefined {
  try {
    if (!lstatSync(path).isDirectory()) return undefined; // skip symlinks such as /var/run -> /run
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The host facts the bwrap argv depends on: /tmp, /run, /var/tmp, /var/run (when it is a real
 * directory: docker.sock lives there and network namespaces do not cover Unix sockets), the user's
 * home and /root are hidden.
 */
export function bwrapLayout(): BwrapLayout {
  const home = homedir();
  const candidates = ['/tmp', '/run', '/var/tmp', '/var/run', home, '/root']
    .map(realDir)
    .filter((d): d is string => d !== undefined && d !== '/')
    .sort((a, b) => a.length - b.length);
  const hiddenDirs: string[] = [];
  for (const d of candidates) if (!hiddenDirs.some((h) => isInside(h, d))) hiddenDirs.push(d);
  const nodeBin = dirname(realpathSync(process.execPath));
  const nodePrefix = dirname(nodeBin);
  const reexposed = hiddenDirs.some((h) => isInside(h, nodeBin)) ? [nodePrefix] : [];
  const homeReal = realDir(home);
  return { hiddenDirs, reexposed, home: homeReal !== undefined && existsSync(homeReal) ? homeReal : '/tmp' };
}
