/**
 * Fabric's keys in the editor's SecretStorage (behind the small {@link SecretBag} interface, so
 * this module needs no `vscode` import and is tested with an in-memory bag).
 *
 * - One secret per runtime role (`verifier`, `policy_engine`, `release`): the same JSON as a CLI key
 *   file (`KeyFile`: role, base64 seed and public key), validated with ajv on every read.
 * - The operator key, which mints approval tokens, under its own secret name. Only
 *   {@link EditorKeys.forOperator} ever reads it; the store handed to runs
 *   ({@link EditorKeys.forRuns}) refuses `operatorKey()`, so no role can mint a token.
 * - The public halves of all four (`fabric.keys.public`), from which both stores build the trust
 *   store: the Gate needs the operator's public key to check a token, never its secret.
 *
 * Keys are created on first use (all four together) and never replaced silently: a secret that
 * exists but does not parse is an error (`KEYS_INVALID`), not a reason to make a new key.
 */
import type { Clock, RandomSource } from '../runtime/context';
import { FabricError } from '../runtime/errors';
import { keyFromSeed, publicKeyInfo, trustStoreFromKeys, type Ed25519Key, type KeyRole, type KeyStore, type PublicKeyInfo, type RuntimeKeys, type TrustedKey } from '../runtime/keys';
import { checkKeyFile, type KeyFile } from '../runtime/keys/keyFile';
import { KEY_ROLES, RUNTIME_KEY_ROLES, type RuntimeKeyRole } from '../runtime/keys/types';
import { compileSchema } from '../runtime/util/schema';
import { sshFingerprint } from '../runtime/util/sshWire';

/** The part of VS Code's `SecretStorage` this needs. */
export interface SecretBag {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
}

/** Secret names. The operator key's name is deliberately not derived from the role list. */
export const SECRET_NAMES = {
  role: (role: RuntimeKeyRole): string => `fabric.keys.${role}`,
  operator: 'fabric.approval.operatorKey',
  publicKeys: 'fabric.keys.public',
} as const;

/** Shown in messages as the keys' location. */
export const SECRET_STORAGE_LOCATION = "the editor's secret storage";

interface PublicRecord {
  keys: { role: KeyRole; public_key: string }[];
}

const checkPublicRecord = compileSchema<PublicRecord>({
  type: 'object',
  additionalProperties: false,
  required: ['keys'],
  properties: {
    keys: {
      type: 'array',
      maxItems: 16,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['role', 'public_key'],
        properties: { role: { type: 'string', enum: [...KEY_ROLES] }, public_key: { type: 'string', pattern: '^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$' } },
      },
    },
  },
}).issues;

export interface EditorKeys {
  /** For runs: runtime keys and trust; `operatorKey()` always refuses. */
  readonly forRuns: KeyStore;
  /** For the operator control plane (Approve): everything, the operator key included. */
  readonly forOperator: KeyStore;
  /** Creates every missing key; returns the roles created by this call (empty once set up). */
  ensure(): Promise<KeyRole[]>;
  /** The public halves of all keys (for "Export allowed signers" and trust). */
  publicKeys(): Promise<PublicKeyInfo[]>;
}

function secretName(role: KeyRole): string {
  return role === 'operator' ? SECRET_NAMES.operator : SECRET_NAMES.role(role);
}

function parseKeyFile(role: KeyRole, text: string): Ed25519Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new FabricError('KEYS_INVALID', `the ${role} key in ${SECRET_STORAGE_LOCATION} is not JSON`, { cause: e, data: { role } });
  }
  const errors = checkKeyFile(parsed);
  if (errors.length > 0) throw new FabricError('KEYS_INVALID', `the ${role} key in ${SECRET_STORAGE_LOCATION} is malformed`, { data: { role, errors } });
  const file = parsed as KeyFile;
  if (file.role !== role) throw new FabricError('KEYS_INVALID', `the secret for the ${role} key holds a ${file.role} key`, { data: { role, errors: [{ path: '/role', message: `must be ${role}` }] } });
  const key = keyFromSeed(role, new Uint8Array(Buffer.from(file.secret_key, 'base64')));
  if (Buffer.from(key.publicKey).toString('base64') !== file.public_key) {
    throw new FabricError('KEYS_INVALID', `the ${role} public key does not match its secret key`, { data: { role, errors: [{ path: '/public_key', message: 'does not match secret_key' }] } });
  }
  return key;
}

