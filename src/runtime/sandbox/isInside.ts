import { isAbsolute, relative, sep } from 'node:path';

/** True when `child` is `parent` or lies below it (lexically; resolve symlinks first if that matters). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
