/**
 * The append-only, hash-chained event log of one run (P3, ARCHITECTURE §5; STYLE §9).
 *
 * `append` is synchronous and cheap: it redacts the payload, stamps `seq`, `timestamp`,
 * `prev_hash` and `hash`, and writes one canonical-JSON line with a single `writeSync` on a file
 * descriptor opened with O_APPEND. It does not fsync; callers call `sync()` at phase boundaries,
 * which also makes blobs written since the last sync durable. Lines are written as the RFC 8785
 * canonical JSON of the event, so the bytes of a line are fully determined by its content and any
 * changed byte is detectable by `verifyEventLog`.
 */
import { closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../context';
import { FabricError, asFabricError } from '../errors';
import { canonicalJson } from '../util/canonicalJson';
import { sha256Digest, type Sha256Digest } from '../util/digest';
import { redactText } from '../verify/secrets';
import { blobDir, blobPath, writeBlob } from './blobStore';
import { headTailPreview } from './preview';
import { deepFreeze, redactPayload } from './redactPayload';
import { validateEvent, validateEventIds } from './schema';
import { MicrosecondStamper } from './timestamps';
import { readEventLog } from './readEventLog';
import { verifyEventLog } from './verifyEventLog';
import { EVENT_LOG_FILE, EVENT_VERSION, GENESIS_HASH, type EventIds, type EventInput, type EventListener, type FabricEvent } from './types';

/** Options of `EventLog.create`. */
export interface EventLogOptions {
  /** Source of timestamps: wall time once at open, then monotonic deltas. */
  clock: Clock;
  /** Literal values to redact everywhere (e.g. `secretEnvValues(env)`), besides the secret patterns. */
  extraSecrets?: string[];
  /** `task_id` for events appended without one. */
  defaultTaskId?: string;
}

/** Result of `EventLog.inlineOrBlob`. */
export interface InlineOrBlob {
  /** The (redacted) text, or a head-and-tail preview of it when it was too long. */
  text: string;
  /** True when `text` is a preview and the full text is in the blob `evidence_ref`. */
  truncated: boolean;
  /** The blob holding the full text, when truncated. */
  evidence_ref?: Sha256Digest;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class EventLog {
  private readonly fd: number;
  private readonly stamper: MicrosecondStamper;
  private readonly secrets: readonly string[];
  private readonly defaultTaskId: string | undefined;
  private readonly listeners = new Set<EventListener>();
  private readonly unsyncedBlobs: string[] = [];
  private lastHash: Sha256Digest = GENESIS_HASH;
  private count = 0;
  private closed = false;
  private failure: FabricError | null = null;

  private constructor(
    /** The log folder (holds `agent_events.jsonl` and `blobs/`). */
    readonly dir: string,
    /** The path of `agent_events.jsonl`. */
    readonly path: string,
    /** The ids stamped on every event. */
    readonly ids: Readonly<EventIds>,
    fd: number,
    opts: EventLogOptions,
  ) {
    this.fd = fd;
    this.stamper = new MicrosecondStamper(opts.clock);
    this.secrets = [...(opts.extraSecrets ?? [])];
    this.defaultTaskId = opts.defaultTaskId;
  }

  /**
   * Creates `dir` (if needed), a new empty `dir/agent_events.jsonl` and `dir/blobs/`. Refuses with
   * `USAGE_INVALID` when the log file already exists (a log is never reopened for writing), and
   * with `SCHEMA_INVALID` (`data.errors`) when `ids` are not non-empty strings.
   */
  static create(dir: string, ids: EventIds, opts: EventLogOptions): EventLog {
    const bad = validateEventIds(ids);
    if (bad.length > 0) {
      throw new FabricError('SCHEMA_INVALID', `invalid event ids: ${bad.join(', ')}`, { data: { errors: bad } });
    }
    const path = join(dir, EVENT_LOG_FILE);
    mkdirSync(blobDir(dir), { recursive: true });
    let fd: number;
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_APPEND, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new FabricError('USAGE_INVALID', `event log already exists: ${path}`, { cause: e, data: { path } });
      }
      throw asFabricError(e, 'INTERNAL');
    }
    const frozenIds = Object.freeze({ trace_id: ids.trace_id, session_id: ids.session_id, tenant_id: ids.tenant_id });
    return new EventLog(dir, path, frozenIds, fd, opts);
  }

  /**
   * Reopens an existing log for appending (e.g. an approval or a push after the run ended). The
   * whole log is verified first — a broken chain or a torn last line is refused with its code, so
   * nothing is ever appended after damage — and appending continues from its head.
   */
  static resume(dir: string, opts: EventLogOptions): EventLog {
    const verification = verifyEventLog(dir);
    if (!verification.ok) {
      throw new FabricError(verification.error.code, `cannot append to a damaged event log: line ${verification.error.line}: ${verification.error.message}`, {
        data: { ...verification.error },
      });
    }
    const { events } = readEventLog(join(dir, EVENT_LOG_FILE));
    const first = events[0];
    if (!first) throw new FabricError('EVIDENCE_MISSING', `event log ${dir} is empty`);
    const ids = Object.freeze({ trace_id: first.trace_id, session_id: first.session_id, tenant_id: first.tenant_id });
    const fd = openSync(join(dir, EVENT_LOG_FILE), constants.O_WRONLY | constants.O_APPEND);
    const log = new EventLog(dir, join(dir, EVENT_LOG_FILE), ids, fd, { ...opts, defaultTaskId: opts.defaultTaskId ?? first.task_id });
    log.lastHash = verification.head_hash;
    log.count = verification.count;
    log.stamper.resumeAfter(events[events.length - 1].timestamp);
    return log;
  }

  /**
   * Redacts, stamps and writes one event; returns it deep-frozen. Throws `SCHEMA_INVALID`
   * (`data.errors`) for a malformed input or a `cause` that is not an earlier `seq`,
   * `EVENTS_BLOB_MISSING` when `evidence_ref` is not in this log's blob store, `USAGE_INVALID`
   * after `close()`. Listeners run after the line is written; one that throws does not stop the
   * others, and the first such error is rethrown once all have run (the event stays recorded).
   */
  append(input: EventInput): FabricEvent {
    this.assertWritable();
    const seq = this.count;
    if (input.cause !== undefined && !(Number.isInteger(input.cause) && input.cause >= 0 && input.cause < seq)) {
      throw new FabricError('SCHEMA_INVALID', `cause ${input.cause} is not the seq of an earlier event`, { data: { errors: ['cause'] } });
    }
    if (input.evidence_ref !== undefined && !existsSync(blobPath(this.dir, input.evidence_ref))) {
      throw new FabricError('EVENTS_BLOB_MISSING', `evidence_ref ${input.evidence_ref} is not in the blob store`, { data: { digest: input.evidence_ref } });
    }
    const body: Record<string, unknown> = {
      v: EVENT_VERSION,
      seq,
      timestamp: this.stamper.next(),
      trace_id: this.ids.trace_id,
      session_id: this.ids.session_id,
      task_id: input.task_id ?? this.defaultTaskId,
      tenant_id: this.ids.tenant_id,
      agent_id: input.agent_id,
      capability_id: input.capability_id,
      action_type: input.action_type,
      payload: redactPayload(input.payload, this.secrets),
      evidence_ref: input.evidence_ref,
      cause: input.cause,
      prev_hash: this.lastHash,
    };
    for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
    const hash = sha256Digest(canonicalJson(body));
    const event = { ...body, hash };
    const bad = validateEvent(event);
    if (bad.length > 0) {
      throw new FabricError('SCHEMA_INVALID', `invalid event: ${bad.join(', ')}`, { data: { errors: bad } });
    }
    this.writeLine(`${canonicalJson(event)}\n`);
    this.lastHash = hash;
    this.count = seq + 1;
    const stamped = deepFreeze(event) as unknown as FabricEvent;
    this.notify(stamped);
    return stamped;
  }

  /**
   * Stores `data` in the blob store and returns its digest. Strings are redacted first; bytes
   * that are valid UTF-8 text are redacted too (only true binary is stored as given).
   */
  putBlob(data: string | Uint8Array): Sha256Digest {
    this.assertWritable();
    return this.storeRedacted(typeof data === 'string' ? redactText(data, this.secrets) : this.redactBytes(data));
  }

  /**
   * `text` redacted, inline when it has at most `maxInline` UTF-16 units; otherwise stored as a
   * blob with a head-and-tail preview (at most `maxInline` units) inline.
   */
  inlineOrBlob(text: string, maxInline = 4096): InlineOrBlob {
    this.assertWritable();
    if (!Number.isInteger(maxInline) || maxInline < 0) {
      throw new FabricError('USAGE_INVALID', `maxInline must be a non-negative integer, got ${maxInline}`, { data: { maxInline } });
    }
    const redacted = redactText(text, this.secrets);
    if (redacted.length <= maxInline) return { text: redacted, truncated: false };
    const evidence_ref = this.storeRedacted(redacted);
    return { text: headTailPreview(redacted, maxInline, evidence_ref), truncated: true, evidence_ref };
  }

  /** Makes everything written so far durable: blobs written since the last sync, their folder, and the log. */
  sync(): void {
    this.assertOpen();
    for (const path of this.unsyncedBlobs.splice(0)) fsyncPath(path);
    fsyncPath(blobDir(this.dir));
    fsyncSync(this.fd);
  }

  /** Hash of the last event (`GENESIS_HASH` when empty) and the number of events. */
  head(): { hash: Sha256Digest; count: number } {
    return { hash: this.lastHash, count: this.count };
  }

  /** Calls `listener` with every event appended from now on; returns the unsubscribe function. */
  onAppend(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Syncs and closes the log. Idempotent; later appends fail with `USAGE_INVALID`. */
  close(): void {
    if (this.closed) return;
    try {
      if (this.failure === null) this.sync();
    } finally {
      this.closed = true;
      this.listeners.clear();
      closeSync(this.fd);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new FabricError('USAGE_INVALID', `event log is closed: ${this.path}`, { data: { path: this.path } });
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.failure !== null) throw this.failure;
  }

  /** One write per event. A failed write may leave a torn line, so the log refuses further appends. */
  private writeLine(line: string): void {
    const bytes = Buffer.from(line, 'utf8');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
    } catch (e) {
      this.failure = new FabricError('INTERNAL', `event log write failed; log is now read-only: ${this.path}`, { cause: e, data: { path: this.path } });
      throw this.failure;
    }
  }

  private notify(event: FabricEvent): void {
    let first: unknown = undefined;
    let failed = false;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (e) {
        if (!failed) first = e;
        failed = true;
      }
    }
    if (failed) throw first;
  }

  private redactBytes(data: Uint8Array): Uint8Array {
    let text: string;
    try {
      text = UTF8.decode(data);
    } catch {
      return data;
    }
    const redacted = redactText(text, this.secrets);
    return redacted === text ? data : Buffer.from(redacted, 'utf8');
  }

  private storeRedacted(data: string | Uint8Array): Sha256Digest {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const { digest, path, written } = writeBlob(this.dir, bytes);
    if (written) this.unsyncedBlobs.push(path);
    return digest;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
