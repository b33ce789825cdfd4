/**
 * The single-use ledger of approval nonces: `<fabricHome>/approvals/used_nonces.jsonl`, one JSON
 * object per line, append-only. `consume` holds a lock file (created with O_EXCL) while it checks
 * and appends, so two processes can never both consume the same nonce.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FabricError } from '../errors';
import { canonicalJson } from '../util/canonicalJson';

export interface NonceLedgerOptions {
  /** How long `consume` keeps retrying a held lock before giving up (default 5000 ms). */
  lockTimeoutMs?: number;
  /** A lock file older than this is left over from a crashed process and removed (default 30000 ms). */
  staleLockMs?: number;
}

/** Extra facts recorded with a consumed nonce (action, trace, key id, time). */
export type NonceMeta = Record<string, string | number>;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepMs(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

export class NonceLedger {
  readonly path: string;
  private readonly lockPath: string;
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;

  constructor(fabricHome: string, opts: NonceLedgerOptions = {}) {
    const dir = join(fabricHome, 'approvals');
    this.path = join(dir, 'used_nonces.jsonl');
    this.lockPath = `${this.path}.lock`;
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 5000;
    this.staleLockMs = opts.staleLockMs ?? 30_000;
  }

  /** Whether the nonce was already consumed. */
  has(nonce: string): boolean {
    if (!existsSync(this.path)) return false;
    return this.readUsed(readFileSync(this.path, 'utf8'), nonce);
  }

  /** Records the nonce as used; `APPROVAL_REUSED` if it already was (by any process). */
  consume(nonce: string, meta: NonceMeta = {}): void {
    if (!/^[0-9a-f]{32}$/.test(nonce)) throw new FabricError('APPROVAL_INVALID', 'nonce must be 32 lowercase hex characters');
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    const lock = this.acquireLock();
    try {
      if (this.has(nonce)) throw new FabricError('APPROVAL_REUSED', 'this approval token was already used', { data: { nonce } });
      const fd = openSync(this.path, 'a', 0o600);
      try {
        writeSync(fd, `${canonicalJson({ ...meta, nonce })}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      chmodSync(this.path, 0o600);
    } finally {
      closeSync(lock);
      try {
        unlinkSync(this.lockPath);
      } catch {
        // Removed as stale by another process after 30 s: nothing left to release.
      }
    }
  }

  /** A line that does not parse (torn write) counts as used if it mentions the nonce: fail closed. */
  private readUsed(text: string, nonce: string): boolean {
    return text.split('\n').some((line) => {
      if (line.trim() === '') return false;
      try {
        const entry: unknown = JSON.parse(line);
        return typeof entry === 'object' && entry !== null && (entry as { nonce?: unknown }).nonce === nonce;
      } catch {
        return line.includes(nonce);
      }
    });
  }

  private acquireLock(): number {
    // Real time, not the injected clock: staleness is judged against the lock file's mtime.
    const deadline = Date.now() + this.lockTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = openSync(this.lockPath, 'wx', 0o600);
        writeSync(fd, `${process.pid}\n`);
        return fd;
      } catch (e) {
        if (errorCode(e) !== 'EEXIST') throw new FabricError('INTERNAL', 'cannot create the nonce ledger lock', { cause: e });
      }
      this.removeIfStale();
      if (Date.now() > deadline) {
        throw new FabricError('INTERNAL', `nonce ledger is locked (${this.lockPath}); retry, or remove the lock if no Fabric process is running`, {
          data: { lock: this.lockPath },
        });
      }
      sleepMs(Math.min(5 + attempt * 5, 50));
    }
  }

  private removeIfStale(): void {
    try {
      if (Date.now() - statSync(this.lockPath).mtimeMs > this.staleLockMs) unlinkSync(this.lockPath);
    } catch (e) {
      if (errorCode(e) !== 'ENOENT') throw new FabricError('INTERNAL', 'cannot inspect the nonce ledger lock', { cause: e });
    }
  }
}
