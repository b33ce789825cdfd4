/** Workspace-relative paths for files named by test runners (absolute, `file://` or relative). */
import { posix } from 'node:path';

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Whether a runner-reported path is absolute (POSIX, Windows drive or `file://` URL). */
export function isAbsoluteFile(path: string): boolean {
  return /^(?:file:\/\/|\/|[A-Za-z]:[\\/])/.test(path);
}

/**
 * `path` relative to `root` in POSIX form; relative paths are taken as relative to the root already.
 * Null when the path lies outside the root.
 */
export function relativeFile(path: string, root: string): string | null {
  let p = toPosix(path.startsWith('file://') ? decodeURIComponent(path.slice('file://'.length)) : path);
  if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  const r = toPosix(root).replace(/\/+$/, '');
  if (!isAbsoluteFile(p)) {
    const rel = posix.normalize(p);
    return rel.startsWith('../') || rel === '..' ? null : rel.replace(/^\.\//, '');
  }
  const rel = posix.relative(r === '' ? '/' : r, p);
  return rel === '' || rel.startsWith('../') || rel === '..' || isAbsoluteFile(rel) ? null : rel;
}
