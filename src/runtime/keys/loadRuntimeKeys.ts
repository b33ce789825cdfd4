import { loadKey } from './loadKey';
import type { Ed25519Key, RuntimeKeyRole } from './types';

/** The three keys the runtime signs with. Never the operator key (see RUNTIME_KEY_ROLES). */
export function loadRuntimeKeys(fabricHome: string): Record<RuntimeKeyRole, Ed25519Key> {
  return {
    verifier: loadKey(fabricHome, 'verifier'),
    policy_engine: loadKey(fabricHome, 'policy_engine'),
    release: loadKey(fabricHome, 'release'),
  };
}
