// Makes sure the system tools Fabric needs are present on a Debian machine: bubblewrap (the sandbox),
// git and ssh-keygen (real-signature checks). Installs the missing ones with apt-get when running as
// root (or with sudo when it is available without a password); otherwise says what to install.
import { spawnSync } from 'node:child_process';

const NEEDED = [
  { command: 'bwrap', pkg: 'bubblewrap', why: 'the sandbox that runs tests without network or access to your files' },
  { command: 'git', pkg: 'git', why: 'tests against real repositories' },
  { command: 'ssh-keygen', pkg: 'openssh-client', why: 'independent checks of SSH commit signatures' },
];

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

export function ensureSystem({ quiet = false } = {}) {
  const missing = NEEDED.filter((n) => !has(n.command));
  if (missing.length === 0) return true;
  const pkgs = missing.map((m) => m.pkg);
  for (const m of missing) console.log(`fabric setup: ${m.command} is missing (${m.pkg}: ${m.why})`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
  if (!has('apt-get') || (!isRoot && !sudo)) {
    console.error(`fabric setup: please install: sudo apt-get install -y ${pkgs.join(' ')}`);
    return false;
  }
  const run = (args) => {
    const [cmd, ...rest] = [...(sudo ?? []), ...args];
    const r = spawnSync(cmd, rest, { stdio: quiet ? 'ignore' : 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return r.status === 0;
  };
  console.log(`fabric setup: apt-get install -y ${pkgs.join(' ')}`);
  if (!run(['apt-get', 'update', '-qq']) || !run(['apt-get', 'install', '-y', '-qq', ...pkgs])) {
    console.error(`fabric setup: apt-get failed; install these yourself: ${pkgs.join(' ')}`);
    return false;
  }
  return NEEDED.every((n) => has(n.command));
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureSystem() ? 0 : 2);
