import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../../src/runtime/errors';
import { parseTestOutput } from '../../../../src/runtime/verify/testResults';
import { idsAndStatuses, outputFixture, parsedFixture } from './outputFixture';

const TAPE_MIXED: [string, string][] = [
  ['adds numbers', 'fail'],
  ['subtracts numbers', 'pass'],
  ['skipped test', 'skip'],
  ['has a todo assertion', 'pass'],
  ['same title', 'pass'],
  ['same title #2', 'pass'],
];

const NODE_TEST_MIXED: [string, string][] = [
  ['adds numbers', 'pass'],
  ['math suite > adds three', 'fail'],
  ['math suite > nested group > deep pass', 'pass'],
  ['math suite > same title', 'pass'],
  ['math suite > same title #2', 'pass'],
  ['skipped one', 'skip'],
  ['todo one', 'skip'],
  ['described > works inside describe', 'pass'],
];

describe('#parseTestOutput', () => {
  describe('when tape passes', () => {
    it('reads one test per `# name` header and passes the run', () => {
      const run = parsedFixture('tape-passing');
      assert.equal(run.format, 'tap');
      assert.deepEqual(idsAndStatuses(run), [['adds numbers', 'pass'], ['concatenates strings', 'pass']]);
      assert.deepEqual(run.counts, { pass: 2, fail: 0, skip: 0 });
      assert.equal(run.passed, true);
    });
  });

  describe('when tape has failing, skipped, todo and duplicate-title tests', () => {
    it('groups assertions under their header and numbers duplicate ids', () => {
      const run = parsedFixture('tape-mixed');
      assert.deepEqual(idsAndStatuses(run), TAPE_MIXED);
      assert.deepEqual(run.counts, { pass: 4, fail: 1, skip: 1 });
      assert.equal(run.passed, false);
    });
    it('takes the failing assertion and its YAML diagnostics as the failure', () => {
      const failure = parsedFixture('tape-mixed').tests[0].failure;
      assert.ok(failure);
      assert.match(failure.message, /^two plus three\n/);
      assert.match(failure.message, /expected: 5/);
      assert.match(failure.stack ?? '', /test\/math\.js:5:5/);
    });
  });

  describe('when npm wraps tape in its banner', () => {
    it('ignores the banner and reads the same tests', () => {
      const run = parsedFixture('npm-tape-mixed');
      assert.match(outputFixture('npm-tape-mixed').stdout, /^> sample@1\.0\.0 test$/m);
      assert.equal(run.format, 'tap');
      assert.deepEqual(idsAndStatuses(run), TAPE_MIXED);
    });
  });

  describe('when tape crashes inside a test', () => {
    it('fails the test that was running with the error from stderr', () => {
      const run = parsedFixture('tape-crash');
      assert.deepEqual(idsAndStatuses(run), [['adds numbers', 'fail']]);
      assert.equal(run.tests[0].failure?.message, 'Error: boom in add');
      assert.match(run.tests[0].failure?.stack ?? '', /src\/math\.js:2:22/);
    });
  });

  describe('when the same tape output ends with a different assertion count', () => {
    it('keeps the test ids', () => {
      const { stdout } = outputFixture('tape-passing');
      const fewer = stdout.replace('ok 2 two plus two\n', '').replace('ok 3 ', 'ok 2 ');
      const run = parseTestOutput({ stdout: fewer, stderr: '', exitCode: 0 });
      assert.deepEqual(run.tests.map((t) => t.id), parsedFixture('tape-passing').tests.map((t) => t.id));
    });
  });

  describe('when node --test prints TAP with nested subtests', () => {
    it('reads leaves by their full path and parents only through their children', () => {
      const run = parsedFixture('node-test-tap-mixed');
      assert.equal(run.format, 'tap');
      assert.deepEqual(idsAndStatuses(run), NODE_TEST_MIXED);
      assert.equal(run.tests[1].failure?.message, 'boom in add');
      assert.match(run.tests[1].failure?.stack ?? '', /test\/math\.test\.js:9:11/);
    });
    it('reads a passing run', () => {
      const run = parsedFixture('node-test-tap-passing');
      assert.deepEqual(idsAndStatuses(run), [['works', 'pass']]);
      assert.equal(run.passed, true);
    });
  });

  describe('when a nested parent fails while none of its children do', () => {
    it('reports the parent itself as failing', () => {
      const stdout = [
        '# Subtest: outer', '    # Subtest: inner', '    ok 1 - inner', '    1..1', 'not ok 1 - outer',
        '  ---', "  error: 'after hook failed'", '  ...', '1..1',
      ].join('\n');
      const run = parseTestOutput({ stdout, stderr: '', exitCode: 1 });
      assert.deepEqual(idsAndStatuses(run), [['outer > inner', 'pass'], ['outer', 'fail']]);
      assert.equal(run.tests[1].failure?.message, 'after hook failed');
    });
  });

  describe('when a subtest is named by an absolute file path', () => {
    it('makes that part of the id workspace-relative', () => {
      const stdout = ['# Subtest: /ws/test/a.js', '    ok 1 - works', '    1..1', 'ok 1 - /ws/test/a.js # time=12ms', '1..1'].join('\n');
      const run = parseTestOutput({ stdout, stderr: '', exitCode: 0, workspaceRoot: '/ws' });
      assert.deepEqual(idsAndStatuses(run), [['test/a.js > works', 'pass']]);
    });
  });

  describe('when node --test uses the spec reporter', () => {
    it('reads the same ids and statuses as its TAP output', () => {
      const run = parsedFixture('node-test-spec-mixed');
      assert.equal(run.format, 'node-test-spec');
      assert.deepEqual(idsAndStatuses(run), NODE_TEST_MIXED);
      assert.equal(run.tests[1].failure?.message, 'Error: boom in add');
    });
  });

  describe('when mocha uses the spec reporter', () => {
    it('builds full titles from nested suites, with failures, pending and duplicates', () => {
      const run = parsedFixture('mocha-spec-mixed');
      assert.equal(run.format, 'mocha-spec');
      assert.deepEqual(idsAndStatuses(run), [
        ['top level works', 'pass'],
        ['math compares', 'fail'],
        ['math compares #2', 'pass'],
        ['math add adds small numbers', 'pass'],
        ['math add adds three', 'fail'],
        ['math add adds big numbers', 'skip'],
      ]);
      assert.equal(run.exitCode, 2);
    });
    it('attaches the numbered failure details', () => {
      const run = parsedFixture('mocha-spec-mixed');
      assert.match(run.tests[1].failure?.message ?? '', /^AssertionError/);
      assert.equal(run.tests[4].failure?.message, 'Error: boom in add');
      assert.match(run.tests[4].failure?.stack ?? '', /^at add \(src\/math\.js:2:22\)/);
    });
    it('reads a passing run', () => {
      const run = parsedFixture('mocha-spec-passing');
      assert.deepEqual(idsAndStatuses(run), [['strings concatenates', 'pass'], ['strings upper uppercases', 'pass']]);
      assert.equal(run.passed, true);
    });
  });

  describe('when mocha uses the JSON reporter', () => {
    it('puts the workspace-relative file into the ids', () => {
      const run = parsedFixture('mocha-json-mixed');
      assert.equal(run.format, 'mocha-json');
      assert.deepEqual(idsAndStatuses(run), [
        ['test/math.test.js::top level works', 'pass'],
        ['test/math.test.js::math compares', 'fail'],
        ['test/math.test.js::math compares #2', 'pass'],
        ['test/math.test.js::math add adds small numbers', 'pass'],
        ['test/math.test.js::math add adds three', 'fail'],
        ['test/math.test.js::math add adds big numbers', 'skip'],
      ]);
      assert.equal(run.tests[4].failure?.message, 'boom in add');
    });
    it('keeps absolute files out of the ids when the workspace root is unknown', () => {
      const run = parsedFixture('mocha-json-mixed', null);
      assert.equal(run.tests[0].id, 'top level works');
      assert.equal(run.tests[0].file, '/home/dev/project/test/math.test.js');
    });
    it('finds the JSON after console output and records hook failures', () => {
      const doc = {
        stats: { tests: 1 },
        tests: [{ title: 'a', fullTitle: 's a', file: 'test/a.js', duration: 1, err: {} }],
        pending: [],
        failures: [{ title: '"after all" hook', fullTitle: 's "after all" hook', file: 'test/a.js', err: { message: 'bad hook' } }],
      };
      const run = parseTestOutput({ stdout: `log line\n${JSON.stringify(doc, null, 2)}\n`, stderr: '', exitCode: 1 });
      assert.deepEqual(idsAndStatuses(run), [['test/a.js::s a', 'pass'], ['test/a.js::s "after all" hook', 'fail']]);
    });
  });

  describe('when jest or vitest prints JSON', () => {
    it('reads assertion results per file', () => {
      const doc = {
        numTotalTests: 3,
        success: false,
        testResults: [
          {
            name: '/repo/src/sum.test.js',
            status: 'failed',
            message: '',
            assertionResults: [
              { ancestorTitles: ['sum'], title: 'adds', fullName: 'sum adds', status: 'passed', failureMessages: [] },
              { ancestorTitles: ['sum'], title: 'carries', fullName: 'sum carries', status: 'failed', failureMessages: ['Error: nope\n    at Object.<anonymous> (/repo/src/sum.test.js:9:5)'] },
              { ancestorTitles: [], title: 'later', status: 'todo' },
            ],
          },
          { name: '/repo/src/broken.test.js', status: 'failed', message: 'SyntaxError: Unexpected token', assertionResults: [] },
        ],
      };
      const run = parseTestOutput({ stdout: JSON.stringify(doc), stderr: '', exitCode: 1, workspaceRoot: '/repo' });
      assert.equal(run.format, 'jest-json');
      assert.deepEqual(idsAndStatuses(run), [
        ['src/sum.test.js::sum adds', 'pass'],
        ['src/sum.test.js::sum carries', 'fail'],
        ['src/sum.test.js::later', 'skip'],
        ['src/broken.test.js::(test file failed to run)', 'fail'],
      ]);
      assert.deepEqual(run.tests[1].failure, { message: 'Error: nope', stack: 'at Object.<anonymous> (/repo/src/sum.test.js:9:5)' });
    });
  });

  describe('when the output is plain TAP without tape headers', () => {
    it('takes each result as a test and reads SKIP and TODO directives', () => {
      const stdout = ['1..4', 'ok 1 - first', 'not ok 2 - second', 'ok 3 - third # SKIP no db', 'not ok 4 - fourth # TODO later'].join('\n');
      const run = parseTestOutput({ stdout, stderr: '', exitCode: 1 });
      assert.deepEqual(idsAndStatuses(run), [['first', 'pass'], ['second', 'fail'], ['third', 'skip'], ['fourth', 'skip']]);
      assert.deepEqual(run.tests[1].failure, { message: 'second' });
    });
  });

  describe('when no reporter output is recognisable', () => {
    it('falls back to the exit code', () => {
      const run = parsedFixture('node-plain-failing');
      assert.equal(run.format, 'none');
      assert.deepEqual(run.tests, []);
      assert.equal(run.passed, false);
      assert.equal(parseTestOutput({ stdout: 'all good\n', stderr: '', exitCode: 0 }).passed, true);
    });
  });

  describe('when every test passes but the run did not', () => {
    it('fails the run on a non-zero exit code or a timeout', () => {
      const { stdout } = outputFixture('tape-passing');
      assert.equal(parseTestOutput({ stdout, stderr: '', exitCode: 1 }).passed, false);
      assert.equal(parseTestOutput({ stdout, stderr: '', exitCode: null, timedOut: true }).passed, false);
    });
  });

  describe('when the input is not test output', () => {
    it('throws USAGE_INVALID', () => {
      const bad = { stdout: 1, stderr: '', exitCode: 1.5 } as unknown as Parameters<typeof parseTestOutput>[0];
      assert.throws(() => parseTestOutput(bad), (e: unknown) => isFabricError(e, 'USAGE_INVALID'));
    });
  });
});
