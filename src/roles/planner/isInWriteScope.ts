/**
 * Write-scope matching, shared by the Planner (building the scope), the Gate (enforcing it on every
 * file write) and the Reviewer (checking the final diff). Least privilege: an entry is either one
 * file (exact match) or a directory written with a trailing `/` (everything under it).
 */

/**
 * A repository-relative path in normal form (forward slashes, no `.` or empty segments, no trailing
 * `/`), or `undefined` if it is empty, absolute, has a drive letter or NUL, or has a `..` segment.
 */
export function normalizeRepoPath(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.includes('\u0000')) return undefined;
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return segments.join('/');
}

/** A scope entry in normal form: a file, or a directory ending with `/`; `undefined` if unusable. */
export function normalizeScopeEntry(entry: string): string | undefined {
  const p = normalizeRepoPath(entry);
  if (p === undefined) return undefined;
  return /[\\/]$/.test(entry) ? `${p}/` : p;
}

/** Whether `path` may be written under `scope` (exact file, or under a listed `dir/`). Escaping paths never are. */
export function isInWriteScope(scope: readonly string[], path: string): boolean {
  const p = normalizeRepoPath(path);
  if (p === undefined) return false;
  return scope.some((raw) => {
    const entry = normalizeScopeEntry(raw);
    if (entry === undefined) return false;
    return entry.endsWith('/') ? p.startsWith(entry) : p === entry;
  });
}
