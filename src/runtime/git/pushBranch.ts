import * as git from 'isomorphic-git';
import { FabricError } from '../errors';
import type { HostGitResult, HostGitRunner } from './types';
import { checkNotesRef, notesHead } from './internal/notes';
import { isValidRefName } from './internal/paths';
import { gitOp, isNotFound, openRepo } from './internal/repo';

/** Options of `pushBranch`. */
export interface PushOptions {
  /** The repository's working-tree root. */
  repoDir: string;
  /** A configured remote name (e.g. `origin`); GIT_NO_REMOTE if it is not configured. */
  remote: string;
  /** The branch to push, without `refs/heads/`; must be a `fabric/…` branch. */
  branch: string;
  /** The notes ref that travels with it (default `refs/notes/fabric`); skipped if it does not exist locally. */
  notesRef?: string;
  /** Runs the user's own `git` on the host (sandbox/ implements it; tests pass one built on execFile). */
  run: HostGitRunner;
  /** Time limit of the push (default 120 s). */
  timeoutMs?: number;
}

/** Why a push was rejected. */
export type PushRejection = 'non-fast-forward' | 'hook-declined' | 'auth-failed';

/**
 * Pushes `refs/heads/<branch>` and the notes ref to `remote` in one atomic push, never forced,
 * with client hooks disabled. Failures: GIT_NO_REMOTE (remote not configured), GIT_PUSH_REJECTED
 * (`data.rejection`: non-fast-forward, hook-declined or auth-failed), GIT_FAILED otherwise
 * (including a timeout). Returns the refs now on the remote.
 */
export async function pushBranch(opts: PushOptions): Promise<{ pushed: string[] }> {
  const notesRef = opts.notesRef ?? 'refs/notes/fabric';
  checkNotesRef(notesRef);
  const ref = `refs/heads/${opts.branch}`;
  if (!opts.branch.startsWith('fabric/') || !isValidRefName(ref)) {
    throw new FabricError('GIT_PROTECTED_REF', `only fabric/… branches are pushed, not ${opts.branch}`, { data: { branch: opts.branch } });
  }
  const repo = openRepo(opts.repoDir);
  const remotes = await gitOp('listing remotes', () => git.listRemotes({ fs: repo.fs, gitdir: repo.gitdir }));
  if (!remotes.some((r) => r.remote === opts.remote)) {
    throw new FabricError('GIT_NO_REMOTE', `no remote named ${opts.remote}`, { data: { remote: opts.remote, remotes: remotes.map((r) => r.remote) } });
  }
  await gitOp(`reading ${ref}`, async () => {
    try {
      await git.resolveRef({ fs: repo.fs, gitdir: repo.gitdir, ref });
    } catch (e) {
      if (isNotFound(e)) throw new FabricError('GIT_FAILED', `branch ${opts.branch} does not exist`, { cause: e, data: { branch: opts.branch } });
      throw e;
    }
  });
  const refs = [ref];
  if (await gitOp('reading the notes ref', () => notesHead(repo, notesRef))) refs.push(notesRef);

  const nullDevice = process.platform === 'win32' ? 'NUL' : '/dev/null';
  const args = ['-c', `core.hooksPath=${nullDevice}`, '-c', 'protocol.ext.allow=never', 'push', '--porcelain', '--atomic', '--no-verify', opts.remote, ...refs.map((r) => `${r}:${r}`)];
  let result: HostGitResult;
  try {
    result = await opts.run(args, { cwd: repo.dir, timeoutMs: opts.timeoutMs ?? 120_000 });
  } catch (e) {
    throw new FabricError('GIT_FAILED', `git push could not run: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const lines = parsePorcelain(result.stdout);
  if (result.exitCode === 0) {
    const ok = lines.filter((l) => l.flag !== '!').map((l) => l.to);
    return { pushed: ok.length > 0 ? ok : refs };
  }
  throw classifyFailure(result, lines, opts.remote);
}

interface PorcelainLine {
  flag: string;
  to: string;
  summary: string;
}

function parsePorcelain(stdout: string): PorcelainLine[] {
  const out: PorcelainLine[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^([ +\-*!=])\t([^\t]*):([^\t]*)\t(.*)$/.exec(line);
    if (m) out.push({ flag: m[1], to: m[3], summary: m[4] });
  }
  return out;
}

function classifyFailure(result: HostGitResult, lines: PorcelainLine[], remote: string): FabricError {
  const text = `${lines.map((l) => l.summary).join('\n')}\n${result.stderr}`;
  const data = { remote, exitCode: result.exitCode, stderr: result.stderr.slice(-4000), refs: lines };
  if (result.exitCode === null) return new FabricError('GIT_FAILED', 'git push timed out or was killed', { data });
  const reject = (rejection: PushRejection, what: string): FabricError =>
    new FabricError('GIT_PUSH_REJECTED', `push rejected by ${remote}: ${what}`, { data: { ...data, rejection } });
  if (/non-fast-forward|fetch first|\[rejected\].*(stale|already exists)/i.test(text)) return reject('non-fast-forward', 'not a fast-forward (the remote has commits this branch lacks)');
  if (/hook declined|\[remote rejected\]/i.test(text)) return reject('hook-declined', 'a server-side hook declined it');
  if (/authentication failed|permission denied|could not read (username|password)|returned error: 40[13]|access denied|403 forbidden/i.test(text)) {
    return reject('auth-failed', 'authentication failed');
  }
  return new FabricError('GIT_FAILED', `git push failed with exit code ${result.exitCode}`, { data });
}
