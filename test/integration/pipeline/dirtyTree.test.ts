/**
 * A run on a dirty working tree fixes what the user sees: the uncommitted edits are snapshotted as
 * a commit object (no ref moved) that becomes the fix's parent, and the user's working tree, index
 * and refs are left exactly as they were, uncommitted edits included.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixResult } from '../../../src/runtime/pipeline/options';
import { git, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';
import { fabricContext, isFabricRefPath, leftoverWorkspaces, makeTextkitRepo, mapChanges, porcelainStatus, repoBytes, runOn, type RepoBytes } from './helpers';

const EDITED_README = '# textkit\n\nWork in progress: a new section the user has not committed yet.\n';
const UNTRACKED = 'todo: benchmark wrap() on long words\n';

describe('#runFix', () => {
  const tmp = makeTempDir('fabric-pipeline-dirty-');
  const repo = join(tmp.path, 'textkit');
  let head = '';
  let bytesBefore: RepoBytes;
  let statusBefore = '';
  let result: FixResult;

  before(async () => {
    head = makeTextkitRepo(repo);
    writeFiles(repo, { 'README.md': EDITED_README, 'notes/todo.txt': UNTRACKED });
    statusBefore = porcelainStatus(repo);
    bytesBefore = repoBytes(repo);
    const run = await runOn(fabricContext(join(tmp.path, 'home')), { workspace: repo });
    assert.ok(run.result, `runFix threw ${run.error?.code}: ${run.error?.message}`);
    result = run.result;
  });
  after(() => tmp.cleanup());

  describe('when the working tree has a modified tracked file and an untracked file', () => {
    it('still finds and commits the fix', () => {
      assert.equal(result.outcome, 'success', result.reason);
      assert.equal(git(repo, ['rev-parse', `refs/heads/${result.branch}`]), result.commit);
    });

    it("bases the fix on a snapshot commit (child of HEAD) holding the user's uncommitted changes", () => {
      const snapshot = result.base_commit;
      assert.notEqual(snapshot, head);
      assert.equal(git(repo, ['rev-parse', `${result.commit}^`]), snapshot);
      assert.equal(git(repo, ['rev-parse', `${snapshot}^`]), head);
      assert.equal(git(repo, ['show', `${snapshot}:README.md`]) + '\n', EDITED_README);
      assert.equal(git(repo, ['show', `${snapshot}:notes/todo.txt`]) + '\n', UNTRACKED);
      assert.deepEqual(git(repo, ['diff-tree', '--no-commit-id', '--name-only', '-r', head, snapshot]).split('\n').sort(), ['README.md', 'notes/todo.txt']);
      // The fix commit carries them too, plus only the fix itself.
      assert.equal(git(repo, ['show', `${result.commit}:README.md`]) + '\n', EDITED_README);
      assert.deepEqual(git(repo, ['diff-tree', '--no-commit-id', '--name-only', '-r', snapshot, result.commit as string]).split('\n'), ['lib/truncate.js']);
    });

    it('moves no ref to the snapshot', () => {
      const refs = git(repo, ['for-each-ref', '--format=%(objectname)']).split('\n');
      assert.ok(!refs.includes(result.base_commit));
      assert.equal(git(repo, ['rev-parse', 'HEAD']), head);
    });

    it('leaves the working tree, index and existing refs byte-identical, uncommitted edits included', () => {
      const after = repoBytes(repo);
      assert.deepEqual(mapChanges(bytesBefore.tree, after.tree), { changed: [], removed: [], added: [] });
      assert.equal(after.index, bytesBefore.index);
      const gitChanges = mapChanges(bytesBefore.gitFiles, after.gitFiles);
      assert.deepEqual({ changed: gitChanges.changed, removed: gitChanges.removed, added: gitChanges.added.filter((p) => !isFabricRefPath(p)) }, { changed: [], removed: [], added: [] });
      const refs = mapChanges(bytesBefore.refs, after.refs);
      assert.deepEqual({ changed: refs.changed, removed: refs.removed }, { changed: [], removed: [] });
      assert.equal(readFileSync(join(repo, 'README.md'), 'utf8'), EDITED_README);
      assert.equal(readFileSync(join(repo, 'notes', 'todo.txt'), 'utf8'), UNTRACKED);
      assert.ok(readFileSync(join(repo, 'lib', 'truncate.js'), 'utf8').includes('text.length < max'), 'the fix was written into the working tree');
      assert.equal(porcelainStatus(repo), statusBefore);
      assert.notEqual(statusBefore, '');
    });

    it('removes every temp workspace', () => {
      assert.deepEqual(leftoverWorkspaces(result.trace_id), []);
    });
  });
});
