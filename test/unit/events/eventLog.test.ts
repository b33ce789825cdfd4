import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFabricError } from '../../../src/runtime/errors';
import { EventLog, GENESIS_HASH, readBlob, readEventLog, verifyEventLog, type FabricEvent } from '../../../src/runtime/events';
import { canonicalJson } from '../../../src/runtime/util/canonicalJson';
import { canonicalDigest } from '../../../src/runtime/util/digest';
import { IDS, steppingClock, tempRoot } from './helpers';

const GH_TOKEN = 'ghp_' + 'Ab1'.repeat(12);
const ENV_SECRET = 'hunter2-env-value-9431';

describe('#EventLog.create', () => {
  const root = tempRoot();
  after(root.cleanup);

  describe('when the folder is new', () => {
    it('creates the folder, an empty log and the blob store', () => {
      const dir = join(root.path, 'new', 'run');
      const log = EventLog.create(dir, IDS, { clock: steppingClock(1) });
      assert.equal(log.path, join(dir, 'agent_events.jsonl'));
      assert.equal(readFileSync(log.path, 'utf8'), '');
      assert.ok(statSync(join(dir, 'blobs')).isDirectory());
      assert.deepEqual(log.head(), { hash: GENESIS_HASH, count: 0 });
      assert.deepEqual(log.ids, IDS);
      log.close();
    });
  });

  describe('when a log already exists there', () => {
    it('refuses with USAGE_INVALID and leaves the log untouched', () => {
      const dir = join(root.path, 'twice');
      const log = EventLog.create(dir, IDS, { clock: steppingClock(1), defaultTaskId: 't' });
      log.append({ agent_id: 'planner:0', action_type: 'thought', payload: { text: 'hi' } });
      log.close();
      const before = readFileSync(log.path, 'utf8');
      assert.throws(() => EventLog.create(dir, IDS, { clock: steppingClock(1) }), (e) => isFabricError(e, 'USAGE_INVALID'));
      assert.equal(readFileSync(log.path, 'utf8'), before);
    });
  });

  describe('when the ids are not non-empty strings', () => {
    it('refuses with SCHEMA_INVALID naming every bad id', () => {
      assert.throws(
        () => EventLog.create(join(root.path, 'bad-ids'), { trace_id: '', session_id: 's', tenant_id: 7 as unknown as string }, { clock: steppingClock(1) }),
        (e) => isFabricError(e, 'SCHEMA_INVALID') && JSON.stringify(e.data?.errors) === JSON.stringify(['trace_id', 'tenant_id']),
      );
    });
  });
});

