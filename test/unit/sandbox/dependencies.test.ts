import { strict as assert } from 'node:assert';
import { mkdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFabricError } from '../../../src/runtime/errors';
import { dependencyMounts, linkDependencies } from '../../../src/runtime/sandbox';
import { makeTempDir } from '../../helpers/tmp';

describe('#dependencyMounts', () => {
  const tmp = makeTempDir('fabric-deps-');
  after(() => tmp.cleanup());

  describe('when the repo has a real node_modules directory', () => {
    it('mounts it at <workspace>/node_modules', () => {
      const repo = join(tmp.path, 'repo1');
      mkdirSync(join(repo, 'node_modules'), { recursive: true });
      assert.deepEqual(dependencyMounts(repo, '/ws'), [{ hostPath: join(repo, 'node_modules'), sandboxPath: '/ws/node_modules' }]);
    });
  });
  describe('when node_modules is missing or a symlink', () => {
    it('mounts nothing', () => {
      const repo = join(tmp.path, 'repo2');
      mkdirSync(repo);
      assert.deepEqual(dependencyMounts(repo, '/ws'), []);
      symlinkSync(tmp.path, join(repo, 'node_modules'));
      assert.deepEqual(dependencyMounts(repo, '/ws'), []);
    });
  });
});

describe('#linkDependencies', () => {
  const tmp = makeTempDir('fabric-link-');
  after(() => tmp.cleanup());
  const deps = join(tmp.path, 'deps');
  mkdirSync(deps);

  describe('when the link is missing or an empty mount point', () => {
    it('creates the symlink, and is idempotent', () => {
      const ws = join(tmp.path, 'ws1');
      mkdirSync(join(ws, 'node_modules'), { recursive: true });
      const mounts = [{ hostPath: deps, sandboxPath: join(ws, 'node_modules') }];
      linkDependencies(mounts);
      linkDependencies(mounts);
      assert.equal(readlinkSync(join(ws, 'node_modules')), deps);
    });
  });
  describe('when something else is already there', () => {
    it('refuses to overwrite it', () => {
      const ws = join(tmp.path, 'ws2');
      mkdirSync(join(ws, 'node_modules'), { recursive: true });
      writeFileSync(join(ws, 'node_modules', 'own.js'), '');
      assert.throws(() => linkDependencies([{ hostPath: deps, sandboxPath: join(ws, 'node_modules') }]), (e) => isFabricError(e, 'SANDBOX_PATH_ESCAPE'));
    });
  });
});
