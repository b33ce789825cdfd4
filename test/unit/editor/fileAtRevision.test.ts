import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { applyEdit, contentOf, decodeFileRef, encodeFileRef, readFileAtRevision } from '../../../src/editor/fileAtRevision';
import { isFabricError } from '../../../src/runtime/errors';
import { git, makeRepo, writeFiles } from '../../helpers/gitRepo';
import { makeTempDir } from '../../helpers/tmp';

describe('#readFileAtRevision', () => {
  const tmp = makeTempDir('fabric-revision-');
  after(() => tmp.cleanup());
  const repo = join(tmp.path, 'repo');
  let base = '';
  before(() => {
    base = makeRepo(repo, { 'lib/a.js': 'if (n < max) return n;\n', 'bin.dat': 'a\u0000b' });
    writeFiles(repo, { 'lib/a.js': 'changed in the working tree\n' });
  });

  describe('when the file exists at the revision', () => {
    it('reads the committed content, not the working tree', async () => {
      assert.equal(await readFileAtRevision(repo, base, 'lib/a.js'), 'if (n < max) return n;\n');
    });
  });
  describe('when the file does not exist there', () => {
    it('is empty (an added file)', async () => {
      assert.equal(await readFileAtRevision(repo, base, 'lib/new.js'), '');
    });
  });
  describe('when the file is binary', () => {
    it('says so instead of showing bytes', async () => {
      assert.match(await readFileAtRevision(repo, base, 'bin.dat'), /^\(binary file/);
    });
  });
  describe('#contentOf', () => {
    it('applies a candidate edit on top of the base', async () => {
      const text = await contentOf({ repo, rev: base, path: 'lib/a.js', edit: { start: 6, end: 7, replacement: '<=' } });
      assert.equal(text, 'if (n <= max) return n;\n');
      assert.equal(git(repo, ['status', '--porcelain']).trim(), 'M lib/a.js', 'the repository is only read');
    });
  });
});

describe('#decodeFileRef', () => {
  const ref = { repo: '/r', rev: 'a'.repeat(40), path: 'x.js', edit: { start: 1, end: 2, replacement: 'y' } };
  it('round-trips what encodeFileRef wrote', () => {
    assert.deepEqual(decodeFileRef(encodeFileRef(ref)), ref);
  });
  it('refuses anything else with SCHEMA_INVALID', () => {
    for (const bad of ['', 'nope', JSON.stringify({ ...ref, rev: 'HEAD' }), JSON.stringify({ ...ref, extra: 1 }), JSON.stringify({ ...ref, edit: { start: -1, end: 2, replacement: '' } })]) {
      assert.throws(() => decodeFileRef(bad), (e: unknown) => isFabricError(e, 'SCHEMA_INVALID'), bad);
    }
  });
});

describe('#applyEdit', () => {
  it('refuses an edit outside the text', () => {
    assert.throws(() => applyEdit('abc', { start: 2, end: 9, replacement: '' }), (e: unknown) => isFabricError(e, 'PATCH_INVALID'));
    assert.equal(applyEdit('abc', { start: 3, end: 3, replacement: 'd' }), 'abcd');
  });
});
