import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventLog, GENESIS_HASH, readEventLog, verifyEventLog, type EventLogVerification } from '../../../src/runtime/events';
import { IDS, steppingClock, tempRoot, writeSmallLog } from './helpers';

function failure(r: EventLogVerification): { code: string; line: number; field: string } {
  assert.equal(r.ok, false, 'verification should fail');
  if (r.ok) throw new Error('unreachable');
  return { code: r.error.code, line: r.error.line, field: r.error.field };
}

describe('#verifyEventLog', () => {
  const root = tempRoot();
  after(root.cleanup);
  let n = 0;
  const smallLog = (withBlob = true): { dir: string; log: EventLog } => {
    const dir = join(root.path, `v-${n++}`);
    return { dir, ...writeSmallLog(dir, withBlob) };
  };

  describe('when the log was written by EventLog', () => {
    it('verifies the chain from the folder or the file, with the head it ended at', () => {
      const { dir, log } = smallLog();
      const head = log.head();
      for (const target of [dir, log.path]) {
        assert.deepEqual(verifyEventLog(target), { ok: true, count: 3, head_hash: head.hash });
        assert.deepEqual(verifyEventLog(target, { expectedHead: head }), { ok: true, count: 3, head_hash: head.hash });
      }
    });

    it('verifies an empty log as zero events at the genesis hash', () => {
      const dir = join(root.path, `v-${n++}`);
      EventLog.create(dir, IDS, { clock: steppingClock(1) }).close();
      assert.deepEqual(verifyEventLog(dir, { expectedHead: { hash: GENESIS_HASH, count: 0 } }), { ok: true, count: 0, head_hash: GENESIS_HASH });
    });
  });

  describe('when any single byte of any line is changed', () => {
    it('fails and names the line holding that byte', () => {
      const { dir, log } = smallLog();
      const original = readFileSync(log.path);
      const flipped = join(dir, 'flipped.jsonl');
      let checked = 0;
      for (let pos = 0; pos < original.length; pos++) {
        const expectedLine = 1 + original.subarray(0, pos).filter((b) => b === 0x0a).length;
        for (const mask of [0x01, 0x20, 0xff]) {
          const copy = Buffer.from(original);
          copy[pos] ^= mask;
          writeFileSync(flipped, copy);
          const r = verifyEventLog(flipped);
          const f = failure(r);
          assert.equal(f.line, expectedLine, `byte ${pos} ^ ${mask} reported at line ${f.line} (${f.code} ${f.field})`);
          assert.ok(r.count < expectedLine);
          checked++;
        }
      }
      assert.equal(checked, original.length * 3);
    });
  });

  describe('when the last line is torn', () => {
    it('reports EVENTS_TORN_LINE for a cut-short line and keeps the verified prefix', () => {
      const { log } = smallLog();
      const lines = readFileSync(log.path, 'utf8').split('\n');
      const good = readEventLog(log.path).events;
      writeFileSync(log.path, `${lines[0]}\n${lines[1]}\n${lines[2].slice(0, 40)}`);
      const r = verifyEventLog(log.path);
      assert.deepEqual(failure(r), { code: 'EVENTS_TORN_LINE', line: 3, field: '(line)' });
      assert.equal(r.count, 2);
      assert.equal(r.head_hash, good[1].hash);
    });

    it('reports EVENTS_TORN_LINE for a complete last line missing only its newline', () => {
      const { log } = smallLog();
      writeFileSync(log.path, readFileSync(log.path, 'utf8').slice(0, -1));
      assert.deepEqual(failure(verifyEventLog(log.path)), { code: 'EVENTS_TORN_LINE', line: 3, field: '(line)' });
    });
  });

  describe('when lines are removed, reordered, reformatted or spliced in', () => {
    it('reports a removed middle line as EVENTS_CHAIN_BROKEN at the seq of the next one', () => {
      const { log } = smallLog();
      const lines = readFileSync(log.path, 'utf8').split('\n');
      writeFileSync(log.path, `${lines[0]}\n${lines[2]}\n`);
      assert.deepEqual(failure(verifyEventLog(log.path)), { code: 'EVENTS_CHAIN_BROKEN', line: 2, field: 'seq' });
    });

    it('reports swapped lines as EVENTS_CHAIN_BROKEN at the first out-of-order line', () => {
      const { log } = smallLog();
      const lines = readFileSync(log.path, 'utf8').split('\n');
      writeFileSync(log.path, `${lines[0]}\n${lines[2]}\n${lines[1]}\n`);
      assert.deepEqual(failure(verifyEventLog(log.path)), { code: 'EVENTS_CHAIN_BROKEN', line: 2, field: 'seq' });
    });

    it('reports a removed last line only against the expected head', () => {
      const { log } = smallLog();
      const head = log.head();
      const lines = readFileSync(log.path, 'utf8').split('\n');
      writeFileSync(log.path, `${lines[0]}\n${lines[1]}\n`);
      assert.equal(verifyEventLog(log.path).ok, true);
      assert.deepEqual(failure(verifyEventLog(log.path, { expectedHead: head })), { code: 'EVENTS_CHAIN_BROKEN', line: 2, field: 'event_log.count' });
      assert.deepEqual(failure(verifyEventLog(log.path, { expectedHead: { hash: head.hash, count: 2 } })), {
        code: 'EVENTS_CHAIN_BROKEN',
        line: 2,
        field: 'event_log.head_hash',
      });
    });

    it('reports a line from another trace as EVENTS_CHAIN_BROKEN on trace_id', () => {
      const { log } = smallLog(false);
      const otherDir = join(root.path, `v-${n++}`);
      const other = EventLog.create(otherDir, { ...IDS, trace_id: 'trace-other' }, { clock: steppingClock(1), defaultTaskId: 'task-1' });
      for (let i = 0; i < 4; i++) other.append({ agent_id: 'planner:0', action_type: 'thought', payload: { i } });
      other.close();
      const fourth = readFileSync(other.path, 'utf8').split('\n')[3];
      appendFileSync(log.path, `${fourth}\n`);
      assert.deepEqual(failure(verifyEventLog(log.path)), { code: 'EVENTS_CHAIN_BROKEN', line: 4, field: 'trace_id' });
    });

    it('reports a reformatted line with unchanged content as EVENTS_INVALID_LINE', () => {
      const { log } = smallLog();
      const lines = readFileSync(log.path, 'utf8').split('\n');
      lines[1] = JSON.stringify(JSON.parse(lines[1]), null, 1).replace(/\n/g, ' ');
      writeFileSync(log.path, lines.join('\n'));
      assert.deepEqual(failure(verifyEventLog(log.path)), { code: 'EVENTS_INVALID_LINE', line: 2, field: '(line)' });
    });

    it('reports an unparseable middle line as EVENTS_INVALID_LINE', () => {
      const { log } = smallLog();
      const lines = readFileSync(log.path, 'utf8').split('\n');
      lines[1] = '{not json';
      writeFileSync(log.path, lines.join('\n'));
      assert.deepEqual(failure(verifyEventLog(log.path)), { code: 'EVENTS_INVALID_LINE', line: 2, field: '(line)' });
    });
  });

  describe('when a referenced blob is altered or missing', () => {
    it('reports EVENTS_BLOB_CORRUPT at the line that references it', () => {
      const { dir, log } = smallLog();
      const ref = readEventLog(log.path).events[1].evidence_ref as string;
      const blob = join(dir, 'blobs', 'sha256', ref.slice('sha256:'.length));
      writeFileSync(blob, 'tool output that is kept as evidencE\n');
      assert.deepEqual(failure(verifyEventLog(dir)), { code: 'EVENTS_BLOB_CORRUPT', line: 2, field: 'evidence_ref' });
      assert.equal(verifyEventLog(dir, { checkBlobs: false }).ok, true);
    });

    it('reports EVENTS_BLOB_MISSING at the line that references it', () => {
      const { dir, log } = smallLog();
      const ref = readEventLog(log.path).events[1].evidence_ref as string;
      rmSync(join(dir, 'blobs', 'sha256', ref.slice('sha256:'.length)));
      assert.deepEqual(failure(verifyEventLog(dir)), { code: 'EVENTS_BLOB_MISSING', line: 2, field: 'evidence_ref' });
    });
  });

  describe('when there is no log', () => {
    it('reports EVIDENCE_MISSING at line 0', () => {
      assert.deepEqual(failure(verifyEventLog(join(root.path, 'nowhere'))), { code: 'EVIDENCE_MISSING', line: 0, field: '(file)' });
    });
  });
});
