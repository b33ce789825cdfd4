import { strict as assert } from 'node:assert';
import { ochiai } from '../../../src/runtime/analysis';

const cov = (entries: Record<string, number[]>): Map<string, Set<number>> => new Map(Object.entries(entries).map(([f, l]) => [f, new Set(l)]));

describe('#ochiai', () => {
  describe('when two failing and two passing runs cover lines differently', () => {
    it('computes ef / sqrt(totalFailed * (ef + ep))', () => {
      const scores = ochiai([
        { failed: true, covered: cov({ 'a.js': [1, 2, 3] }) },
        { failed: true, covered: cov({ 'a.js': [1, 3] }) },
        { failed: false, covered: cov({ 'a.js': [1, 2] }) },
        { failed: false, covered: cov({ 'a.js': [1, 4] }) },
      ]);
      assert.equal(scores.get('a.js:1'), 2 / Math.sqrt(2 * 4));
      assert.equal(scores.get('a.js:2'), 1 / Math.sqrt(2 * 2));
      assert.equal(scores.get('a.js:3'), 1);
      assert.equal(scores.get('a.js:4'), 0);
      assert.equal(scores.has('a.js:5'), false);
    });
  });
  describe('when no run failed', () => {
    it('scores every covered line 0', () => {
      const scores = ochiai([{ failed: false, covered: cov({ 'a.js': [1] }) }]);
      assert.deepEqual([...scores], [['a.js:1', 0]]);
    });
  });
});
