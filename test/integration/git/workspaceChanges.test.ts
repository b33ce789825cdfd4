import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSignedCommit, diffDigest, materializeTree, readTreeEntries, treeDiff, workspaceChanges, type FileChange } from '../../../src/runtime/git';
import { git, makeRepo, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { AUTHOR, testKey } from './helpers';

describe('#workspaceChanges', () => {
  const tmp = makeTempDir('fabric-git-ws-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  const ws = join(tmp.path, 'ws');
  let base = '';
  let changes: Awaited<ReturnType<typeof workspaceChanges>>;

  before(async () => {
    base = makeRepo(repo, {
      'src/a.js': 'one\ntwo\nthree\n',
      'src/gone.js': 'bye\n',
      'keep.txt': 'same\n',
      'img.bin': '\u0000\u0001\u0002',
      '.gitignore': 'coverage/\n',
    });
    mkdirSync(ws);
    await materializeTree(repo, base, ws);
    writeFiles(ws, {
      'src/a.js': 'one\nTWO\nthree\n',
      'src/new.js': 'fresh\n',
      'coverage/lcov.info': 'ignored build output\n',
      'node_modules/dep/index.js': 'skipped\n',
      'img.bin': '\u0000\u0009',
    });
    chmodSync(join(ws, 'src/new.js'), 0o755);
    rmSync(join(ws, 'src/gone.js'));
    changes = await workspaceChanges(repo, base, ws);
  });

  describe('when files are changed, added, deleted and ignored', () => {
    it('lists the changed paths by blob id, sorted, without ignored or node_modules files', async () => {
      const baseEntries = await readTreeEntries(repo, base);
      assert.deepEqual(
        changes.entries.map((e) => [e.path, e.old_oid === null, e.new_oid === null]),
        [
          ['img.bin', false, false],
          ['src/a.js', false, false],
          ['src/gone.js', false, true],
          ['src/new.js', true, false],
        ],
      );
      assert.equal(changes.entries[1].old_oid, baseEntries.get('src/a.js')?.oid);
      assert.equal(changes.entries[1].new_oid, git(ws, ['hash-object', 'src/a.js']));
    });
    it('gives the text of both sides and flags binary files', () => {
      const a = changes.files.find((f) => f.path === 'src/a.js');
      assert.deepEqual(a, { path: 'src/a.js', before: 'one\ntwo\nthree\n', after: 'one\nTWO\nthree\n', binary: false, mode: '100644' });
      const bin = changes.files.find((f) => f.path === 'img.bin');
      assert.equal(bin?.binary, true);
      assert.equal(changes.files.find((f) => f.path === 'src/new.js')?.mode, '100755');
    });
    it('produces a patch that git apply accepts on the base', () => {
      const text = changes.patch.split('diff --git').filter((p) => !p.includes('img.bin')).join('diff --git');
      const check = join(tmp.path, 'check');
      git(tmp.path, ['clone', '-q', repo, check]);
      writeFileSync(join(tmp.path, 'p.diff'), text);
      execFileSync('git', ['apply', join(tmp.path, 'p.diff')], { cwd: check });
      assert.equal(readFileSync(join(check, 'src/a.js'), 'utf8'), 'one\nTWO\nthree\n');
      assert.equal(readFileSync(join(check, 'src/new.js'), 'utf8'), 'fresh\n');
    });
  });

  describe('when the changes are committed', () => {
    it('has a digest equal to diffDigest(treeDiff(base, commit))', async () => {
      const fileChanges: FileChange[] = changes.files.map((f) => ({
        path: f.path,
        content: f.mode === null ? null : f.binary ? readFileSync(join(ws, f.path)) : (f.after as string),
        ...(f.mode === '100755' ? { mode: '100755' as const } : {}),
      }));
      const commit = await createSignedCommit(repo, { parentOid: base, changes: fileChanges, message: 'Apply', trailers: {}, author: AUTHOR, signer: testKey(5) });
      const diff = await treeDiff(repo, base, commit);
      assert.deepEqual(diff, changes.entries);
      assert.equal(diffDigest(diff), changes.digest);
      assert.match(git(repo, ['ls-tree', commit, 'src/new.js']), /^100755 /);
    });
  });

  describe('when nothing changed', () => {
    it('returns no entries and the digest of an empty list', async () => {
      const clean = join(tmp.path, 'clean');
      mkdirSync(clean);
      await materializeTree(repo, base, clean);
      const res = await workspaceChanges(repo, base, clean);
      assert.deepEqual(res.entries, []);
      assert.equal(res.patch, '');
      assert.equal(res.digest, diffDigest([]));
    });
  });
});
