import { strict as assert } from 'node:assert';
import { importGraph } from '../../../src/runtime/analysis';

describe('#importGraph', () => {
  describe('when files use require, import, re-exports and dynamic import', () => {
    it('returns the workspace files reachable from the entries, sorted', () => {
      const files = new Map([
        ['package.json', '{ "main": "src/main.js" }'],
        ['test/a.test.js', "const m = require('..');\nconst u = require('../lib/util');\n"],
        ['src/main.js', "import { x } from './x';\nexport * from './y.js';\nconst z = () => import('./lazy/index.js');\n"],
        ['src/x.ts', "import type { T } from './types';\nexport const x = 1;\n"],
        ['src/types.ts', 'export type T = number;\n'],
        ['src/y.js', "const fs = require('fs');\nconst path = require(`./dyn`);\n"],
        ['src/dyn.cjs', 'module.exports = 1;\n'],
        ['src/lazy/index.js', 'export default 1;\n'],
        ['lib/util/index.js', 'module.exports = {};\n'],
        ['src/unreached.js', "require('./main');\n"],
        ['src/broken.js', 'const = ;'],
      ]);
      assert.deepEqual(importGraph(files, ['test/a.test.js']), [
        'lib/util/index.js',
        'src/dyn.cjs',
        'src/lazy/index.js',
        'src/main.js',
        'src/types.ts',
        'src/x.ts',
        'src/y.js',
        'test/a.test.js',
      ]);
    });
  });
  describe('when an entry or an import cannot be parsed or resolved', () => {
    it('treats it as a leaf', () => {
      const files = new Map([
        ['a.js', "require('./broken');\nrequire('./missing');\nrequire('../outside');\n"],
        ['broken.js', "const = ; require('./never')"],
        ['never.js', ''],
      ]);
      assert.deepEqual(importGraph(files, ['a.js', 'ghost.js']), ['a.js', 'broken.js']);
    });
  });
});

describe('#importGraph with a trailing-slash specifier', () => {
  it("resolves require('../') from a test folder to the package's index", () => {
    const files = new Map([
      ['index.js', 'module.exports = 1;'],
      ['test/a.js', "var parse = require('../');"],
    ]);
    assert.deepEqual(importGraph(files, ['test/a.js']), ['index.js', 'test/a.js']);
  });
});
