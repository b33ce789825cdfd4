import type { ResolvedExecSpec } from './assertExecSpec';
import type { BwrapLayout } from './bwrapLayout';

/**
 * The bwrap argv for one run. Order matters: the host root read-only, fresh /dev and /proc, the
 * hidden directories as empty tmpfs, then what is shown again (Node, the workspace read-write at its
 * own path — workspaces live under the OS temp dir, so after the /tmp tmpfs — and the read-only
 * mounts on top of it). All namespaces are unshared (no `--share-net`: no network), the sandbox dies
 * with its parent, runs in a new session (no TIOCSTI into our terminal), without capabilities and
 * with only `env`. `--info-fd 3` reports the sandbox's PID 1 so the caller can make sure it is gone.
 */
export function bwrapArgs(spec: ResolvedExecSpec, env: Record<string, string>, layout: BwrapLayout, command: string[]): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const dir of layout.hiddenDirs) args.push('--tmpfs', dir);
  for (const dir of layout.reexposed) args.push('--ro-bind', dir, dir);
  args.push('--bind', spec.workspace, spec.workspace);
  for (const m of spec.readOnlyMounts) args.push('--ro-bind', m.hostPath, m.sandboxPath);
  args.push('--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--clearenv');
  for (const [k, v] of Object.entries(env)) args.push('--setenv', k, v);
  args.push('--chdir', spec.cwd, '--info-fd', '3', '--', ...command);
  return args;
}
