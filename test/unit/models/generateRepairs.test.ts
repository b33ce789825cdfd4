import { strict as assert } from 'node:assert';
import { generateRepairs } from '../../../src/runtime/models/offline';
import { parseSource } from '../../../src/runtime/analysis';

describe('#generateRepairs', () => {
  describe('when an edit would not parse', () => {
    it('drops it and keeps the ones that do', () => {
      // `a || b && c` → `a ?? b && c` mixes `??` with `&&` unparenthesised: a syntax error.
      const files = new Map([['lib/a.js', 'v = a || b && c;\n']]);
      const out = generateRepairs({ files, locations: [{ file: 'lib/a.js', line: 1, score: 1, reasons: [] }], operators: ['logical-swap'] });
      const texts = out.map((c) => c.newText);
      assert.ok(texts.includes('v = a && b && c;\n'));
      assert.ok(texts.includes('v = a || b || c;\n'));
      assert.ok(!texts.includes('v = a ?? b && c;\n'));
      for (const c of out) assert.doesNotThrow(() => parseSource(c.file, c.newText));
    });
  });

  describe('when two proposals give the same text', () => {
    it('keeps one candidate per resulting text, with the best score', () => {
      const files = new Map([['lib/a.js', 'if (a < b) x();\n']]);
      const out = generateRepairs({
        files,
        locations: [
          { file: 'lib/a.js', line: 1, score: 0.4, reasons: [] },
          { file: 'lib/a.js', line: 1, score: 0.9, reasons: [] },
        ],
      });
      const texts = out.map((c) => c.newText);
      assert.equal(new Set(texts).size, texts.length);
      const flip = out.find((c) => c.newText === 'if (a <= b) x();\n');
      assert.ok(flip);
      assert.equal(flip.score, 0.9 * 0.9);
    });
  });

  describe('when there are more locations than room', () => {
    it('returns at most maxCandidates, best first, sorted by score then id', () => {
      const lines = Array.from({ length: 30 }, (_, i) => `if (a${i} < b${i}) x(${i} + ${i});`).join('\n') + '\n';
      const files = new Map([['lib/a.js', lines]]);
      const locations = Array.from({ length: 30 }, (_, i) => ({ file: 'lib/a.js', line: i + 1, score: 1 - i / 40, reasons: [] }));
      const out = generateRepairs({ files, locations, maxCandidates: 10 });
      assert.equal(out.length, 10);
      for (let i = 1; i < out.length; i++) {
        assert.ok(out[i - 1].score > out[i].score || (out[i - 1].score === out[i].score && out[i - 1].id < out[i].id));
      }
      assert.equal(out[0].line, 1);
      assert.deepEqual(generateRepairs({ files, locations: [...locations].reverse(), maxCandidates: 10 }), out);
    });
    it('bounds what one location contributes', () => {
      const files = new Map([['lib/a.js', 'v = f(a, b, c, d) + g(a[i], b[j], c[k]) - (p < q) * (r > s);\n']]);
      const out = generateRepairs({ files, locations: [{ file: 'lib/a.js', line: 1, score: 1, reasons: [] }], maxPerLocation: 5 });
      assert.ok(out.length <= 5 && out.length > 0);
    });
  });

  describe('when a location is in a test file or node_modules', () => {
    it('never edits it', () => {
      const files = new Map([
        ['test/a.test.js', 'if (a < b) x();\n'],
        ['node_modules/m/index.js', 'if (a < b) x();\n'],
      ]);
      const out = generateRepairs({
        files,
        locations: [
          { file: 'test/a.test.js', line: 1, score: 1, reasons: [] },
          { file: 'node_modules/m/index.js', line: 1, score: 1, reasons: [] },
        ],
      });
      assert.deepEqual(out, []);
    });
  });

  describe('when the source is TypeScript', () => {
    it('parses and edits it with the typescript plugin, leaving types alone', () => {
      const files = new Map([['src/a.ts', 'export function f(n: number): number[] {\n  return n < 3 ? [n] : [];\n}\n']]);
      const out = generateRepairs({ files, locations: [{ file: 'src/a.ts', line: 2, score: 1, reasons: [] }], operators: ['comparison-flip'] });
      assert.deepEqual(
        out.map((c) => c.newText),
        ['export function f(n: number): number[] {\n  return n <= 3 ? [n] : [];\n}\n', 'export function f(n: number): number[] {\n  return n > 3 ? [n] : [];\n}\n'],
      );
    });
  });
});
