import { spawnTree } from './spawnTree';
import { DEFAULT_MAX_OUTPUT_BYTES, type HostGitRunner } from './types';

/** Prepended to every host git call: the repo is hostile input, so its hooks, fsmonitor and ext:: transports never run. */
export const HOST_GIT_SAFETY_FLAGS: readonly string[] = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'protocol.ext.allow=never'];

/**
 * The user's own `git` on the host with the user's environment (credentials, SSH agent), used only
 * for push through the Gate. Repo-driven commands are disabled (`HOST_GIT_SAFETY_FLAGS`); stdin is
 * closed and `GIT_TERMINAL_PROMPT=0` so a missing credential fails instead of waiting; on timeout git
 * and everything it started (ssh, helpers) are killed.
 */
export const runHostGit: HostGitRunner = async (args, opts) => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  const r = await spawnTree({
    file: 'git',
    args: [...HOST_GIT_SAFETY_FLAGS, ...args],
    cwd: opts.cwd,
    env,
    timeoutMs: opts.timeoutMs,
    maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
  });
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
};
