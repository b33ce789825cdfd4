import { strict as assert } from 'node:assert';
import { isAnalyzable, parseSource, statementLines } from '../../../src/runtime/analysis';
import { isFabricError } from '../../../src/runtime/errors';

describe('#parseSource', () => {
  describe('when the source is valid for its extension', () => {
    it('parses JSX, TypeScript, TSX, hashbangs and top-level returns', () => {
      assert.equal(parseSource('a.jsx', 'const x = <div>{y}</div>;').ast.type, 'File');
      assert.equal(parseSource('a.ts', 'const x: number = 1 as number;').ast.type, 'File');
      assert.equal(parseSource('a.tsx', 'const x = <T,>(v: T) => <b>{v as string}</b>;').ast.type, 'File');
      assert.equal(parseSource('bin/cli.js', '#!/usr/bin/env node\nreturn 1;\n').ast.program.body.length, 1);
      assert.equal(parseSource('a.mjs', 'export const a = await import("./b.mjs");').ast.program.sourceType, 'module');
    });
  });
  describe('when the source does not parse', () => {
    it('throws SOURCE_UNPARSEABLE with path, line and column', () => {
      try {
        parseSource('lib/a.js', 'const a = 1;\nconst = ;\n');
        assert.fail('expected a throw');
      } catch (e) {
        assert.ok(isFabricError(e, 'SOURCE_UNPARSEABLE'));
        assert.deepEqual(e.data, { path: 'lib/a.js', line: 2, column: 6 });
      }
    });
  });
});

describe('#isAnalyzable', () => {
  it('accepts JavaScript and TypeScript flavours only', () => {
    for (const p of ['a.js', 'a.cjs', 'a.mjs', 'a.jsx', 'a.ts', 'a.mts', 'a.cts', 'src/a.tsx']) assert.equal(isAnalyzable(p), true, p);
    for (const p of ['a.json', 'README.md', 'types.d.ts', 'Makefile', 'a.js.map']) assert.equal(isAnalyzable(p), false, p);
  });
});

describe('#statementLines', () => {
  describe('when a file mixes code, comments and types', () => {
    it('counts only lines that start a statement or expression', () => {
      const src = ['interface P {', '  x: number;', '}', '// note', 'function f(', '  a: P,', ') {', '  return g(', '    a.x,', '  );', '}', ''].join('\n');
      assert.deepEqual([...statementLines(parseSource('a.ts', src).ast)].sort((a, b) => a - b), [5, 8, 9]);
    });
  });
});
