/** Deterministic clock and randomness for key, evidence and approval tests (shared by those folders). */
import { createHash } from 'node:crypto';
import type { Clock, RandomSource } from '../../../src/runtime/context';
import { keyFromSeed } from '../../../src/runtime/keys/keyPair';
import type { Ed25519Key, KeyRole } from '../../../src/runtime/keys/types';

/** Bytes from sha256(seed ‖ counter): reproducible, distinct per seed. */
export function seededRandom(seed: string): RandomSource {
  let counter = 0;
  const next = (): Buffer => createHash('sha256').update(`${seed}:${counter++}`).digest();
  return {
    bytes: (n) => {
      const chunks: Buffer[] = [];
      let have = 0;
      while (have < n) {
        const c = next();
        chunks.push(c);
        have += c.length;
      }
      return new Uint8Array(Buffer.concat(chunks).subarray(0, n));
    },
    uuid: () => {
      const h = next().toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}

/** A clock that stays where it is put. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  monotonicMs(): number {
    return this.current.getTime();
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** A role key from a name-derived seed (no files). */
export function testKey(role: KeyRole, name: string = role): Ed25519Key {
  return keyFromSeed(role, createHash('sha256').update(`fabric-test-key:${name}`).digest());
}
