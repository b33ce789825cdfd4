import { strict as assert } from 'node:assert';
import { compareRuns, parseTestOutput } from '../../../src/runtime/verify';
import type { SuiteRun } from '../../../src/runtime/verify';
import { parsedFixture } from './testResults/outputFixture';

/** A TAP run from `[title, ok]` pairs. */
function tapRun(results: [string, boolean][], exitCode = results.every(([, ok]) => ok) ? 0 : 1): SuiteRun {
  const lines = results.map(([title, ok], i) => `${ok ? 'ok' : 'not ok'} ${i + 1} - ${title}`);
  return parseTestOutput({ stdout: ['TAP version 13', ...lines, `1..${results.length}`].join('\n'), stderr: '', exitCode });
}

describe('#compareRuns', () => {
  describe('when a failing test now passes', () => {
    it('lists it as fixed and accepts the run', () => {
      const c = compareRuns(tapRun([['a', true], ['b', false]]), tapRun([['a', true], ['b', true]]));
      assert.deepEqual(c, { fixed: ['b'], regressions: [], stillFailing: [], newTests: [], regressionScore: 0, allPassing: true });
    });
  });

  describe('when a passing test now fails or is missing', () => {
    it('counts both as regressions', () => {
      const c = compareRuns(tapRun([['a', true], ['b', true], ['c', false]]), tapRun([['a', false], ['c', true]]));
      assert.deepEqual(c.regressions, ['a', 'b']);
      assert.equal(c.regressionScore, 2);
      assert.deepEqual(c.fixed, ['c']);
      assert.equal(c.allPassing, false);
    });
  });

  describe('when a failing test still fails, is skipped or vanishes', () => {
    it('lists it as still failing, never as fixed', () => {
      const base = parseTestOutput({ stdout: 'not ok 1 - a\nnot ok 2 - b\nnot ok 3 - c\n1..3', stderr: '', exitCode: 1 });
      const cand = parseTestOutput({ stdout: 'not ok 1 - a\nok 2 - b # SKIP\n1..2', stderr: '', exitCode: 1 });
      const c = compareRuns(base, cand);
      assert.deepEqual(c.stillFailing, ['a', 'b', 'c']);
      assert.deepEqual(c.fixed, []);
    });
  });

  describe('when the candidate adds tests', () => {
    it('lists them as new', () => {
      const c = compareRuns(tapRun([['a', true]]), tapRun([['a', true], ['z', true], ['m', false]]));
      assert.deepEqual(c.newTests, ['m', 'z']);
      assert.equal(c.regressionScore, 0);
      assert.equal(c.allPassing, false);
    });
  });

  describe('when comparing captured runs of the same suite', () => {
    it('finds nothing between a run and itself', () => {
      const run = parsedFixture('node-test-tap-mixed');
      const c = compareRuns(run, run);
      assert.deepEqual([c.fixed, c.regressions, c.newTests], [[], [], []]);
      assert.deepEqual(c.stillFailing, ['math suite > adds three']);
    });
    it('treats the crash of a tape test as the tests after it going missing', () => {
      const c = compareRuns(parsedFixture('tape-mixed'), parsedFixture('tape-crash'));
      assert.deepEqual(c.regressions, ['has a todo assertion', 'same title', 'same title #2', 'subtracts numbers']);
      assert.deepEqual(c.stillFailing, ['adds numbers']);
    });
  });

  describe('when neither run has parsed tests', () => {
    const plain = (exitCode: number): SuiteRun => parseTestOutput({ stdout: 'done\n', stderr: '', exitCode });
    it('uses the exit code as one pseudo-test', () => {
      assert.deepEqual(compareRuns(plain(1), plain(0)).fixed, ['<exit-code>']);
      assert.deepEqual(compareRuns(plain(0), plain(1)).regressions, ['<exit-code>']);
      assert.deepEqual(compareRuns(plain(1), plain(1)).stillFailing, ['<exit-code>']);
      assert.deepEqual(compareRuns(plain(0), plain(0)).fixed, []);
    });
  });
});
