import { existsSync, readFileSync, statSync } from 'node:fs';
import { FabricError } from '../errors';
import { compileSchema, type SchemaIssue } from '../util/schema';
import { parseSshEd25519PublicKeyLine, sshFingerprint } from '../util/sshWire';
import { keyFilePath, trustFilePath } from './keyFile';
import { loadKey } from './loadKey';
import { trustStoreFromKeys, type TrustedKey, type TrustStore } from './trustStore';
import { KEY_ROLES, type KeyRole } from './types';

/** `<fabricHome>/trusted_keys.json`: the keys a verifier (e.g. CI) trusts, without any secret. */
export interface TrustFile {
  /** Each trusted key and the one role it may sign for. */
  keys: { role: KeyRole; openssh: string }[];
}

const checkTrustFile = compileSchema<TrustFile>({
  type: 'object',
  additionalProperties: false,
  required: ['keys'],
  properties: {
    keys: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'openssh'],
        properties: { role: { type: 'string', enum: [...KEY_ROLES] }, openssh: { type: 'string', pattern: '^ssh-ed25519 ' } },
      },
    },
  },
}).issues;

/**
 * The trust store a verifier uses: `trusted_keys.json` when it exists (validated; `KEYS_INVALID`
 * with every bad path, or when group or others may write it), otherwise the public halves of the local role keys that exist
 * (`KEYS_MISSING` when there are none).
 */
export function loadTrustStore(fabricHome: string): TrustStore {
  const path = trustFilePath(fabricHome);
  if (existsSync(path)) return trustStoreFromKeys(readTrustFile(path));
  const local: TrustedKey[] = [];
  for (const role of KEY_ROLES) {
    if (!existsSync(keyFilePath(fabricHome, role))) continue;
    const key = loadKey(fabricHome, role);
    local.push({ role, publicKey: key.publicKey, keyid: key.keyid });
  }
  if (local.length === 0) {
    throw new FabricError('KEYS_MISSING', 'no trusted_keys.json and no local keys; run `fabric keys init`', { data: { hint: 'fabric keys init' } });
  }
  return trustStoreFromKeys(local);
}

function readTrustFile(path: string): TrustedKey[] {
  const mode = statSync(path).mode;
  if (process.platform !== 'win32' && (mode & 0o022) !== 0) {
    throw new FabricError('KEYS_INVALID', 'trusted_keys.json is writable by group or others; chmod 644 it', { data: { mode: (mode & 0o777).toString(8) } });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FabricError('KEYS_INVALID', 'trusted_keys.json is not JSON', { cause: e });
  }
  const errors: SchemaIssue[] = checkTrustFile(parsed);
  if (errors.length > 0) throw new FabricError('KEYS_INVALID', 'trusted_keys.json is malformed', { data: { errors } });
  const keys: TrustedKey[] = [];
  (parsed as TrustFile).keys.forEach((entry, i) => {
    const key = parseSshEd25519PublicKeyLine(entry.openssh);
    if (!key) errors.push({ path: `/keys/${i}/openssh`, message: 'not an ssh-ed25519 public key' });
    else keys.push({ role: entry.role, publicKey: key.publicKey, keyid: sshFingerprint(key.publicKey) });
  });
  if (errors.length > 0) throw new FabricError('KEYS_INVALID', 'trusted_keys.json is malformed', { data: { errors } });
  return keys;
}
