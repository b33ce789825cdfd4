import { FabricError } from '../errors';
import { createBwrapRunner } from './createBwrapRunner';
import { createHostRunner } from './createHostRunner';
import { probeBwrap } from './probeBwrap';
import type { SandboxRunner } from './types';

/** What the user asked for (`--sandbox`): `auto` means bwrap or nothing, never a silent fallback to host. */
export type SandboxPreference = 'auto' | 'bwrap' | 'host';

/** The chosen runner and why. */
export interface SandboxSelection {
  /** The runner to use. */
  runner: SandboxRunner;
  /** Why this runner was chosen (for the event log). */
  reason: string;
  /** Set when the runner does not isolate (host): show it to the user. */
  warning?: string;
}

/** Options of `selectSandbox`. */
export interface SelectSandboxOptions {
  /** The bwrap binary to probe and use (default: found on PATH). */
  bwrapPath?: string;
}

const INSTALL_HINT =
  'Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; Arch: pacman -S bubblewrap) ' +
  'and make sure unprivileged user namespaces are enabled, or pass --sandbox host to run the tests without isolation.';

async function bwrapOrThrow(preference: SandboxPreference, opts: SelectSandboxOptions): Promise<SandboxSelection> {
  const probe = await probeBwrap(opts.bwrapPath);
  if (!probe.ok) {
    throw new FabricError('SANDBOX_UNAVAILABLE', `bubblewrap does not work here. ${INSTALL_HINT}`, { data: { preference, detail: probe.detail } });
  }
  const runner = createBwrapRunner(opts.bwrapPath === undefined ? {} : { bwrapPath: opts.bwrapPath });
  return { runner, reason: preference === 'auto' ? 'auto: bubblewrap is available' : 'bubblewrap requested' };
}

/** Picks the runner for `preference`, probing bubblewrap once (cached). */
export async function selectSandbox(preference: SandboxPreference, opts: SelectSandboxOptions = {}): Promise<SandboxSelection> {
  switch (preference) {
    case 'auto':
    case 'bwrap':
      return bwrapOrThrow(preference, opts);
    case 'host':
      return {
        runner: createHostRunner(),
        reason: 'host requested',
        warning: 'Tests run on the host WITHOUT isolation: they can read your files and credentials, write anywhere you can and use the network.',
      };
    default: {
      const never: never = preference;
      throw new FabricError('USAGE_INVALID', `unknown sandbox preference ${String(never)}`, { data: { preference: String(never) } });
    }
  }
}
