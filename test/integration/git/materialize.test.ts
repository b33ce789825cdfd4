import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { materializeTree } from '../../../src/runtime/git';
import { isFabricError } from '../../../src/runtime/errors';
import { git, makeRepo } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';

function mktree(repo: string, lines: string[]): string {
  return execFileSync('git', ['mktree'], { cwd: repo, input: lines.join('\n') + '\n', encoding: 'utf8' }).trim();
}

describe('#materializeTree', () => {
  const tmp = makeTempDir('fabric-git-mat-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  let commit = '';
  before(() => {
    makeRepo(repo, { 'src/a.js': 'a\n', 'run.sh': '#!/bin/sh\n', 'docs/readme.md': 'r\n' });
    chmodSync(join(repo, 'run.sh'), 0o755);
    symlinkSync('src/a.js', join(repo, 'inside'));
    symlinkSync('../../outside', join(repo, 'escape'));
    symlinkSync('/etc/passwd', join(repo, 'absolute'));
    symlinkSync('.', join(repo, 'self'));
    symlinkSync('self/..', join(repo, 'chain'));
    git(repo, ['add', '-A']);
    const sub = git(repo, ['rev-parse', 'HEAD']);
    git(repo, ['update-index', '--add', '--cacheinfo', `160000,${sub},vendor/sub`]);
    git(repo, ['commit', '-q', '-m', 'links and a submodule']);
    commit = git(repo, ['rev-parse', 'HEAD']);
  });

  describe('when the tree has files, links and a submodule', () => {
    const dest = join(tmp.path, 'dest1');
    let result: Awaited<ReturnType<typeof materializeTree>>;
    before(async () => {
      mkdirSync(dest);
      result = await materializeTree(repo, commit, dest);
    });
    it('writes the files with their exec bits', () => {
      assert.equal(readFileSync(join(dest, 'src/a.js'), 'utf8'), 'a\n');
      assert.equal(statSync(join(dest, 'run.sh')).mode & 0o777, 0o755);
      assert.equal(statSync(join(dest, 'src/a.js')).mode & 0o777, 0o644);
      assert.deepEqual(result.files, ['docs/readme.md', 'inside', 'run.sh', 'self', 'src/a.js']);
    });
    it('keeps a symlink that stays inside and refuses ones that escape, even through a chain', () => {
      assert.equal(readlinkSync(join(dest, 'inside')), 'src/a.js');
      for (const p of ['escape', 'absolute', 'chain']) assert.equal(existsSync(join(dest, p)) || isLink(join(dest, p)), false, p);
      assert.deepEqual(result.skipped, [
        { path: 'absolute', reason: 'symlink-escape' },
        { path: 'chain', reason: 'symlink-escape' },
        { path: 'escape', reason: 'symlink-escape' },
        { path: 'vendor/sub', reason: 'submodule' },
      ]);
    });
  });

  describe('when the tree holds unsafe paths', () => {
    it('skips `..` and `.git` entries and writes nothing outside', async () => {
      const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: 'evil\n', encoding: 'utf8' }).trim();
      const inner = mktree(repo, [`100644 blob ${blob}\tevil`]);
      const root = mktree(repo, [`040000 tree ${inner}\t..`, `040000 tree ${inner}\t.git`, `100644 blob ${blob}\tok.txt`]);
      const hostile = git(repo, ['commit-tree', root, '-m', 'hostile']);
      const outer = join(tmp.path, 'outer');
      const dest = join(outer, 'dest');
      mkdirSync(dest, { recursive: true });
      const result = await materializeTree(repo, hostile, dest);
      assert.deepEqual(result.files, ['ok.txt']);
      assert.deepEqual(result.skipped, [
        { path: '../evil', reason: 'unsafe-path' },
        { path: '.git/evil', reason: 'unsafe-path' },
      ]);
      assert.deepEqual(readdirSync(outer), ['dest']);
      assert.deepEqual(readdirSync(dest), ['ok.txt']);
    });
  });

  describe('when the destination is not empty', () => {
    it('throws USAGE_INVALID', async () => {
      const dest = join(tmp.path, 'full');
      mkdirSync(dest);
      writeFileSync(join(dest, 'x'), 'x');
      await assert.rejects(materializeTree(repo, commit, dest), (e: unknown) => isFabricError(e, 'USAGE_INVALID'));
      rmSync(dest, { recursive: true });
    });
  });
});

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
