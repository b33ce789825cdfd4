/**
 * Verifies an event log offline (STYLE §4, §8): a pipeline of small checks per line, stopping at
 * the first failure and naming its line and field. Needs nothing but the log folder.
 *
 * Per line, in order: it parses; it matches the event schema; `v` is 1; `seq` is consecutive from
 * 0; `cause`, when present, is an earlier `seq`; trace/session/tenant ids equal line 1's;
 * `prev_hash` is the previous line's `hash` (`GENESIS_HASH` first); the recomputed `hash` matches;
 * the line is byte-for-byte the canonical JSON of its event (so no byte can change unnoticed); a
 * referenced blob exists and hashes to its name. Then: a torn tail fails, and so does a head that
 * differs from `expectedHead`.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FabricErrorCode } from '../errors';
import { isFabricError } from '../errors';
import { canonicalJson } from '../util/canonicalJson';
import { sha256Digest, type Sha256Digest } from '../util/digest';
import { readBlob } from './blobStore';
import { scanEventLines } from './lines';
import { validateEvent } from './schema';
import { EVENT_LOG_FILE, EVENT_VERSION, GENESIS_HASH, type FabricEvent } from './types';

/** Options of `verifyEventLog`. */
export interface VerifyEventLogOptions {
  /** The head the log must end at (e.g. an Evidence Bundle's `event_log`). */
  expectedHead?: { hash: string; count: number };
  /** Check that every `evidence_ref` blob exists and is intact. Default true. */
  checkBlobs?: boolean;
}

/** Why verification failed: the first bad line (1-based; 0 when the file itself is missing) and field. */
export interface EventLogVerificationError {
  code: FabricErrorCode;
  line: number;
  field: string;
  message: string;
}

/** `count` and `head_hash` always describe the verified prefix of the log. */
export type EventLogVerification =
  | { ok: true; count: number; head_hash: Sha256Digest }
  | { ok: false; count: number; head_hash: Sha256Digest; error: EventLogVerificationError };

type Failure = Omit<EventLogVerificationError, 'line'>;

interface ChainState {
  dir: string;
  checkBlobs: boolean;
  first: FabricEvent | null;
  count: number;
  head: Sha256Digest;
  goodBlobs: Set<string>;
}

function fail(code: FabricErrorCode, field: string, message: string): Failure {
  return { code, field, message };
}

function verifySchema(value: unknown): Failure | null {
  const errors = validateEvent(value);
  return errors.length === 0 ? null : fail('SCHEMA_INVALID', errors[0], `not an event: ${errors.join(', ')}`);
}

function verifyVersion(e: FabricEvent): Failure | null {
  return e.v === EVENT_VERSION ? null : fail('SCHEMA_INVALID', 'v', `unsupported event version ${e.v}`);
}

function verifySeq(e: FabricEvent, s: ChainState): Failure | null {
  return e.seq === s.count ? null : fail('EVENTS_CHAIN_BROKEN', 'seq', `seq ${e.seq}, expected ${s.count}`);
}

function verifyCause(e: FabricEvent): Failure | null {
  return e.cause === undefined || e.cause < e.seq ? null : fail('SCHEMA_INVALID', 'cause', `cause ${e.cause} is not an earlier seq`);
}

function verifyIds(e: FabricEvent, s: ChainState): Failure | null {
  if (s.first === null) return null;
  for (const key of ['trace_id', 'session_id', 'tenant_id'] as const) {
    if (e[key] !== s.first[key]) return fail('EVENTS_CHAIN_BROKEN', key, `${key} differs from line 1`);
  }
  return null;
}

function verifyPrevHash(e: FabricEvent, s: ChainState): Failure | null {
  return e.prev_hash === s.head ? null : fail('EVENTS_CHAIN_BROKEN', 'prev_hash', `prev_hash is not the previous event's hash ${s.head}`);
}

function verifyHash(e: FabricEvent): Failure | null {
  const { hash, ...body } = e;
  const actual = sha256Digest(canonicalJson(body));
  return actual === hash ? null : fail('EVENTS_CHAIN_BROKEN', 'hash', `hash ${hash} does not match the content ${actual}`);
}

