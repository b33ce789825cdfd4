/**
 * The parsers and the focused commands against the runners installed in this repository, run for
 * real on throwaway test files (the captured fixtures pin their output; this catches drift).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareRuns, failingTestFiles, focusTestCommand, parseTestOutput } from '../../../src/runtime/verify';
import type { SuiteRun } from '../../../src/runtime/verify';
import { makeTempDir } from '../../helpers/tmp';

const REPO_MODULES = join(__dirname, '..', '..', '..', 'node_modules');

function workspace(files: Record<string, string>): string {
  const tmp = makeTempDir('fabric-runner-');
  after(tmp.cleanup);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(tmp.path, rel, '..'), { recursive: true });
    writeFileSync(join(tmp.path, rel), text);
  }
  symlinkSync(REPO_MODULES, join(tmp.path, 'node_modules'), 'dir');
  return tmp.path;
}

function run(cwd: string, command: string): SuiteRun {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  return parseTestOutput({ stdout: r.stdout, stderr: r.stderr, exitCode: r.status, workspaceRoot: cwd });
}

describe('#parseTestOutput with live runners', () => {
  describe('when tape runs a failing and a passing file', () => {
    it('finds the failing file, and the focused command runs only it', () => {
      const dir = workspace({
        'test/a.js': "require('tape')('a works', (t) => { t.equal(1, 2, 'one is two'); t.end(); });\n",
        'test/b.js': "require('tape')('b works', (t) => { t.ok(true); t.end(); });\n",
      });
      const whole = run(dir, 'node_modules/.bin/tape test/*.js');
      assert.deepEqual(whole.tests.map((t) => [t.id, t.status]), [['a works', 'fail'], ['b works', 'pass']]);
      const files = failingTestFiles(whole, dir);
      assert.deepEqual(files, ['test/a.js']);
      const focused = focusTestCommand({ testCommand: 'node_modules/.bin/tape test/*.js', files });
      assert.ok(focused);
      assert.deepEqual(run(dir, focused).tests.map((t) => t.id), ['a works']);
    });
  });

  describe('when node --test runs nested subtests', () => {
    it('reads the same tests from TAP and from spec output', () => {
      const dir = workspace({
        'test/n.test.js': [
          "const test = require('node:test');",
          "test('outer', async (t) => { await t.test('inner ok', () => {}); await t.test('inner bad', () => { throw new Error('x'); }); });",
          '',
        ].join('\n'),
      });
      const tap = run(dir, 'node --test');
      const spec = run(dir, 'node --test --test-reporter=spec');
      assert.deepEqual(tap.tests.map((t) => [t.id, t.status]), [['outer > inner ok', 'pass'], ['outer > inner bad', 'fail']]);
      assert.equal(spec.format, 'node-test-spec');
      const c = compareRuns(tap, spec);
      assert.deepEqual([c.fixed, c.regressions, c.newTests, c.stillFailing], [[], [], [], ['outer > inner bad']]);
      assert.deepEqual(failingTestFiles(tap, dir), ['test/n.test.js']);
    });
  });

  describe('when mocha runs with the JSON reporter', () => {
    it('ids carry the workspace-relative file', () => {
      const dir = workspace({ 'test/m.test.js': "describe('s', () => { it('t', () => {}); });\n" });
      const json = run(dir, 'node_modules/.bin/mocha --reporter json');
      assert.deepEqual(json.tests.map((t) => t.id), ['test/m.test.js::s t']);
      assert.equal(json.passed, true);
    });
  });
});
