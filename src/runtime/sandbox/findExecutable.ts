import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * Absolute path of `name` on `searchPath` (default: this process's PATH plus the system
 * directories), or undefined. Only locates a binary; nothing is executed.
 */
export function findExecutable(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  const candidates = isAbsolute(name)
    ? [name]
    : [...searchPath.split(delimiter), '/usr/local/bin', '/usr/bin', '/bin'].filter((d) => isAbsolute(d)).map((d) => join(d, name));
  for (const c of candidates) {
    try {
      if (!statSync(c).isFile()) continue;
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}
