import { strict as assert } from 'node:assert';
import { failingTestFiles, parseTestOutput } from '../../../../src/runtime/verify/testResults';
import type { SuiteRun } from '../../../../src/runtime/verify/testResults';
import { CAPTURED_ROOT, parsedFixture } from './outputFixture';

function runWith(tests: SuiteRun['tests']): SuiteRun {
  return { ...parseTestOutput({ stdout: '', stderr: '', exitCode: 1 }), tests };
}

describe('#failingTestFiles', () => {
  describe('when the runner reports files', () => {
    it('returns them workspace-relative', () => {
      assert.deepEqual(failingTestFiles(parsedFixture('mocha-json-mixed', null), CAPTURED_ROOT), ['test/math.test.js']);
    });
  });

  describe('when only stack frames name files', () => {
    it('prefers the first test-file frame over source frames and node_modules', () => {
      for (const name of ['tape-mixed', 'tape-crash', 'mocha-spec-mixed', 'node-test-tap-mixed', 'node-test-spec-mixed']) {
        const expected = name.startsWith('tape') ? ['test/math.js'] : ['test/math.test.js'];
        assert.deepEqual(failingTestFiles(parsedFixture(name), CAPTURED_ROOT), expected, name);
      }
    });
    it('falls back to the first workspace frame, skipping frames outside the workspace', () => {
      const run = runWith([
        { id: 'a', title: 'a', status: 'fail', failure: { message: 'x', stack: 'at f (/elsewhere/lib.js:1:1)\nat g (file:///ws/lib/util.mjs:3:9)' } },
        { id: 'b', title: 'b', status: 'pass' },
      ]);
      assert.deepEqual(failingTestFiles(run, '/ws'), ['lib/util.mjs']);
    });
  });

  describe('when nothing fails or no frame is known', () => {
    it('returns an empty list', () => {
      assert.deepEqual(failingTestFiles(parsedFixture('tape-passing'), CAPTURED_ROOT), []);
      assert.deepEqual(failingTestFiles(runWith([{ id: 'a', title: 'a', status: 'fail', failure: { message: 'boom' } }]), '/ws'), []);
    });
  });
});
