/**
 * Path and ref-name checks for data that comes out of a (hostile) repository or from a model.
 */

/**
 * A tree path Fabric will write or commit: relative, slash-separated, no empty, `.` or `..`
 * components, no `.git` component (in any letter case), no NUL or backslash.
 */
export function isSafeTreePath(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || /[\0\\]/.test(path) || /^[A-Za-z]:/.test(path)) return false;
  for (const part of path.split('/')) {
    if (part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git') return false;
  }
  return true;
}

/** True when any component of `path` is `node_modules` or `.git` (skipped when comparing workspaces). */
export function isSkippedWorkspacePath(path: string): boolean {
  return path.split('/').some((part) => part === 'node_modules' || part.toLowerCase() === '.git');
}

/** `git check-ref-format` rules for a full or short ref name. */
export function isValidRefName(name: string): boolean {
  if (name.length === 0 || name === '@' || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  for (const part of name.split('/')) {
    if (part.length === 0 || part.startsWith('.') || part.endsWith('.lock')) return false;
  }
  return true;
}

/** Sorts strings by UTF-16 code units (the order RFC 8785 uses), independent of locale. */
export function byPath<T extends { path: string }>(a: T, b: T): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