export function secretKeyStore(secrets: SecretBag, deps: { random: RandomSource; clock: Clock }): EditorKeys {
  let ensuring: Promise<KeyRole[]> | null = null;

  const load = async (role: KeyRole): Promise<Ed25519Key | undefined> => {
    const text = await secrets.get(secretName(role));
    return text === undefined ? undefined : parseKeyFile(role, text);
  };

  const create = async (role: KeyRole): Promise<Ed25519Key> => {
    const seed = deps.random.bytes(32);
    const key = keyFromSeed(role, seed);
    const file: KeyFile = { role, algorithm: 'ed25519', public_key: Buffer.from(key.publicKey).toString('base64'), secret_key: Buffer.from(seed).toString('base64'), created_at: deps.clock.now().toISOString() };
    await secrets.store(secretName(role), `${JSON.stringify(file)}\n`);
    return key;
  };

  const readPublic = async (): Promise<PublicRecord | undefined> => {
    const text = await secrets.get(SECRET_NAMES.publicKeys);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new FabricError('KEYS_INVALID', `the public keys in ${SECRET_STORAGE_LOCATION} are not JSON`, { cause: e });
    }
    const errors = checkPublicRecord(parsed);
    if (errors.length > 0) throw new FabricError('KEYS_INVALID', `the public keys in ${SECRET_STORAGE_LOCATION} are malformed`, { data: { errors } });
    return parsed as PublicRecord;
  };

  const doEnsure = async (): Promise<KeyRole[]> => {
    const created: KeyRole[] = [];
    const keys: Ed25519Key[] = [];
    for (const role of KEY_ROLES) {
      const existing = await load(role);
      if (existing) keys.push(existing);
      else {
        keys.push(await create(role));
        created.push(role);
      }
    }
    const record: PublicRecord = { keys: keys.map((k) => ({ role: k.role, public_key: Buffer.from(k.publicKey).toString('base64') })) };
    const current = await readPublic().catch(() => undefined);
    if (created.length > 0 || JSON.stringify(current) !== JSON.stringify(record)) await secrets.store(SECRET_NAMES.publicKeys, `${JSON.stringify(record)}\n`);
    return created;
  };

  /** One creation at a time, even when a run and an approval ask at once. */
  const ensure = (): Promise<KeyRole[]> => {
    const next = (ensuring ?? Promise.resolve([] as KeyRole[])).catch(() => [] as KeyRole[]).then(doEnsure);
    ensuring = next;
    return next;
  };

  const trusted = async (): Promise<TrustedKey[]> => {
    const record = await readPublic();
    if (!record || record.keys.length === 0) throw new FabricError('KEYS_MISSING', `no Fabric keys in ${SECRET_STORAGE_LOCATION} yet; they are created by the first run`, { data: { hint: 'Fabric: Explore fix' } });
    return record.keys.map((k) => {
      const publicKey = new Uint8Array(Buffer.from(k.public_key, 'base64'));
      return { role: k.role, publicKey, keyid: sshFingerprint(publicKey) };
    });
  };

  const runtimeKeys = async (): Promise<RuntimeKeys> => {
    const created = await ensure();
    const keys = {} as Record<RuntimeKeyRole, Ed25519Key>;
    for (const role of RUNTIME_KEY_ROLES) {
      const key = await load(role);
      if (!key) throw new FabricError('KEYS_MISSING', `the ${role} key disappeared from ${SECRET_STORAGE_LOCATION}`, { data: { role } });
      keys[role] = key;
    }
    return { keys, created };
  };

  const trustStore = async () => trustStoreFromKeys(await trusted());

  const forRuns: KeyStore = {
    location: SECRET_STORAGE_LOCATION,
    runtimeKeys,
    async operatorKey() {
      throw new FabricError('APPROVAL_NOT_INTERACTIVE', 'a run never holds the operator key: approvals are minted only by the person at the editor');
    },
    trustStore,
  };

  const forOperator: KeyStore = {
    location: SECRET_STORAGE_LOCATION,
    runtimeKeys,
    async operatorKey() {
      await ensure();
      const key = await load('operator');
      if (!key) throw new FabricError('KEYS_MISSING', `the operator key disappeared from ${SECRET_STORAGE_LOCATION}`, { data: { role: 'operator' } });
      return key;
    },
    trustStore,
  };

  return {
    forRuns,
    forOperator,
    ensure,
    async publicKeys() {
      return (await trusted()).map((k) => publicKeyInfo(k));
    },
  };
}
