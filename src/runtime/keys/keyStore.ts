/**
 * Where role keys live, behind one interface: files under `$FABRIC_HOME` for the CLI
 * (`fileKeyStore`), the editor's SecretStorage for the extension. The runtime roles ask only for
 * `runtimeKeys()`; the operator key (which mints approval tokens) is asked for only by the
 * operator control plane (`fabric approve`, the panel's Approve button).
 */
import type { Clock, RandomSource, RuntimeContext } from '../context';
import { isFabricError } from '../errors';
import { initKeys } from './initKeys';
import { loadKey } from './loadKey';
import { loadRuntimeKeys } from './loadRuntimeKeys';
import { loadTrustStore } from './loadTrustStore';
import type { TrustStore } from './trustStore';
import type { Ed25519Key, KeyRole, RuntimeKeyRole } from './types';

export interface RuntimeKeys {
  keys: Record<RuntimeKeyRole, Ed25519Key>;
  /** Roles whose keys were created by this call (first use). */
  created: KeyRole[];
}

export interface KeyStore {
  /** Where the keys are, for messages (a folder, or "the editor's secret storage"). */
  readonly location: string;
  /** The verifier, policy-engine and release keys; creates every role's key on first use. */
  runtimeKeys(): Promise<RuntimeKeys>;
  /** The operator key: only for minting human approval tokens. */
  operatorKey(): Promise<Ed25519Key>;
  /** The public keys trusted to verify bundles, commits and approval tokens. */
  trustStore(): Promise<TrustStore>;
}

/** Keys as files under `fabricHome/keys/` (mode 0600), trust from `trusted_keys.json` or the own keys. */
export function fileKeyStore(fabricHome: string, deps: { random: RandomSource; clock: Clock }): KeyStore {
  return {
    location: fabricHome,
    async runtimeKeys() {
      try {
        return { keys: loadRuntimeKeys(fabricHome), created: [] };
      } catch (e) {
        if (!isFabricError(e, 'KEYS_MISSING')) throw e;
        const { created } = initKeys(fabricHome, { random: deps.random, clock: deps.clock });
        return { keys: loadRuntimeKeys(fabricHome), created };
      }
    },
    async operatorKey() {
      return loadKey(fabricHome, 'operator');
    },
    async trustStore() {
      return loadTrustStore(fabricHome);
    },
  };
}

/** The context's key store: its own (the editor's), or files under its `fabricHome` (the CLI). */
export function keyStoreOf(ctx: RuntimeContext): KeyStore {
  return ctx.keyStore ?? fileKeyStore(ctx.fabricHome, ctx);
}
