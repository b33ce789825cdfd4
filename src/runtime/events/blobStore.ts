/**
 * The content-addressed blob store beside an event log: `<dir>/blobs/sha256/<hex>`. A blob's name
 * is the sha256 of its bytes, so events can reference long evidence by digest (`evidence_ref`) and
 * any change to a blob is detectable.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync, constants } from 'node:fs';
import { join } from 'node:path';
import { FabricError } from '../errors';
import { isSha256Digest, sha256Digest, type Sha256Digest } from '../util/digest';

/** The folder holding the blobs of the log in `dir`. */
export function blobDir(dir: string): string {
  return join(dir, 'blobs', 'sha256');
}

/** Where the blob `digest` of the log in `dir` lives. Throws `USAGE_INVALID` for a malformed digest. */
export function blobPath(dir: string, digest: string): string {
  if (!isSha256Digest(digest)) {
    throw new FabricError('USAGE_INVALID', `not a sha256 digest: ${JSON.stringify(digest)}`, { data: { digest } });
  }
  return join(blobDir(dir), digest.slice('sha256:'.length));
}

let tempCounter = 0;

/**
 * Stores `bytes` (already redacted) content-addressed: written to a temp file in the same folder,
 * then renamed into place, so a reader never sees a half-written blob. Idempotent: an existing blob
 * is left alone. Not fsynced here (appends stay fast): the returned `written` path is for the
 * caller to fsync at its next sync point.
 */
export function writeBlob(dir: string, bytes: Uint8Array): { digest: Sha256Digest; path: string; written: boolean } {
  const digest = sha256Digest(bytes);
  const path = blobPath(dir, digest);
  if (existsSync(path)) return { digest, path, written: false };
  tempCounter += 1;
  const temp = `${path}.tmp-${process.pid}-${tempCounter}`;
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  return { digest, path, written: true };
}

/**
 * The bytes of blob `digest` in the log folder `dir`, after checking that they hash to `digest`.
 * Throws `EVENTS_BLOB_MISSING` (no such blob) or `EVENTS_BLOB_CORRUPT` (content does not match).
 */
export function readBlob(dir: string, digest: Sha256Digest): Buffer {
  const path = blobPath(dir, digest);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new FabricError('EVENTS_BLOB_MISSING', `blob ${digest} is missing`, { cause: e, data: { digest } });
  }
  const actual = sha256Digest(bytes);
  if (actual !== digest) {
    throw new FabricError('EVENTS_BLOB_CORRUPT', `blob ${digest} has content ${actual}`, { data: { digest, actual } });
  }
  return bytes;
}
