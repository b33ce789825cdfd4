import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Mount } from './types';

/** Creates, inside the workspace, the directory or empty file each read-only mount is bound onto. */
export function createMountPoints(mounts: readonly Mount[]): void {
  for (const m of mounts) {
    if (existsSync(m.sandboxPath)) continue;
    if (statSync(m.hostPath).isDirectory()) {
      mkdirSync(m.sandboxPath, { recursive: true });
    } else {
      mkdirSync(dirname(m.sandboxPath), { recursive: true });
      writeFileSync(m.sandboxPath, '', { flag: 'wx' });
    }
  }
}