function verifyCanonicalBytes(e: FabricEvent, text: string): Failure | null {
  return canonicalJson(e) === text ? null : fail('EVENTS_INVALID_LINE', '(line)', 'line is not the canonical JSON of its event');
}

function verifyBlob(e: FabricEvent, s: ChainState): Failure | null {
  const ref = e.evidence_ref;
  if (!s.checkBlobs || ref === undefined || s.goodBlobs.has(ref)) return null;
  try {
    readBlob(s.dir, ref);
  } catch (err) {
    if (isFabricError(err, 'EVENTS_BLOB_MISSING') || isFabricError(err, 'EVENTS_BLOB_CORRUPT')) {
      return fail(err.code, 'evidence_ref', err.message);
    }
    throw err;
  }
  s.goodBlobs.add(ref);
  return null;
}

function verifyLine(value: unknown, text: string, s: ChainState): Failure | null {
  const schema = verifySchema(value);
  if (schema !== null) return schema;
  const e = value as FabricEvent;
  return (
    verifyVersion(e) ??
    verifySeq(e, s) ??
    verifyCause(e) ??
    verifyIds(e, s) ??
    verifyPrevHash(e, s) ??
    verifyHash(e) ??
    verifyCanonicalBytes(e, text) ??
    verifyBlob(e, s)
  );
}

function verifyExpectedHead(s: ChainState, expected: { hash: string; count: number } | undefined): Failure | null {
  if (expected === undefined) return null;
  if (expected.count !== s.count) return fail('EVENTS_CHAIN_BROKEN', 'event_log.count', `log has ${s.count} events, expected ${expected.count}`);
  if (expected.hash !== s.head) return fail('EVENTS_CHAIN_BROKEN', 'event_log.head_hash', `log head is ${s.head}, expected ${expected.hash}`);
  return null;
}

/** Locates the log file and its folder from either. */
function locate(dirOrFile: string): { file: string; dir: string } {
  try {
    if (statSync(dirOrFile).isDirectory()) return { file: join(dirOrFile, EVENT_LOG_FILE), dir: dirOrFile };
  } catch {
    // not there: reported when reading
  }
  return { file: dirOrFile, dir: dirname(dirOrFile) };
}

/**
 * Verifies the log in folder `dirOrFile` (or the `agent_events.jsonl` file itself, blobs beside
 * it). Never throws for a bad log: the result says what failed, where. A missing file is
 * `EVIDENCE_MISSING` at line 0.
 */
export function verifyEventLog(dirOrFile: string, opts: VerifyEventLogOptions = {}): EventLogVerification {
  const { file, dir } = locate(dirOrFile);
  const s: ChainState = { dir, checkBlobs: opts.checkBlobs ?? true, first: null, count: 0, head: GENESIS_HASH, goodBlobs: new Set() };
  const result = (line: number, f: Failure | null): EventLogVerification =>
    f === null ? { ok: true, count: s.count, head_hash: s.head } : { ok: false, count: s.count, head_hash: s.head, error: { ...f, line } };

  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (e) {
    return result(0, fail('EVIDENCE_MISSING', '(file)', `cannot read event log: ${(e as Error).message}`));
  }
  const scanned = scanEventLines(content);
  for (const { line, text, value } of scanned.entries) {
    const f = verifyLine(value, text, s);
    if (f !== null) return result(line, f);
    const e = value as FabricEvent;
    if (s.first === null) s.first = e;
    s.count += 1;
    s.head = e.hash;
  }
  if (scanned.invalid !== null) {
    return result(scanned.invalid.line, fail('EVENTS_INVALID_LINE', '(line)', `line is not JSON: ${(scanned.invalid.error as Error).message}`));
  }
  if (scanned.torn !== null) {
    return result(scanned.torn.line, fail('EVENTS_TORN_LINE', '(line)', 'last line is torn (cut short or unparseable)'));
  }
  return result(s.count, verifyExpectedHead(s, opts.expectedHead));
}
