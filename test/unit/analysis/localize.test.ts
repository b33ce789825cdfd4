import { strict as assert } from 'node:assert';
import { localize, type LocalizeInput } from '../../../src/runtime/analysis';

const ROOT = '/home/dev/proj';

const LIB = [
  "const { clamp } = require('./clamp');", // 1
  '', // 2
  'function parse(text) {', // 3
  "  const parts = text.split(',');", // 4
  '  return parts.map((p) => {', // 5
  '    return clamp(Number(p));', // 6
  '  });', // 7
  '}', // 8
  '', // 9
  'function unused() {', // 10
  '  return 1;', // 11
  '}', // 12
  'module.exports = { parse, unused };', // 13
  '',
].join('\n');

const CLAMP = ['function clamp(n) {', '  if (n > 10) return 10;', '  return n.toFixed(0);', '}', 'module.exports = { clamp };', ''].join('\n');

const TEST = ["const { parse } = require('../lib/parse');", "parse('1,2');", ''].join('\n');

const STACK = [
  'TypeError: n.toFixed is not a function',
  `    at clamp (${ROOT}/lib/clamp.js:3:12)`,
  `    at ${ROOT}/lib/parse.js:6:12`,
  '    at Array.map (<anonymous>)',
  `    at parse (${ROOT}/lib/parse.js:5:16)`,
  `    at Object.<anonymous> (${ROOT}/test/parse.test.js:2:1)`,
  `    at x (${ROOT}/node_modules/dep/index.js:1:1)`,
  '    at Module._compile (node:internal/modules/cjs/loader:1364:14)',
].join('\n');

function input(overrides: Partial<LocalizeInput> = {}): LocalizeInput {
  return {
    files: new Map([
      ['lib/parse.js', LIB],
      ['lib/clamp.js', CLAMP],
      ['test/parse.test.js', TEST],
      ['node_modules/dep/index.js', 'module.exports = 1;\n'],
      ['README.md', '# hi\n'],
    ]),
    testFiles: ['test/parse.test.js'],
    failures: [{ message: 'n.toFixed is not a function', stack: STACK }],
    workspaceRoot: ROOT,
    ...overrides,
  };
}

describe('#localize', () => {
  describe('when a failure has stack frames in source files', () => {
    it('ranks the frames first, decaying with depth, and never ranks tests or node_modules', () => {
      const { locations, relevantFiles } = localize(input());
      assert.deepEqual(
        locations.slice(0, 3).map((l) => `${l.file}:${l.line}`),
        ['lib/clamp.js:3', 'lib/parse.js:6', 'lib/parse.js:5'],
      );
      assert.ok(locations[0].score > locations[1].score && locations[1].score > locations[2].score);
      assert.equal(locations[0].reasons[0], 'stack frame #0 in clamp');
      for (const l of locations) {
        assert.ok(!l.file.startsWith('test/') && !l.file.startsWith('node_modules/'), l.file);
        assert.ok(l.score > 0 && l.score <= 1);
      }
      assert.deepEqual(relevantFiles, ['lib/clamp.js', 'lib/parse.js']);
    });
    it('only ranks lines that start a statement or expression', () => {
      const { locations } = localize(input());
      const lines = new Set(locations.filter((l) => l.file === 'lib/parse.js').map((l) => l.line));
      for (const blank of [2, 8, 9, 12]) assert.ok(!lines.has(blank), `line ${blank}`);
    });
    it('maps a frame on a line without a statement start to the enclosing statement', () => {
      const stack = `Error: x\n    at parse (${ROOT}/lib/parse.js:8:1)`;
      const { locations } = localize(input({ failures: [{ message: 'x', stack }] }));
      assert.equal(`${locations[0].file}:${locations[0].line}`, 'lib/parse.js:3');
    });
  });

  describe('when there is no stack but a spectrum', () => {
    it('ranks by Ochiai score above the import-graph prior', () => {
      const spectrum = new Map([
        ['lib/clamp.js:2', 1],
        ['lib/clamp.js:3', 0.5],
        ['test/parse.test.js:2', 1],
      ]);
      const { locations } = localize(input({ failures: [{ message: 'wrong' }], spectrum }));
      assert.equal(`${locations[0].file}:${locations[0].line}`, 'lib/clamp.js:2');
      assert.equal(`${locations[1].file}:${locations[1].line}`, 'lib/clamp.js:3');
      assert.ok(locations[0].reasons.includes('ochiai 1.000'));
    });
  });

  describe('when there is only the import graph', () => {
    it('prefers functions the failing test calls', () => {
      const { locations } = localize(input({ failures: [{ message: 'wrong' }] }));
      const parse = locations.find((l) => l.file === 'lib/parse.js' && l.line === 4);
      const unused = locations.find((l) => l.file === 'lib/parse.js' && l.line === 11);
      assert.ok(parse && unused && parse.score > unused.score);
      assert.ok(parse.reasons.includes('in parse, called by a failing test'));
    });
  });

  describe('when inputs come in a different order', () => {
    it('returns the same ranking (score desc, then file, then line)', () => {
      const a = localize(input());
      const reversed = input();
      reversed.files = new Map([...reversed.files].reverse());
      const b = localize(reversed);
      assert.deepEqual(b, a);
      for (let i = 1; i < a.locations.length; i++) {
        const p = a.locations[i - 1];
        const q = a.locations[i];
        assert.ok(p.score > q.score || (p.score === q.score && (p.file < q.file || (p.file === q.file && p.line < q.line))));
      }
    });
    it('caps the list at maxLocations', () => {
      assert.equal(localize(input({ maxLocations: 2 })).locations.length, 2);
    });
  });
});
