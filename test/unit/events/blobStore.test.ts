import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFabricError } from '../../../src/runtime/errors';
import { blobPath, readBlob } from '../../../src/runtime/events';
import { sha256Digest, type Sha256Digest } from '../../../src/runtime/util/digest';
import { tempRoot } from './helpers';

describe('#readBlob', () => {
  const root = tempRoot();
  after(root.cleanup);
  const digest = sha256Digest('content');
  before(() => mkdirSync(join(root.path, 'blobs', 'sha256'), { recursive: true }));

  describe('when the blob is intact', () => {
    it('returns its bytes', () => {
      writeFileSync(blobPath(root.path, digest), 'content');
      assert.equal(readBlob(root.path, digest).toString('utf8'), 'content');
    });
  });

  describe('when the blob content differs from its name', () => {
    it('throws EVENTS_BLOB_CORRUPT', () => {
      writeFileSync(blobPath(root.path, digest), 'Content');
      assert.throws(() => readBlob(root.path, digest), (e) => isFabricError(e, 'EVENTS_BLOB_CORRUPT'));
    });
  });

  describe('when the blob is absent', () => {
    it('throws EVENTS_BLOB_MISSING', () => {
      assert.throws(() => readBlob(root.path, sha256Digest('other')), (e) => isFabricError(e, 'EVENTS_BLOB_MISSING'));
    });
  });

  describe('when the digest is malformed', () => {
    it('throws USAGE_INVALID without touching the file system', () => {
      assert.throws(() => readBlob(root.path, 'sha256:../../etc/passwd' as Sha256Digest), (e) => isFabricError(e, 'USAGE_INVALID'));
    });
  });
});
