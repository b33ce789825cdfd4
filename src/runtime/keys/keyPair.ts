import nacl from 'tweetnacl';
import { sshFingerprint } from '../util/sshWire';
import type { Ed25519Key, KeyRole } from './types';

/** Builds a role key from its 32-byte seed (what key files store). */
export function keyFromSeed(role: KeyRole, seed: Uint8Array): Ed25519Key {
  if (seed.length !== nacl.sign.seedLength) throw new RangeError(`Ed25519 seed must be ${nacl.sign.seedLength} bytes, got ${seed.length}`);
  const pair = nacl.sign.keyPair.fromSeed(seed);
  return { role, publicKey: pair.publicKey, secretKey: pair.secretKey, keyid: sshFingerprint(pair.publicKey) };
}
