import { strict as assert } from 'node:assert';
import { parseExploreArg } from '../../../src/editor/exploreArgs';
import { diagnosticAt, goalFromDiagnostic, goalFromFile, goalFromTest, MAX_GOAL_LENGTH, type DiagnosticLike } from '../../../src/editor/goalText';

const diag = (severity: DiagnosticLike['severity'], line: number, from: number, to: number, message = `m${severity}`): DiagnosticLike => ({
  message,
  severity,
  range: { start: { line, character: from }, end: { line, character: to } },
});

describe('#diagnosticAt', () => {
  describe('when several diagnostics contain the cursor', () => {
    it('picks the most severe, then the narrowest', () => {
      const warn = diag(1, 3, 0, 10);
      const wideError = diag(0, 3, 0, 40);
      const narrowError = diag(0, 3, 2, 6);
      assert.equal(diagnosticAt([warn, wideError, narrowError], { line: 3, character: 4 }), narrowError);
    });
  });
  describe('when none contains the cursor', () => {
    it('falls back to the cursor line and ignores hints', () => {
      const onLine = diag(1, 5, 20, 25);
      assert.equal(diagnosticAt([onLine, diag(3, 5, 0, 3)], { line: 5, character: 1 }), onLine);
      assert.equal(diagnosticAt([diag(3, 5, 0, 3)], { line: 5, character: 1 }), undefined);
      assert.equal(diagnosticAt([diag(0, 9, 0, 3)], { line: 5, character: 1 }), undefined);
    });
  });
});

describe('#goalFromDiagnostic', () => {
  it('is one line naming the source, the message and the 1-based position', () => {
    const goal = goalFromDiagnostic({ ...diag(0, 11, 0, 1, 'Expected 3\n  but got 2'), source: 'ts' }, 'src/a.ts');
    assert.ok(!goal.includes('\n'));
    assert.ok(goal.startsWith('ts: Expected 3'));
    assert.ok(goal.endsWith('(src/a.ts:12)'));
  });
  it('stays within the pre-fill limit', () => {
    assert.ok(goalFromDiagnostic(diag(0, 0, 0, 1, 'x'.repeat(5000)), 'f.js').length <= MAX_GOAL_LENGTH);
    assert.ok(goalFromTest({ label: 'y'.repeat(5000) }).length <= MAX_GOAL_LENGTH);
  });
});

describe('#parseExploreArg', () => {
  const rel = (p: string) => p.replace('/ws/', '');

  describe('when called from the palette', () => {
    it('asks for the goal', () => {
      assert.deepEqual(parseExploreArg(undefined, rel), { kind: 'ask' });
    });
  });
  describe('when given a goal', () => {
    it('runs at once (and keeps the folder)', () => {
      assert.deepEqual(parseExploreArg({ goal: 'fix it', folder: '/ws' }, rel), { kind: 'run', goal: 'fix it', folder: '/ws' });
      assert.deepEqual(parseExploreArg({ goal: '   ' }, rel), { kind: 'ask' });
    });
  });
  describe('when given a quick-fix pre-fill', () => {
    it('asks, pre-filled', () => {
      assert.deepEqual(parseExploreArg({ prefill: 'tsc: boom', folder: '/ws/a.ts' }, rel), { kind: 'ask', prefill: 'tsc: boom', folder: '/ws/a.ts' });
    });
  });
  describe('when given a test item from the Testing view', () => {
    it('asks, pre-filled from the test and its file', () => {
      const r = parseExploreArg({ id: 't1', label: 'adds numbers', uri: { scheme: 'file', fsPath: '/ws/test/add.test.js' } }, rel);
      assert.deepEqual(r, { kind: 'ask', prefill: goalFromTest({ label: 'adds numbers', file: 'test/add.test.js' }), folder: '/ws/test/add.test.js' });
    });
  });
  describe('when given a file URI', () => {
    it('asks, pre-filled from the file', () => {
      assert.deepEqual(parseExploreArg({ scheme: 'file', fsPath: '/ws/lib/x.js' }, rel), { kind: 'ask', prefill: goalFromFile('lib/x.js'), folder: '/ws/lib/x.js' });
    });
  });
});
