import { strict as assert } from 'node:assert';
import { EventBatcher, type Schedule } from '../../../src/editor/eventBatcher';

function manualClock(): { schedule: Schedule; fire(): void; pending(): number } {
  let queued: (() => void)[] = [];
  return {
    schedule: (fn) => {
      queued.push(fn);
      return { cancel: () => (queued = queued.filter((f) => f !== fn)) };
    },
    fire: () => {
      const now = queued;
      queued = [];
      for (const f of now) f();
    },
    pending: () => queued.length,
  };
}

describe('#EventBatcher', () => {
  describe('when items arrive faster than the delay', () => {
    it('delivers them together once the timer fires', () => {
      const clock = manualClock();
      const got: number[][] = [];
      const b = new EventBatcher<number>((items) => got.push(items), { delayMs: 100, maxBatch: 10, schedule: clock.schedule });
      b.push(1);
      b.push(2);
      b.push(3);
      assert.deepEqual(got, []);
      assert.equal(clock.pending(), 1, 'one timer for the whole batch');
      clock.fire();
      assert.deepEqual(got, [[1, 2, 3]]);
    });
  });
  describe('when a batch fills up', () => {
    it('delivers at once, in batches of at most maxBatch', () => {
      const clock = manualClock();
      const got: number[][] = [];
      const b = new EventBatcher<number>((items) => got.push(items), { delayMs: 100, maxBatch: 2, schedule: clock.schedule });
      for (let i = 0; i < 5; i++) b.push(i);
      assert.deepEqual(got, [
        [0, 1],
        [2, 3],
      ]);
      b.flush();
      assert.deepEqual(got.at(-1), [4]);
      assert.equal(clock.pending(), 0);
    });
  });
  describe('when disposed', () => {
    it('drops what is queued and ignores later items', () => {
      const clock = manualClock();
      const got: number[][] = [];
      const b = new EventBatcher<number>((items) => got.push(items), { delayMs: 100, maxBatch: 10, schedule: clock.schedule });
      b.push(1);
      b.dispose();
      b.push(2);
      clock.fire();
      b.flush();
      assert.deepEqual(got, []);
    });
  });
});
