/**
 * RuntimeContext: the side effects the runtime may use, injected as one object (STYLE §2).
 * Only `createNodeContext` touches the real clock, randomness and environment; tests build their
 * own with fixed clocks and seeded randomness.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KeyStore } from './keys/keyStore';

export interface Clock {
  /** Wall-clock time (for timestamps). */
  now(): Date;
  /** Monotonic milliseconds (for durations and budgets). */
  monotonicMs(): number;
}

export interface RandomSource {
  bytes(n: number): Uint8Array;
  uuid(): string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, data?: Record<string, unknown>): void;
}

export interface RuntimeContext {
  clock: Clock;
  random: RandomSource;
  logger: Logger;
  /** Where keys, trust files and the approval nonce ledger live (`$FABRIC_HOME`, default ~/.config/fabric). */
  fabricHome: string;
  /** The environment of the Fabric process itself. Never handed to sandboxed processes. */
  env: Readonly<Record<string, string | undefined>>;
  /** Where role keys live; files under `fabricHome` when absent (the CLI). The editor passes SecretStorage. */
  keyStore?: KeyStore;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

export const cryptoRandom: RandomSource = {
  bytes: (n) => new Uint8Array(randomBytes(n)),
  uuid: () => randomUUID(),
};

export const silentLogger: Logger = { log: () => undefined };

export function defaultFabricHome(env: Readonly<Record<string, string | undefined>>): string {
  return env.FABRIC_HOME && env.FABRIC_HOME.length > 0 ? env.FABRIC_HOME : join(homedir(), '.config', 'fabric');
}

export function createNodeContext(overrides: Partial<RuntimeContext> = {}): RuntimeContext {
  const env = overrides.env ?? process.env;
  return {
    clock: systemClock,
    random: cryptoRandom,
    logger: silentLogger,
    fabricHome: defaultFabricHome(env),
    env,
    ...overrides,
  };
}
