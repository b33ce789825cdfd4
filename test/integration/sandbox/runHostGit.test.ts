import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHostGit } from '../../../src/runtime/sandbox';
import { git, makeRepo } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';

describe('#runHostGit', () => {
  const tmp = makeTempDir('fabric-git-');
  after(() => tmp.cleanup());

  describe('when the repo carries hooks', () => {
    it('pushes without running them', async () => {
      const remote = join(tmp.path, 'remote.git');
      const repo = join(tmp.path, 'repo');
      git(tmp.path, ['init', '-q', '--bare', remote]);
      const head = makeRepo(repo, { 'a.txt': 'a\n' });
      const planted = join(tmp.path, 'hook-ran');
      const hook = `#!/bin/sh\ntouch '${planted}'\n`;
      writeFileSync(join(repo, '.git', 'hooks', 'pre-push'), hook);
      chmodSync(join(repo, '.git', 'hooks', 'pre-push'), 0o755);
      mkdirSync(join(repo, 'myhooks'));
      writeFileSync(join(repo, 'myhooks', 'pre-push'), hook);
      chmodSync(join(repo, 'myhooks', 'pre-push'), 0o755);
      git(repo, ['config', 'core.hooksPath', 'myhooks']);

      const r = await runHostGit(['push', remote, 'main:refs/heads/fabric/test'], { cwd: repo, timeoutMs: 60_000 });
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(existsSync(planted), false);
      assert.equal(git(remote, ['rev-parse', 'refs/heads/fabric/test']), head);
    });
  });

  describe('when git fails', () => {
    it('returns its exit code and stderr', async () => {
      const r = await runHostGit(['rev-parse', 'HEAD'], { cwd: tmp.path, timeoutMs: 60_000 });
      assert.notEqual(r.exitCode, 0);
      assert.ok(r.stderr.length > 0);
    });
  });
});
