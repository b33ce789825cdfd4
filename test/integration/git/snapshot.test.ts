import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectRepo, snapshotWorkingTree, SNAPSHOT_MESSAGE } from '../../../src/runtime/git';
import { isFabricError } from '../../../src/runtime/errors';
import { git, makeRepo, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { snapshotBytes } from './helpers';

const fixedClock = { now: () => new Date('2024-01-02T03:04:05Z'), monotonicMs: () => 0 };

/** The index, every ref file, HEAD and packed-refs, plus the working tree (without .git/objects). */
function repoBytes(repo: string): Map<string, string> {
  return snapshotBytes(repo, (rel) => rel === '.git/objects' || rel === '.git/logs');
}

describe('#snapshotWorkingTree', () => {
  const tmp = makeTempDir('fabric-git-snap-');
  after(() => tmp.cleanup());

  describe('when the working tree is dirty', () => {
    const repo = join(tmp.path, 'dirty');
    let head = '';
    let snap: string | null = null;
    let bytesBefore: Map<string, string>;
    before(async () => {
      head = makeRepo(repo, { 'a.txt': 'a\n', 'gone.txt': 'bye\n', 'lib/b.js': 'b\n', '.gitignore': 'build/\n*.log\n', 'link': 'x' });
      rmSync(join(repo, 'link'));
      symlinkSync('a.txt', join(repo, 'link'));
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-q', '-m', 'link']);
      head = git(repo, ['rev-parse', 'HEAD']);
      writeFiles(repo, { 'a.txt': 'a changed\n', 'new/untracked.js': 'u\n', 'build/out.js': 'ignored\n', 'debug.log': 'ignored\n', 'staged.txt': 'staged\n' });
      git(repo, ['add', 'staged.txt']);
      unlinkSync(join(repo, 'gone.txt'));
      bytesBefore = repoBytes(repo);
      snap = await snapshotWorkingTree(repo, head, { clock: fixedClock });
    });
    it('returns a commit whose parent is HEAD, with the fixed author and message', () => {
      assert.ok(snap);
      assert.equal(git(repo, ['rev-parse', `${snap}^`]), head);
      assert.equal(git(repo, ['log', '-1', '--format=%an <%ae> %at', snap as string]), `Fabric <fabric@fabric.invalid> ${Date.parse('2024-01-02T03:04:05Z') / 1000}`);
      assert.equal(git(repo, ['log', '-1', '--format=%B', snap as string]), SNAPSHOT_MESSAGE.trim());
    });
    it('contains the dirty changes and nothing ignored', () => {
      const files = git(repo, ['ls-tree', '-r', '--name-only', snap as string]).split('\n');
      assert.deepEqual(files.sort(), ['.gitignore', 'a.txt', 'lib/b.js', 'link', 'new/untracked.js', 'staged.txt']);
      assert.equal(git(repo, ['show', `${snap}:a.txt`]), 'a changed');
      assert.match(git(repo, ['ls-tree', snap as string, 'link']), /^120000 /);
    });
    it('leaves the index, every ref and the working tree byte-identical', () => {
      assert.ok(bytesBefore.has('.git/index') && bytesBefore.has('.git/HEAD') && bytesBefore.has('.git/refs/heads/main'));
      assert.deepEqual(repoBytes(repo), bytesBefore);
      assert.equal(git(repo, ['rev-parse', 'HEAD']), head);
    });
  });

  describe('when the working tree is clean', () => {
    it('returns null', async () => {
      const repo = join(tmp.path, 'clean');
      const head = makeRepo(repo, { 'a.txt': 'a\n', '.gitignore': 'tmp/\n' });
      writeFiles(repo, { 'tmp/x': 'ignored\n' });
      assert.equal(await snapshotWorkingTree(repo, head), null);
    });
  });
});

describe('#inspectRepo', () => {
  const tmp = makeTempDir('fabric-git-inspect-');
  after(() => tmp.cleanup());

  describe('when the folder is not a repository', () => {
    it('throws WORKSPACE_NOT_GIT', async () => {
      const dir = join(tmp.path, 'plain');
      mkdirSync(dir);
      await assert.rejects(inspectRepo(dir), (e: unknown) => isFabricError(e, 'WORKSPACE_NOT_GIT'));
    });
  });
  describe('when the repository has no commits', () => {
    it('throws WORKSPACE_NOT_GIT', async () => {
      const dir = join(tmp.path, 'empty');
      mkdirSync(dir);
      git(dir, ['init', '-q', '-b', 'main']);
      await assert.rejects(inspectRepo(dir), (e: unknown) => isFabricError(e, 'WORKSPACE_NOT_GIT') && /no commits/.test(e.message));
    });
  });
  describe('when the repository is clean on a branch', () => {
    it('reports HEAD, the branch, main as default and baseOid = headOid', async () => {
      const dir = join(tmp.path, 'clean');
      const head = makeRepo(dir, { 'a.txt': 'a\n' });
      git(dir, ['branch', 'work']);
      git(dir, ['checkout', '-q', 'work']);
      mkdirSync(join(dir, 'sub'));
      const state = await inspectRepo(join(dir, 'sub'));
      assert.equal(state.repoDir, dir);
      assert.equal(state.gitDir, join(dir, '.git'));
      assert.deepEqual({ ...state, repoDir: '', gitDir: '' }, { repoDir: '', gitDir: '', headOid: head, headBranch: 'work', defaultBranch: 'main', dirty: false, baseOid: head });
    });
  });
  describe('when HEAD is detached, dirty, and origin/HEAD names the default', () => {
    it('reports a null branch, the origin default and the snapshot as base', async () => {
      const dir = join(tmp.path, 'detached');
      const head = makeRepo(dir, { 'a.txt': 'a\n' });
      git(dir, ['update-ref', 'refs/remotes/origin/trunk', head]);
      git(dir, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk']);
      git(dir, ['checkout', '-q', '--detach']);
      writeFileSync(join(dir, 'a.txt'), 'dirty\n');
      const state = await inspectRepo(dir);
      assert.equal(state.headBranch, null);
      assert.equal(state.defaultBranch, 'trunk');
      assert.equal(state.dirty, true);
      assert.notEqual(state.baseOid, head);
      assert.equal(git(dir, ['show', `${state.baseOid}:a.txt`]), 'dirty');
    });
  });
});