describe('#EventLog.append', () => {
  const root = tempRoot();
  after(root.cleanup);
  let n = 0;
  const fresh = (opts: { step?: number; extraSecrets?: string[] } = {}): EventLog =>
    EventLog.create(join(root.path, `log-${n++}`), IDS, { clock: steppingClock(opts.step ?? 0.5), defaultTaskId: 'task-1', extraSecrets: opts.extraSecrets });

  describe('when events are appended', () => {
    it('stamps consecutive seq, chains prev_hash to hash and hashes the canonical JSON without hash', () => {
      const log = fresh();
      const a = log.append({ agent_id: 'localizer:0', action_type: 'tool_call', capability_id: 'tests.run', payload: { cmd: 'npm test' } });
      const b = log.append({ agent_id: 'localizer:0', action_type: 'tool_result', payload: { exit: 1 }, cause: a.seq, task_id: 'task-2' });
      assert.equal(a.seq, 0);
      assert.equal(b.seq, 1);
      assert.equal(a.prev_hash, GENESIS_HASH);
      assert.equal(b.prev_hash, a.hash);
      assert.equal(b.task_id, 'task-2');
      assert.equal(a.task_id, 'task-1');
      for (const e of [a, b]) {
        const { hash, ...body } = e;
        assert.equal(hash, canonicalDigest(body));
      }
      assert.deepEqual(log.head(), { hash: b.hash, count: 2 });
      log.close();
    });

    it('writes each event as one canonical JSON line that reads back equal', () => {
      const log = fresh();
      const a = log.append({ agent_id: 'planner:0', action_type: 'plan_update', payload: { z: 1, a: [1, 'two', null], nested: { b: true } } });
      log.close();
      const text = readFileSync(log.path, 'utf8');
      assert.equal(text, `${canonicalJson(a)}\n`);
      assert.deepEqual(readEventLog(log.path).events, [a]);
    });

    it('returns a deeply frozen event that later changes to the input cannot reach', () => {
      const log = fresh();
      const payload = { list: [{ x: 1 }] };
      const e = log.append({ agent_id: 'planner:0', action_type: 'thought', payload });
      payload.list[0].x = 2;
      assert.ok(Object.isFrozen(e));
      assert.ok(Object.isFrozen(e.payload));
      assert.ok(Object.isFrozen((e.payload.list as unknown[])[0]));
      assert.deepEqual(e.payload, { list: [{ x: 1 }] });
      log.close();
    });
  });

  describe('when time passes in steps smaller than a microsecond, or not at all', () => {
    for (const step of [0, 0.0004, 0.25]) {
      it(`keeps timestamps strictly increasing with microseconds (monotonic step ${step} ms)`, () => {
        const log = fresh({ step });
        const events: FabricEvent[] = [];
        for (let i = 0; i < 50; i++) events.push(log.append({ agent_id: 'implementer:2', action_type: 'budget', payload: { i } }));
        log.close();
        assert.match(events[0].timestamp, /^2026-11-23T15:07:29\.123\d{3}Z$/);
        for (const e of events) assert.match(e.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
        for (let i = 1; i < events.length; i++) assert.ok(events[i].timestamp > events[i - 1].timestamp, `${events[i].timestamp} > ${events[i - 1].timestamp}`);
      });
    }
  });

  describe('when the payload holds secrets', () => {
    it('redacts pattern secrets and extra secrets in values and keys before hashing and writing', () => {
      const log = fresh({ extraSecrets: [ENV_SECRET] });
      const e = log.append({
        agent_id: 'implementer:0',
        action_type: 'tool_result',
        payload: { stdout: `token=${GH_TOKEN}`, env: [`X=${ENV_SECRET}`], [GH_TOKEN]: { deep: ENV_SECRET } },
      });
      log.close();
      const text = readFileSync(log.path, 'utf8');
      assert.ok(!text.includes(GH_TOKEN));
      assert.ok(!text.includes(ENV_SECRET));
      assert.ok(!JSON.stringify(e).includes(GH_TOKEN));
      assert.equal(e.payload.stdout, 'token=[REDACTED:github-token]');
      assert.deepEqual(e.payload.env, ['X=[REDACTED:env]']);
    });
  });

  describe('when the input is malformed', () => {
    it('refuses a bad agent_id, an unknown action type and a missing task with SCHEMA_INVALID naming the fields', () => {
      const log = EventLog.create(join(root.path, `log-${n++}`), IDS, { clock: steppingClock(1) });
      assert.throws(
        () => log.append({ agent_id: 'no-instance', action_type: 'nope' as 'thought', payload: {} }),
        (e) => isFabricError(e, 'SCHEMA_INVALID') && JSON.stringify(e.data?.errors) === JSON.stringify(['task_id', 'agent_id', 'action_type']),
      );
      assert.deepEqual(log.head(), { hash: GENESIS_HASH, count: 0 });
      log.close();
      assert.equal(readFileSync(log.path, 'utf8'), '');
    });

    it('refuses payload values JSON cannot carry, naming every path', () => {
      const log = fresh();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      assert.throws(
        () => log.append({ agent_id: 'planner:0', action_type: 'thought', payload: { a: NaN, b: [1n], c: new Map(), d: cyclic, ok: new Date(0) } }),
        (e) => isFabricError(e, 'SCHEMA_INVALID') && JSON.stringify(e.data?.errors) === JSON.stringify(['payload.a', 'payload.b.0', 'payload.c', 'payload.d.self']),
      );
      log.close();
    });

    it('refuses a cause that is not an earlier seq', () => {
      const log = fresh();
      log.append({ agent_id: 'planner:0', action_type: 'thought', payload: {} });
      for (const cause of [1, 5, -1, 0.5]) {
        assert.throws(() => log.append({ agent_id: 'planner:0', action_type: 'thought', payload: {}, cause }), (e) => isFabricError(e, 'SCHEMA_INVALID'));
      }
      log.close();
    });

    it('refuses an evidence_ref that is not in the blob store with EVENTS_BLOB_MISSING', () => {
      const log = fresh();
      assert.throws(
        () => log.append({ agent_id: 'planner:0', action_type: 'thought', payload: {}, evidence_ref: `sha256:${'a'.repeat(64)}` }),
        (e) => isFabricError(e, 'EVENTS_BLOB_MISSING'),
      );
      log.close();
    });
  });

  describe('when the log is closed', () => {
    it('refuses with USAGE_INVALID', () => {
      const log = fresh();
      log.close();
      log.close();
      assert.throws(() => log.append({ agent_id: 'planner:0', action_type: 'thought', payload: {} }), (e) => isFabricError(e, 'USAGE_INVALID'));
    });
  });
});

describe('#EventLog.onAppend', () => {
  const root = tempRoot();
  after(root.cleanup);

  describe('when listeners subscribe and unsubscribe', () => {
    it('calls them with each stamped event until unsubscribed', () => {
      const log = EventLog.create(join(root.path, 'l1'), IDS, { clock: steppingClock(1), defaultTaskId: 't' });
      const seen: number[] = [];
      const off = log.onAppend((e) => seen.push(e.seq));
      log.append({ agent_id: 'planner:0', action_type: 'thought', payload: {} });
      off();
      log.append({ agent_id: 'planner:0', action_type: 'thought', payload: {} });
      assert.deepEqual(seen, [0]);
      log.close();
    });
  });

  describe('when a listener throws', () => {
    it('still records the event, calls the other listeners and rethrows', () => {
      const log = EventLog.create(join(root.path, 'l2'), IDS, { clock: steppingClock(1), defaultTaskId: 't' });
      const seen: number[] = [];
      log.onAppend(() => {
        throw new Error('listener bug');
      });
      log.onAppend((e) => seen.push(e.seq));
      assert.throws(() => log.append({ agent_id: 'planner:0', action_type: 'thought', payload: {} }), /listener bug/);
      assert.deepEqual(seen, [0]);
      assert.equal(log.head().count, 1);
      log.close();
      assert.equal(readEventLog(log.path).events.length, 1);
    });
  });
});

describe('#EventLog.putBlob', () => {
  const root = tempRoot();
  after(root.cleanup);

  describe('when the same content is stored twice', () => {
    it('stores it once under blobs/sha256/<hex> and leaves no temp files', () => {
      const dir = join(root.path, 'b1');
      const log = EventLog.create(dir, IDS, { clock: steppingClock(1) });
      const a = log.putBlob('hello blob');
      const b = log.putBlob(new TextEncoder().encode('hello blob'));
      assert.equal(a, b);
      assert.deepEqual(readdirSync(join(dir, 'blobs', 'sha256')), [a.slice('sha256:'.length)]);
      assert.equal(readBlob(dir, a).toString('utf8'), 'hello blob');
      log.sync();
      log.close();
    });
  });

  describe('when the content holds secrets', () => {
    it('redacts strings and UTF-8 bytes, and stores binary as given', () => {
      const dir = join(root.path, 'b2');
      const log = EventLog.create(dir, IDS, { clock: steppingClock(1), extraSecrets: [ENV_SECRET] });
      const s = log.putBlob(`out ${GH_TOKEN} ${ENV_SECRET}`);
      const u = log.putBlob(new TextEncoder().encode(`bytes ${GH_TOKEN}`));
      const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x80]);
      const bin = log.putBlob(binary);
      log.close();
      assert.equal(readBlob(dir, s).toString('utf8'), 'out [REDACTED:github-token] [REDACTED:env]');
      assert.equal(readBlob(dir, u).toString('utf8'), 'bytes [REDACTED:github-token]');
      assert.deepEqual(new Uint8Array(readBlob(dir, bin)), binary);
      for (const name of readdirSync(join(dir, 'blobs', 'sha256'))) {
        const content = readFileSync(join(dir, 'blobs', 'sha256', name), 'latin1');
        assert.ok(!content.includes(GH_TOKEN) && !content.includes(ENV_SECRET));
      }
    });
  });
});

