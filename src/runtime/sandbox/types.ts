/**
 * The sandbox contract (ARCHITECTURE §4 "sandbox dispatch", §6 "Sandboxes"): the only place in
 * Fabric where a process is spawned. Every runner takes the same `ExecSpec` and returns the same
 * `ExecResult`, whatever isolation it provides.
 */

/** Which isolation a runner provides: `bwrap` (bubblewrap namespaces) or `host` (none, consent only). */
export type SandboxKind = 'bwrap' | 'host';

/** A host directory or file made visible read-only inside the sandbox. */
export interface Mount {
  /** Absolute path on the host; must exist. */
  hostPath: string;
  /** Absolute path inside the sandbox; must lie inside the workspace (the mount point is created there if missing). */
  sandboxPath: string;
}

/** Per-process resource limits, applied with `prlimit` inside the sandbox. */
export interface ExecLimits {
  /** Maximum number of processes of the user (RLIMIT_NPROC). Ignored by the kernel for root. */
  pids?: number;
  /** Largest file the process may write, in bytes (RLIMIT_FSIZE); beyond it the writer gets SIGXFSZ. */
  fileSizeBytes?: number;
  /** Maximum number of open file descriptors (RLIMIT_NOFILE). */
  openFiles?: number;
  /** CPU seconds (RLIMIT_CPU soft limit; the hard limit is one second more). Exceeding it reports `limitBreached: 'cpu'`. */
  cpuSeconds?: number;
}

/** What to run and under which constraints. */
export interface ExecSpec {
  /** Program and arguments; `argv[0]` is looked up in the sandbox's PATH. Never passed through a shell. */
  argv: string[];
  /** Absolute working directory; must be inside `workspace`. */
  cwd: string;
  /** Absolute path of the only host directory the process may write to. */
  workspace: string;
  /** Host paths made visible read-only (e.g. installed dependencies), never copied. */
  readOnlyMounts?: Mount[];
  /** Variables added on top of the minimal clean environment (`minimalEnv`); nothing else of the parent leaks in. */
  env?: Record<string, string>;
  /** Wall-clock limit in milliseconds; on expiry the whole process tree is killed and `timedOut` is set. */
  timeoutMs: number;
  /** Per-stream capture limit in bytes (default 4 MiB); beyond it only the first and last halves are kept (runners print results last), `truncated` is set, and the process keeps running. */
  maxOutputBytes?: number;
  /** Resource limits for the process tree. */
  limits?: ExecLimits;
  /** Aborting kills the whole process tree and sets `cancelled`. */
  signal?: AbortSignal;
}

/** Which limit ended or cut a run, if any. */
export type LimitBreach = 'timeout' | 'output' | 'cpu';

/** What happened. A process killed by a signal has `exitCode: null` and the signal's name. */
export interface ExecResult {
  /** Exit code, or null when the process was killed by a signal (or never started because the run was cancelled first). */
  exitCode: number | null;
  /** Name of the terminating signal (e.g. `SIGKILL`), or null. */
  signal: string | null;
  /** Captured standard output (UTF-8): all of it, or its first and last `maxOutputBytes / 2` bytes with a marker between. */
  stdout: string;
  /** Captured standard error, capped the same way. */
  stderr: string;
  /** True when either stream exceeded `maxOutputBytes`. */
  truncated: boolean;
  /** True when the run hit `timeoutMs`. */
  timedOut: boolean;
  /** True when the run was aborted through `signal`. */
  cancelled: boolean;
  /** Wall-clock duration from spawn to the end of the process tree, in milliseconds. */
  durationMs: number;
  /** The limit that was breached: timeout first, then cpu, then output; null if none. */
  limitBreached: LimitBreach | null;
  /** The runner that produced the result. */
  sandbox: SandboxKind;
}

/** Runs processes under one kind of isolation. */
export interface SandboxRunner {
  /** The isolation this runner provides. */
  readonly kind: SandboxKind;
  /** Runs `spec.argv` to completion (or until a limit, timeout or abort) and reports the outcome. */
  run(spec: ExecSpec): Promise<ExecResult>;
  /** Facts about the machine that explain a result (os, kernel release, arch, node, bwrap version); stable across runs. */
  fingerprint(): Promise<Record<string, string>>;
}

/** The user's own git on the host, with repo-driven commands disabled (used only for push through the Gate). */
export type HostGitRunner = (
  args: string[],
  opts: {
    /** Directory to run git in. */
    cwd: string;
    /** Wall-clock limit; on expiry git and its children (ssh, credential helpers) are killed and `exitCode` is null. */
    timeoutMs: number;
  },
) => Promise<{ exitCode: number | null; stdout: string; stderr: string }>;

/** Default per-stream output cap: 4 MiB. */
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
