/**
 * The folder Fabric is installed in (holding `policies/`), found from this file's location so it
 * works the same from the bundled CLI (`dist/`), the extension and the TypeScript sources in tests.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FabricError } from '../errors';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'policies', 'default.cedar')) && existsSync(join(dir, 'package.json'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new FabricError('CONFIG_INVALID', 'cannot find Fabric\'s policies/ folder next to its code; the installation is incomplete');
    dir = parent;
  }
}

export function policiesDir(): string {
  return join(packageRoot(), 'policies');
}
