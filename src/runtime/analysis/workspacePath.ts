/**
 * Maps an absolute path, a `file://` URL or a workspace-relative path to a workspace-relative posix
 * path; null when it is outside the workspace, under node_modules, or a Node internal.
 */
import { posix, win32 } from 'node:path';
import { fileURLToPath } from 'node:url';

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

function isAbsoluteAny(p: string): boolean {
  return posix.isAbsolute(p) || win32.isAbsolute(p);
}

export function workspaceRelative(location: string, workspaceRoot: string): string | null {
  if (location.startsWith('node:') || location.startsWith('internal/')) return null;
  let path = location;
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path);
    } catch {
      return null;
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    return null;
  }
  const root = toPosix(workspaceRoot).replace(/\/+$/, '');
  path = toPosix(path);
  let rel: string;
  if (isAbsoluteAny(path)) {
    if (!path.startsWith(root + '/')) return null;
    rel = path.slice(root.length + 1);
  } else {
    rel = path;
  }
  rel = posix.normalize(rel);
  if (rel.startsWith('../') || rel === '..' || rel === '.' || posix.isAbsolute(rel)) return null;
  if (rel.split('/').includes('node_modules')) return null;
  return rel;
}
