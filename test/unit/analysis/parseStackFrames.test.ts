import { strict as assert } from 'node:assert';
import { parseStackFrames } from '../../../src/runtime/analysis';

describe('#parseStackFrames', () => {
  const root = '/home/dev/proj';

  describe('when frames use absolute paths and file URLs', () => {
    it('returns workspace-relative posix paths in order, with function names', () => {
      const stack = [
        "TypeError: Cannot read properties of null (reading 'name')",
        '    at initials (file:///home/dev/proj/lib/initials.mjs:3:22)',
        '    at Object.format [as fmt] (/home/dev/proj/lib/format.js:10:5)',
        '    at /home/dev/proj/lib/anon.js:4:1',
        '    at async run (/home/dev/proj/src/run.js:7:3)',
        '    at new Widget (/home/dev/proj/src/widget.js:2:9)',
        '    at TestContext.<anonymous> (file:///home/dev/proj/test/a.test.mjs:10:22)',
      ].join('\n');
      assert.deepEqual(parseStackFrames(stack, root), [
        { file: 'lib/initials.mjs', line: 3, column: 22, functionName: 'initials' },
        { file: 'lib/format.js', line: 10, column: 5, functionName: 'Object.format' },
        { file: 'lib/anon.js', line: 4, column: 1 },
        { file: 'src/run.js', line: 7, column: 3, functionName: 'run' },
        { file: 'src/widget.js', line: 2, column: 9, functionName: 'new Widget' },
        { file: 'test/a.test.mjs', line: 10, column: 22, functionName: 'TestContext.<anonymous>' },
      ]);
    });
  });

  describe('when frames are internals, dependencies or outside the workspace', () => {
    it('drops them', () => {
      const stack = [
        '    at Test.run (node:internal/test_runner/test:796:25)',
        '    at Module._compile (node:internal/modules/cjs/loader:1364:14)',
        '    at Object.<anonymous> (/home/dev/proj/node_modules/tape/lib/test.js:1:1)',
        '    at other (/home/dev/other/x.js:1:1)',
        '    at sneaky (/home/dev/proj/../other/x.js:1:1)',
        '    at async Promise.all (index 0)',
        '    at keep (/home/dev/proj/a.js:1:2)',
      ].join('\n');
      assert.deepEqual(parseStackFrames(stack, root), [{ file: 'a.js', line: 1, column: 2, functionName: 'keep' }]);
    });
  });

  describe('when frames are relative or printed by the TAP reporter', () => {
    it('keeps relative paths relative and accepts `at`-less absolute frames', () => {
      const stack = ['    at f (lib/a.js:2:3)', '  stack: |-', '    g (file:///home/dev/proj/lib/b.js:4:5)', '    just some words (not a frame)'].join('\n');
      assert.deepEqual(parseStackFrames(stack, root), [
        { file: 'lib/a.js', line: 2, column: 3, functionName: 'f' },
        { file: 'lib/b.js', line: 4, column: 5, functionName: 'g' },
      ]);
    });
  });
});
