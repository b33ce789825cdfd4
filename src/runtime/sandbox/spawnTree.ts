/**
 * The one place a process is started: execa, detached into its own process group, stdin closed,
 * output captured up to a cap, and the whole group killed on timeout or abort (SIGTERM, then
 * SIGKILL after a grace period). Leftover group members are killed as soon as the leader exits, so
 * nothing a run started outlives it (processes that leave the group with setsid escape this; the
 * bwrap runner's PID namespace catches those).
 */
import type { Readable } from 'node:stream';
import { FabricError } from '../errors';

/** Options of one spawn. */
export interface TreeSpawnOptions {
  /** Executable (looked up in `env.PATH` when not absolute). */
  file: string;
  /** Arguments. */
  args: string[];
  /** Working directory. */
  cwd: string;
  /** The complete environment of the child. */
  env: Record<string, string>;
  /** Wall-clock limit in milliseconds. */
  timeoutMs: number;
  /** Per-stream capture cap in bytes. */
  maxOutputBytes: number;
  /** Aborting kills the tree. */
  signal?: AbortSignal;
  /** Open a pipe on fd 3 and return what the child wrote to it (for `bwrap --info-fd 3`). */
  captureFd3?: boolean;
  /** Delay between SIGTERM and SIGKILL, in milliseconds (default 2000). */
  killGraceMs?: number;
}

/** Raw outcome of one spawn. */
export interface TreeSpawnResult {
  /** Exit code, or null if killed by a signal (or never started). */
  exitCode: number | null;
  /** Terminating signal name, or null. */
  signal: string | null;
  /** Captured stdout (UTF-8). */
  stdout: string;
  /** Captured stderr (UTF-8). */
  stderr: string;
  /** Either stream hit the cap. */
  truncated: boolean;
  /** The timeout fired. */
  timedOut: boolean;
  /** The abort signal fired. */
  cancelled: boolean;
  /** Spawn to end, in milliseconds. */
  durationMs: number;
  /** What the child wrote on fd 3 (only with `captureFd3`). */
  fd3: string;
}

type ExecaModule = typeof import('execa');
let execaModule: Promise<ExecaModule> | undefined;
/** execa is ESM-only; a dynamic import loads it from both CommonJS (tsx, bundles) and ESM. */
function loadExeca(): Promise<ExecaModule> {
  execaModule ??= import('execa');
  return execaModule;
}

/**
 * Keeps at most `cap` bytes of a stream: the first half and the last half, with a marker between
 * them. Test runners print their per-test results and summary last, so the tail must survive a
 * chatty suite; the head keeps the start of the run (banners, the first errors).
 */
class CappedSink {
  private readonly head: Buffer[] = [];
  private headSize = 0;
  private tail: Buffer[] = [];
  private tailSize = 0;
  private dropped = 0;
  overflowed = false;
  private readonly half: number;
  constructor(private readonly cap: number) {
    this.half = Math.floor(cap / 2);
  }
  push(chunk: Buffer): void {
    const headRoom = this.half - this.headSize;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headSize += part.length;
      chunk = chunk.subarray(part.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailSize += chunk.length;
    const tailCap = this.cap - this.half;
    if (this.tailSize > tailCap) {
      this.overflowed = true;
      let excess = this.tailSize - tailCap;
      this.dropped += excess;
      this.tailSize -= excess;
      while (excess > 0) {
        const first = this.tail[0];
        if (first.length <= excess) {
          this.tail.shift();
          excess -= first.length;
        } else {
          this.tail[0] = first.subarray(excess);
          excess = 0;
        }
      }
    }
  }
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (this.dropped === 0) return head + tail;
    // Cut the tail at a line start so a parser never sees half a line.
    const nl = tail.indexOf('\n');
    const cleanTail = nl >= 0 && nl < 4096 ? tail.slice(nl + 1) : tail;
    return `${head}\n[… ${this.dropped} bytes of output dropped by Fabric's output limit …]\n${cleanTail}`;
  }
}

function killGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Spawns `file args` as the leader of a new process group and waits for the whole group to finish. */
export async function spawnTree(opts: TreeSpawnOptions): Promise<TreeSpawnResult> {
  const start = performance.now();
  const base = { stdout: '', stderr: '', truncated: false, fd3: '' };
  if (opts.signal?.aborted) {
    return { ...base, exitCode: null, signal: null, timedOut: false, cancelled: true, durationMs: 0 };
  }
  const { execa } = await loadExeca();
  const sub = execa(opts.file, opts.args, {
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    detached: true,
    cleanup: false,
    stdio: opts.captureFd3 ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  const pid = sub.pid;
  if (pid === undefined) {
    const failed = await sub;
    throw new FabricError('SANDBOX_SPAWN_FAILED', `could not start ${opts.file}`, { cause: failed.cause, data: { file: opts.file } });
  }

  const out = new CappedSink(opts.maxOutputBytes);
  const err = new CappedSink(opts.maxOutputBytes);
  const fd3: Buffer[] = [];
  sub.stdout?.on('data', (c: Buffer) => out.push(c));
  sub.stderr?.on('data', (c: Buffer) => err.push(c));
  const extra = opts.captureFd3 ? (sub.stdio[3] as Readable | undefined) : undefined;
  extra?.on('data', (c: Buffer) => fd3.push(c));

  let timedOut = false;
  let cancelled = false;
  let exited = false;
  let exit: { code: number | null; signal: string | null } = { code: null, signal: null };
  let graceTimer: NodeJS.Timeout | undefined;
  let drainTimer: NodeJS.Timeout | undefined;
  const grace = opts.killGraceMs ?? 2000;

  const terminate = (): void => {
    if (graceTimer !== undefined) return;
    killGroup(pid, 'SIGTERM');
    graceTimer = setTimeout(() => killGroup(pid, 'SIGKILL'), grace);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    terminate();
  }, opts.timeoutMs);
  const onAbort = (): void => {
    if (exited) return;
    cancelled = true;
    terminate();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  sub.once('exit', (code: number | null, sig: NodeJS.Signals | null) => {
    exited = true;
    exit = { code, signal: sig };
    // The leader is gone: whatever it left behind in its group dies with it.
    killGroup(pid, 'SIGKILL');
    // A process that escaped the group may still hold our pipes; stop waiting for them.
    drainTimer = setTimeout(() => {
      sub.stdout?.destroy();
      sub.stderr?.destroy();
      extra?.destroy();
    }, grace);
  });

  try {
    await sub;
  } finally {
    clearTimeout(timer);
    clearTimeout(graceTimer);
    clearTimeout(drainTimer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  return {
    exitCode: exit.signal === null ? exit.code : null,
    signal: exit.signal,
    stdout: out.text(),
    stderr: err.text(),
    truncated: out.overflowed || err.overflowed,
    timedOut,
    cancelled,
    durationMs: performance.now() - start,
    fd3: Buffer.concat(fd3).toString('utf8'),
  };
}
