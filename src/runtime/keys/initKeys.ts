import { writePrivateFile } from '../util/writePrivateFile';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { systemClock, type Clock, type RandomSource } from '../context';
import { keyFilePath, keysDir, type KeyFile } from './keyFile';
import { keyFromSeed } from './keyPair';
import { KEY_ROLES, type KeyRole } from './types';

export interface InitKeysOptions {
  /** Source of the 32-byte seeds (never `Math.random`). */
  random: RandomSource;
  /** Replace keys that already exist (default false: existing keys are kept). */
  force?: boolean;
  /** Stamps `created_at` (default: the system clock). */
  clock?: Clock;
  /** Which roles to create (default: all four, `operator` included, for `fabric approve` on this machine). */
  roles?: readonly KeyRole[];
}

export interface InitKeysResult {
  /** Roles whose key file was written by this call. */
  created: KeyRole[];
  /** Roles whose key file already existed and was kept. */
  existing: KeyRole[];
}

/**
 * Creates one key file per role under `<fabricHome>/keys/` (folder 0700, files 0600). Each file is
 * written to a temp name with O_EXCL and renamed into place, so a reader never sees half a key.
 */
export function initKeys(fabricHome: string, opts: InitKeysOptions): InitKeysResult {
  const clock = opts.clock ?? systemClock;
  const dir = keysDir(fabricHome);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const result: InitKeysResult = { created: [], existing: [] };
  for (const role of opts.roles ?? KEY_ROLES) {
    const path = keyFilePath(fabricHome, role);
    if (existsSync(path) && opts.force !== true) {
      result.existing.push(role);
      continue;
    }
    const seed = opts.random.bytes(32);
    const key = keyFromSeed(role, seed);
    const file: KeyFile = {
      role,
      algorithm: 'ed25519',
      public_key: Buffer.from(key.publicKey).toString('base64'),
      secret_key: Buffer.from(seed).toString('base64'),
      created_at: clock.now().toISOString(),
    };
    writeKeyFile(path, `${JSON.stringify(file, null, 2)}\n`, opts.random);
    result.created.push(role);
  }
  return result;
}

function writeKeyFile(path: string, text: string, random: RandomSource): void {
  writePrivateFile(path, text, Buffer.from(random.bytes(6)).toString('hex'));
}
