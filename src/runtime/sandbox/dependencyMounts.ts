import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { Mount } from './types';

/**
 * Installed dependencies that git ignores (and so are missing from a fresh workspace), made visible
 * read-only instead of copied: the repo's top-level `node_modules`, if it is a real directory (a
 * symlink could point anywhere), at `<workspace>/node_modules`.
 */
export function dependencyMounts(repoDir: string, workspace: string): Mount[] {
  const hostPath = join(repoDir, 'node_modules');
  try {
    if (!lstatSync(hostPath).isDirectory()) return [];
  } catch {
    return [];
  }
  return [{ hostPath, sandboxPath: join(workspace, 'node_modules') }];
}
