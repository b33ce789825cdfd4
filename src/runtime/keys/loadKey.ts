import { readFileSync, statSync } from 'node:fs';
import { FabricError } from '../errors';
import { checkKeyFile, keyFilePath, type KeyFile } from './keyFile';
import { keyFromSeed } from './keyPair';
import type { Ed25519Key, KeyRole } from './types';

/**
 * Loads and checks `<fabricHome>/keys/<role>.json`.
 * - `KEYS_MISSING` when the file does not exist (run `fabric keys init`);
 * - `KEYS_INVALID` when it is malformed (`data.errors` lists every bad field), names another
 *   role, its public key does not belong to its seed, or it is readable by group or others.
 */
export function loadKey(fabricHome: string, role: KeyRole): Ed25519Key {
  const path = keyFilePath(fabricHome, role);
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    throw new FabricError('KEYS_MISSING', `no ${role} key; run \`fabric keys init\``, { cause: e, data: { role, hint: 'fabric keys init' } });
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new FabricError('KEYS_INVALID', `${role} key file is readable by group or others; chmod 600 it`, {
      data: { role, mode: (mode & 0o777).toString(8) },
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FabricError('KEYS_INVALID', `${role} key file is not JSON`, { cause: e, data: { role } });
  }
  const errors = checkKeyFile(parsed);
  if (errors.length > 0) throw new FabricError('KEYS_INVALID', `${role} key file is malformed`, { data: { role, errors } });
  const file = parsed as KeyFile;
  if (file.role !== role) {
    throw new FabricError('KEYS_INVALID', `key file for ${role} names role ${file.role}`, { data: { role, errors: [{ path: '/role', message: `must be ${role}` }] } });
  }
  const key = keyFromSeed(role, new Uint8Array(Buffer.from(file.secret_key, 'base64')));
  if (Buffer.from(key.publicKey).toString('base64') !== file.public_key) {
    throw new FabricError('KEYS_INVALID', `${role} public key does not match its secret key`, {
      data: { role, errors: [{ path: '/public_key', message: 'does not match secret_key' }] },
    });
  }
  return key;
}
