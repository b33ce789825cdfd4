import { strict as assert } from 'node:assert';
import { canonicalDigest } from '../../../../src/runtime/util/digest';
import { normalizeRun, parseTestOutput } from '../../../../src/runtime/verify/testResults';
import { outputFixture, parsedFixture } from './outputFixture';

describe('#normalizeRun', () => {
  describe('when a run is normalised', () => {
    it('keeps format, exit code, timeout and [id, status] pairs sorted by id', () => {
      assert.deepEqual(normalizeRun(parsedFixture('mocha-spec-mixed')), {
        format: 'mocha-spec',
        exitCode: 2,
        timedOut: false,
        tests: [
          ['math add adds big numbers', 'skip'],
          ['math add adds small numbers', 'pass'],
          ['math add adds three', 'fail'],
          ['math compares', 'fail'],
          ['math compares #2', 'pass'],
          ['top level works', 'pass'],
        ],
      });
    });
  });

  describe('when two runs differ only in durations and messages', () => {
    it('hashes the same', () => {
      const { stdout, stderr, exitCode } = outputFixture('node-test-tap-mixed');
      const again = stdout.replace(/duration_ms: 0/g, 'duration_ms: 12.5').replace("error: 'boom in add'", "error: 'boom again'");
      const a = normalizeRun(parseTestOutput({ stdout, stderr, exitCode }));
      const b = normalizeRun(parseTestOutput({ stdout: again, stderr, exitCode }));
      assert.equal(canonicalDigest(a), canonicalDigest(b));
    });
  });

  describe('when a test changes status', () => {
    it('hashes differently', () => {
      const { stdout, stderr } = outputFixture('tape-passing');
      const a = normalizeRun(parseTestOutput({ stdout, stderr, exitCode: 0 }));
      const b = normalizeRun(parseTestOutput({ stdout: stdout.replace('ok 3', 'not ok 3'), stderr, exitCode: 1 }));
      assert.notEqual(canonicalDigest(a), canonicalDigest(b));
    });
  });
});
