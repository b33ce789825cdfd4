import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFabricError } from '../../../src/runtime/errors';
import { readEventLog } from '../../../src/runtime/events';
import { tempRoot, writeSmallLog } from './helpers';

describe('#readEventLog', () => {
  const root = tempRoot();
  after(root.cleanup);
  let n = 0;
  const logText = (): { path: string; lines: string[] } => {
    const { log } = writeSmallLog(join(root.path, `r-${n++}`));
    return { path: log.path, lines: readFileSync(log.path, 'utf8').split('\n').slice(0, -1) };
  };

  describe('when the log is complete', () => {
    it('returns every event in order and no torn line', () => {
      const { path } = logText();
      const { events, torn } = readEventLog(path);
      assert.deepEqual(events.map((e) => [e.seq, e.action_type]), [[0, 'tool_call'], [1, 'tool_result'], [2, 'verification']]);
      assert.equal(torn, null);
    });
  });

  describe('when the last line has no newline', () => {
    it('reports it as torn and does not use it, even if it parses', () => {
      const { path, lines } = logText();
      writeFileSync(path, `${lines[0]}\n${lines[1]}\n${lines[2]}`);
      const { events, torn } = readEventLog(path);
      assert.equal(events.length, 2);
      assert.deepEqual(torn, { line: 3, text: lines[2] });
    });
  });

  describe('when the last line does not parse', () => {
    it('reports it as torn', () => {
      const { path, lines } = logText();
      writeFileSync(path, `${lines[0]}\n${lines[1].slice(0, 30)}\n`);
      const { events, torn } = readEventLog(path);
      assert.equal(events.length, 1);
      assert.deepEqual(torn, { line: 2, text: lines[1].slice(0, 30) });
    });
  });

  describe('when a middle line does not parse', () => {
    it('throws EVENTS_INVALID_LINE with the 1-based line', () => {
      const { path, lines } = logText();
      writeFileSync(path, `${lines[0]}\n{oops\n${lines[2]}\n`);
      assert.throws(() => readEventLog(path), (e) => isFabricError(e, 'EVENTS_INVALID_LINE') && e.data?.line === 2);
    });
  });

  describe('when a line parses but is not an event', () => {
    it('throws SCHEMA_INVALID with the line and every bad field', () => {
      const { path, lines } = logText();
      const bad = { ...JSON.parse(lines[1]), seq: -1, extra: true };
      delete bad.hash;
      writeFileSync(path, `${lines[0]}\n${JSON.stringify(bad)}\n`);
      assert.throws(
        () => readEventLog(path),
        (e) => isFabricError(e, 'SCHEMA_INVALID') && e.data?.line === 2 && JSON.stringify(e.data?.errors) === JSON.stringify(['hash', 'extra', 'seq']),
      );
    });
  });

  describe('when the file is empty', () => {
    it('returns no events', () => {
      const path = join(root.path, 'empty.jsonl');
      writeFileSync(path, '');
      assert.deepEqual(readEventLog(path), { events: [], torn: null });
    });
  });
});
