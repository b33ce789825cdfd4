import { strict as assert } from 'node:assert';
import type { ResolvedExecSpec } from '../../../src/runtime/sandbox/assertExecSpec';
import { bwrapArgs } from '../../../src/runtime/sandbox/bwrapArgs';

const spec: ResolvedExecSpec = {
  argv: ['npm', 'test'],
  cwd: '/tmp/ws/pkg',
  workspace: '/tmp/ws',
  readOnlyMounts: [{ hostPath: '/src/repo/node_modules', sandboxPath: '/tmp/ws/node_modules' }],
  env: {},
  timeoutMs: 1000,
  maxOutputBytes: 10,
  limits: {},
  signal: undefined,
};
const layout = { hiddenDirs: ['/tmp', '/run', '/var/tmp', '/home/u'], reexposed: ['/home/u/.nvm/versions/node/v20'], home: '/home/u' };

describe('#bwrapArgs', () => {
  describe('when building the sandbox', () => {
    const args = bwrapArgs(spec, { PATH: '/usr/bin', HOME: '/home/u' }, layout, ['prlimit', '--cpu=1:2', '--', 'npm', 'test']);
    const at = (...seq: string[]): number => args.findIndex((_, i) => seq.every((s, j) => args[i + j] === s));

    it('binds the host root read-only first, with fresh /dev and /proc', () => {
      assert.deepEqual(args.slice(0, 7), ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc']);
    });
    it('hides /tmp, /run, /var/tmp and home before binding the workspace read-write', () => {
      const bind = at('--bind', '/tmp/ws', '/tmp/ws');
      assert.ok(bind > 0);
      for (const d of layout.hiddenDirs) {
        const i = at('--tmpfs', d);
        assert.ok(i > 0 && i < bind, d);
      }
    });
    it('re-exposes node and mounts dependencies read-only after the tmpfs', () => {
      assert.ok(at('--ro-bind', '/home/u/.nvm/versions/node/v20', '/home/u/.nvm/versions/node/v20') > at('--tmpfs', '/home/u'));
      assert.ok(at('--ro-bind', '/src/repo/node_modules', '/tmp/ws/node_modules') > at('--bind', '/tmp/ws', '/tmp/ws'));
    });
    it('unshares everything, never shares the network, and drops privileges', () => {
      for (const flag of ['--unshare-all', '--die-with-parent', '--new-session', '--clearenv']) assert.ok(args.includes(flag), flag);
      assert.ok(at('--cap-drop', 'ALL') > 0);
      assert.ok(!args.includes('--share-net'));
    });
    it('sets exactly the given env, changes to cwd, and ends with the command', () => {
      assert.ok(at('--setenv', 'PATH', '/usr/bin') > at('--clearenv'));
      assert.ok(at('--setenv', 'HOME', '/home/u') > 0);
      assert.ok(at('--chdir', '/tmp/ws/pkg') > 0);
      assert.deepEqual(args.slice(args.indexOf('--')), ['--', 'prlimit', '--cpu=1:2', '--', 'npm', 'test']);
    });
  });
});
