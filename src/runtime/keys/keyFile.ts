/** The on-disk form of a role key: `<fabricHome>/keys/<role>.json`, mode 0600, in a 0700 folder. */
import { join } from 'node:path';
import { compileSchema } from '../util/schema';
import { KEY_ROLES, type KeyRole } from './types';

export interface KeyFile {
  /** The role the key signs for; must match the file name. */
  role: KeyRole;
  /** Always `ed25519`. */
  algorithm: 'ed25519';
  /** base64 of the 32-byte public key. */
  public_key: string;
  /** base64 of the 32-byte seed. */
  secret_key: string;
  /** ISO-8601 creation time. */
  created_at: string;
}

const BASE64_32 = '^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$';

export const keyFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'algorithm', 'public_key', 'secret_key', 'created_at'],
  properties: {
    role: { type: 'string', enum: [...KEY_ROLES] },
    algorithm: { const: 'ed25519' },
    public_key: { type: 'string', pattern: BASE64_32 },
    secret_key: { type: 'string', pattern: BASE64_32 },
    created_at: { type: 'string', format: 'date-time' },
  },
};

export const checkKeyFile = compileSchema<KeyFile>(keyFileSchema).issues;

export function keysDir(fabricHome: string): string {
  return join(fabricHome, 'keys');
}

export function keyFilePath(fabricHome: string, role: KeyRole): string {
  return join(keysDir(fabricHome), `${role}.json`);
}

export function trustFilePath(fabricHome: string): string {
  return join(fabricHome, 'trusted_keys.json');
}
