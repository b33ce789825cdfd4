import { lstatSync, mkdirSync, readdirSync, readlinkSync, rmdirSync, symlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { FabricError } from '../errors';
import type { Mount } from './types';

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The host runner's stand-in for read-only mounts: a symlink at each `sandboxPath` pointing to its
 * `hostPath` (not read-only: the host runner isolates nothing). Idempotent; an empty directory left
 * as a bwrap mount point is replaced; anything else already there is refused with
 * `SANDBOX_PATH_ESCAPE` rather than overwritten.
 */
export function linkDependencies(mounts: readonly Mount[]): void {
  for (const m of mounts) {
    const st = lstatOrUndefined(m.sandboxPath);
    if (st?.isSymbolicLink() && readlinkSync(m.sandboxPath) === m.hostPath) continue;
    if (st?.isDirectory() && readdirSync(m.sandboxPath).length === 0) {
      rmdirSync(m.sandboxPath);
    } else if (st !== undefined) {
      throw new FabricError('SANDBOX_PATH_ESCAPE', 'something else already exists where a dependency link belongs', { data: { sandboxPath: m.sandboxPath } });
    }
    mkdirSync(dirname(m.sandboxPath), { recursive: true });
    symlinkSync(m.hostPath, m.sandboxPath);
  }
}