describe('#EventLog.inlineOrBlob', () => {
  const root = tempRoot();
  after(root.cleanup);

  describe('when the text is short', () => {
    it('keeps it inline, redacted, without a blob', () => {
      const dir = join(root.path, 'i1');
      const log = EventLog.create(dir, IDS, { clock: steppingClock(1) });
      assert.deepEqual(log.inlineOrBlob(`ok ${GH_TOKEN}`), { text: 'ok [REDACTED:github-token]', truncated: false });
      assert.deepEqual(readdirSync(join(dir, 'blobs', 'sha256')), []);
      log.close();
    });
  });

  describe('when the text is longer than maxInline', () => {
    it('stores the full redacted text as a blob and keeps a head+tail preview inline', () => {
      const dir = join(root.path, 'i2');
      const log = EventLog.create(dir, IDS, { clock: steppingClock(1), extraSecrets: [ENV_SECRET] });
      const text = `HEAD-${'x'.repeat(5000)} ${GH_TOKEN} ${ENV_SECRET} ${'y'.repeat(5000)}-TAIL`;
      const r = log.inlineOrBlob(text, 300);
      log.close();
      assert.equal(r.truncated, true);
      assert.ok(r.evidence_ref !== undefined);
      assert.ok(r.text.length <= 300);
      assert.ok(r.text.startsWith('HEAD-xxx'));
      assert.ok(r.text.endsWith('yyy-TAIL'));
      assert.ok(r.text.includes(r.evidence_ref));
      const full = readBlob(dir, r.evidence_ref).toString('utf8');
      assert.ok(full.startsWith('HEAD-') && full.endsWith('-TAIL'));
      assert.ok(!full.includes(GH_TOKEN) && !full.includes(ENV_SECRET));
      assert.ok(full.includes('[REDACTED:github-token] [REDACTED:env]'));
    });

    it('never splits a surrogate pair in the preview', () => {
      const log = EventLog.create(join(root.path, 'i3'), IDS, { clock: steppingClock(1) });
      const r = log.inlineOrBlob('😀'.repeat(2000), 301);
      log.close();
      assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(r.text));
    });
  });
});

