import { chmodSync, closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * Writes `text` to `path` readable by the owner only (0600), atomically: a temp file named with
 * `tmpSuffix` is written, fsynced and renamed over `path`, so a crash never leaves half a key or token.
 */
export function writePrivateFile(path: string, text: string, tmpSuffix: string): void {
  const tmp = `${path}.${tmpSuffix}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
