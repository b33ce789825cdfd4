import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { addEvidenceNote, createFabricBranch, inspectRepo, listRangeCommits, readEvidenceNote, type RepoState } from '../../../src/runtime/git';
import { isFabricError } from '../../../src/runtime/errors';
import { git, makeRepo, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';

describe('#createFabricBranch', () => {
  const tmp = makeTempDir('fabric-git-branch-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  let state: RepoState;
  before(async () => {
    makeRepo(repo, { 'a.txt': 'a\n' });
    git(repo, ['branch', 'fabric/checked-out-00000000']);
    git(repo, ['checkout', '-q', 'fabric/checked-out-00000000']);
    state = await inspectRepo(repo);
  });

  describe('when the name is a new fabric/ branch', () => {
    it('creates it at the commit without moving HEAD', async () => {
      await createFabricBranch(state, 'fabric/fix-parse-1b2c3d4e', state.headOid);
      assert.equal(git(repo, ['rev-parse', 'refs/heads/fabric/fix-parse-1b2c3d4e']), state.headOid);
      assert.equal(git(repo, ['symbolic-ref', 'HEAD']), 'refs/heads/fabric/checked-out-00000000');
    });
  });
  describe('when the branch exists', () => {
    it('throws GIT_REF_EXISTS and leaves it alone', async () => {
      await assert.rejects(createFabricBranch(state, 'fabric/fix-parse-1b2c3d4e', state.headOid), (e: unknown) => isFabricError(e, 'GIT_REF_EXISTS'));
    });
  });
  describe('when the name is protected', () => {
    it('throws GIT_PROTECTED_REF for main, master, the default, the checked-out branch and non-fabric names', async () => {
      for (const name of ['main', 'master', 'feature/x', 'fabric/checked-out-00000000', 'refs/heads/main', 'fabric/../main']) {
        await assert.rejects(createFabricBranch(state, name, state.headOid), (e: unknown) => isFabricError(e, 'GIT_PROTECTED_REF'), name);
      }
      await assert.rejects(
        createFabricBranch({ ...state, defaultBranch: 'fabric/release' }, 'fabric/release', state.headOid),
        (e: unknown) => isFabricError(e, 'GIT_PROTECTED_REF'),
      );
      assert.equal(git(repo, ['rev-parse', 'main']), state.headOid);
    });
  });
});

describe('#addEvidenceNote', () => {
  const tmp = makeTempDir('fabric-git-notes-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  let head = '';
  before(() => {
    head = makeRepo(repo, { 'a.txt': 'a\n' });
  });

  describe('when a note is added', () => {
    it('is readable by git notes --ref fabric show and by readEvidenceNote', async () => {
      const text = '{"schema_version":1}\n';
      const notesCommit = await addEvidenceNote(repo, head, text);
      assert.equal(git(repo, ['rev-parse', 'refs/notes/fabric']), notesCommit);
      assert.equal(execFileSync('git', ['notes', '--ref', 'fabric', 'show', head], { cwd: repo, encoding: 'utf8' }), text);
      assert.equal(await readEvidenceNote(repo, head), text);
    });
  });
  describe('when the note is replaced', () => {
    it('keeps one note per commit, the newest', async () => {
      await addEvidenceNote(repo, head, 'second\n');
      assert.equal(execFileSync('git', ['notes', '--ref', 'fabric', 'show', head], { cwd: repo, encoding: 'utf8' }), 'second\n');
      assert.equal(git(repo, ['notes', '--ref', 'fabric', 'list']).split('\n').length, 1);
    });
  });
  describe('when git wrote the note', () => {
    it('readEvidenceNote reads it, and returns null for a commit without a note', async () => {
      writeFiles(repo, { 'b.txt': 'b\n' });
      git(repo, ['add', '-A']);
      git(repo, ['commit', '-q', '-m', 'b']);
      const second = git(repo, ['rev-parse', 'HEAD']);
      assert.equal(await readEvidenceNote(repo, second, 'refs/notes/other'), null);
      git(repo, ['notes', '--ref', 'other', 'add', '-m', 'from git', second]);
      assert.equal(await readEvidenceNote(repo, second, 'refs/notes/other'), 'from git\n');
      assert.equal(await readEvidenceNote(repo, head, 'refs/notes/other'), null);
    });
  });
  describe('when the notes ref is not under refs/notes/', () => {
    it('throws USAGE_INVALID', async () => {
      await assert.rejects(addEvidenceNote(repo, head, 'x', 'refs/heads/main'), (e: unknown) => isFabricError(e, 'USAGE_INVALID'));
    });
  });
});

describe('#listRangeCommits', () => {
  const tmp = makeTempDir('fabric-git-range-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  let base = '';
  before(() => {
    base = makeRepo(repo, { 'a.txt': 'a\n' });
    let t = 1_700_000_000;
    const commit = (file: string, msg: string): void => {
      writeFiles(repo, { [file]: `${file} ${t}\n` });
      git(repo, ['add', '-A']);
      t += 60;
      git(repo, ['commit', '-q', '-m', msg], { GIT_COMMITTER_DATE: `${t} +0000`, GIT_AUTHOR_DATE: `${t} +0000` });
    };
    git(repo, ['checkout', '-q', '-b', 'feature']);
    commit('f1.txt', 'Feature one\n\nFabric-Trace: t1\nFabric-Evidence: sha256:aa');
    git(repo, ['checkout', '-q', 'main']);
    commit('m1.txt', 'Main one');
    git(repo, ['checkout', '-q', 'feature']);
    commit('f2.txt', 'Feature two');
    git(repo, ['merge', '-q', '--no-edit', 'main'], { GIT_COMMITTER_DATE: '1700001000 +0000', GIT_AUTHOR_DATE: '1700001000 +0000' });
    commit('f3.txt', 'Feature three\n\nFabric-Trace: t3');
  });

  describe('when the range is two refs', () => {
    it('matches git rev-list, in order, with trailers', async () => {
      const ours = await listRangeCommits(repo, 'main..feature');
      assert.deepEqual(ours.map((c) => c.oid), git(repo, ['rev-list', 'main..feature']).split('\n'));
      assert.deepEqual(ours[ours.length - 1].trailers, { 'Fabric-Trace': 't1', 'Fabric-Evidence': 'sha256:aa' });
      assert.deepEqual(ours[0].trailers, { 'Fabric-Trace': 't3' });
    });
  });
  describe('when the range is given by commit ids', () => {
    it('matches git rev-list for full and abbreviated ids', async () => {
      const tip = git(repo, ['rev-parse', 'feature']);
      const expected = git(repo, ['rev-list', `${base}..${tip}`]).split('\n');
      assert.deepEqual((await listRangeCommits(repo, `${base}..${tip}`)).map((c) => c.oid), expected);
      assert.deepEqual((await listRangeCommits(repo, `${base.slice(0, 10)}..feature`)).map((c) => c.oid), expected);
    });
  });
  describe('when the range is empty or malformed', () => {
    it('returns nothing for feature..main after the merge, and throws USAGE_INVALID for A...B', async () => {
      assert.deepEqual(await listRangeCommits(repo, 'feature..main'), []);
      await assert.rejects(listRangeCommits(repo, 'main...feature'), (e: unknown) => isFabricError(e, 'USAGE_INVALID'));
      await assert.rejects(listRangeCommits(repo, 'main..nope'), (e: unknown) => isFabricError(e, 'GIT_FAILED'));
    });
  });
});