describe('#EventLog.sync', () => {
  const root = tempRoot();
  after(root.cleanup);

  describe('when blobs and events were written', () => {
    it('syncs without changing the head, and close leaves a complete log', () => {
      const dir = join(root.path, 's1');
      const log = EventLog.create(dir, IDS, { clock: steppingClock(1), defaultTaskId: 't' });
      const ref = log.putBlob('evidence');
      log.append({ agent_id: 'verifier:0', action_type: 'verification', payload: {}, evidence_ref: ref });
      const head = log.head();
      log.sync();
      assert.deepEqual(log.head(), head);
      log.close();
      assert.ok(existsSync(join(dir, 'blobs', 'sha256', ref.slice(7))));
      assert.ok(readFileSync(log.path, 'utf8').endsWith('\n'));
    });
  });
});

describe('#EventEventLog.resume', () => {
  const clock = { now: () => new Date('2026-01-01T00:00:00Z'), monotonicMs: (() => { let t = 0; return () => (t += 1); })() };
  const ids = { trace_id: 't-1', session_id: 's-1', tenant_id: 'tenant' };

  describe('when the log is intact', () => {
    it('continues the chain from its head', () => {
      const dir = mkdtempSync(join(tmpdir(), 'fabric-resume-'));
      try {
        const log = EventLog.create(dir, ids, { clock, defaultTaskId: 'task' });
        log.append({ agent_id: 'verifier:1', action_type: 'thought', payload: { n: 1 } });
        log.close();
        const again = EventLog.resume(dir, { clock });
        const e = again.append({ agent_id: 'operator:cli', action_type: 'approval_decision', payload: { ok: true } });
        again.close();
        assert.equal(e.seq, 1);
        assert.equal(e.task_id, 'task');
        const result = verifyEventLog(dir);
        assert.equal(result.ok, true);
        assert.equal(result.count, 2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
  describe('when the log has a torn last line', () => {
    it('refuses to append', () => {
      const dir = mkdtempSync(join(tmpdir(), 'fabric-resume-'));
      try {
        const log = EventLog.create(dir, ids, { clock, defaultTaskId: 'task' });
        log.append({ agent_id: 'verifier:1', action_type: 'thought', payload: { n: 1 } });
        log.close();
        appendFileSync(join(dir, 'agent_events.jsonl'), '{"v":1,"seq":1');
        assert.throws(() => EventLog.resume(dir, { clock }), (e: { code?: string }) => e.code === 'EVENTS_TORN_LINE');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
