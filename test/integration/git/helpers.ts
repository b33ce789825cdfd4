/** Shared pieces of the git integration tests: keys, host git runner, byte snapshots of a repo. */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import type { HostGitRunner } from '../../../src/runtime/git';

/** A deterministic Ed25519 key pair from tweetnacl. */
export function testKey(seedByte: number): { publicKey: Uint8Array; secretKey: Uint8Array } {
  return nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(seedByte));
}

export const AUTHOR = { name: 'Fabric Release', email: 'fabric-release@fabric.invalid', timestamp: 1_700_000_000, timezoneOffset: -60 };

/** A HostGitRunner on the real git CLI (hooks and system config off), as sandbox/ would build it. */
export const execFileRunner: HostGitRunner = (args, opts) =>
  new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd: opts.cwd, timeout: opts.timeoutMs, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : error.killed ? null : 1) : 0;
        resolve({ exitCode: code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });

/** Every file under `dir` (recursively, symlinks as `-> target`), as path → bytes, for byte-identity checks. */
export function snapshotBytes(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip(r)) continue;
      const full = join(dir, r);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.set(r, `-> ${readlinkSync(full)}`);
      else if (st.isDirectory()) walk(r);
      else out.set(r, `${st.mode.toString(8)}:${readFileSync(full).toString('base64')}`);
    }
  };
  walk('');
  return out;
}
