import { strict as assert } from 'node:assert';
import { generateRepairs, type RepairCandidate, type RepairOperator } from '../../../src/runtime/models/offline';

function run(operator: RepairOperator, text: string, line: number, file = 'lib/a.js'): RepairCandidate[] {
  return generateRepairs({ files: new Map([[file, text]]), locations: [{ file, line, score: 1, reasons: [] }], operators: [operator] });
}

/** Every resulting file text one operator produces at `line` of a one-file workspace, sorted. */
function texts(operator: RepairOperator, text: string, line: number, file = 'lib/a.js'): string[] {
  return run(operator, text, line, file)
    .map((c) => c.newText)
    .sort();
}

/** Same texts, in any order (equal scores are ordered by id, a hash). */
function assertSame(actual: string[], expected: string[]): void {
  assert.deepEqual([...actual].sort(), [...expected].sort());
}

describe('#generateRepairs operators', () => {
  describe('when the operator is comparison-flip', () => {
    it('turns `<` into `<=` first and `>` second, touching nothing else', () => {
      const out = run('comparison-flip', 'for (let i = 0; i  <  n; i++) f(i);\n', 1);
      assert.deepEqual(
        out.map((c) => c.newText),
        ['for (let i = 0; i  <=  n; i++) f(i);\n', 'for (let i = 0; i  >  n; i++) f(i);\n'],
      );
      assert.equal(out[0].description, 'lib/a.js:1 `i < n` → `i <= n`');
      assert.deepEqual(out[0].edit, { start: 19, end: 20, replacement: '<=' });
      assert.equal(out[0].operator, 'comparison-flip');
      assert.match(out[0].id, /^[0-9a-f]{12}$/);
    });
    it('flips strict equality', () => {
      assertSame(texts('comparison-flip', 'if (a === b) x();\n', 1), ['if (a !== b) x();\n']);
    });
    it('skips a comment between the operands', () => {
      assertSame(texts('comparison-flip', 'ok = a /* < */ >= b;\n', 1), ['ok = a /* < */ > b;\n', 'ok = a /* < */ <= b;\n']);
    });
  });

  describe('when the operator is arithmetic-swap', () => {
    it('swaps `-` for `+`', () => {
      assertSame(texts('arithmetic-swap', 'total = total - value;\n', 1), ['total = total + value;\n']);
    });
    it('swaps compound assignments and updates', () => {
      assertSame(texts('arithmetic-swap', 'total += value;\n', 1), ['total -= value;\n']);
      assertSame(texts('arithmetic-swap', 'i++;\n', 1), ['i--;\n']);
      assertSame(texts('arithmetic-swap', '--i;\n', 1), ['++i;\n']);
    });
    it('turns `%` into `/` and leaves string concatenation alone', () => {
      assertSame(texts('arithmetic-swap', 'r = a % b;\n', 1), ['r = a / b;\n']);
      assertSame(texts('arithmetic-swap', "s = 'a' + b;\n", 1), []);
    });
  });

  describe('when the operator is logical-swap', () => {
    it('swaps `&&` and `||`', () => {
      assertSame(texts('logical-swap', 'ok = a && b;\n', 1), ['ok = a || b;\n']);
    });
    it('offers `&&` and `??` for `||`, and `||` for `??`', () => {
      assertSame(texts('logical-swap', 'v = a || b;\n', 1), ['v = a && b;\n', 'v = a ?? b;\n']);
      assertSame(texts('logical-swap', 'v = a ?? b;\n', 1), ['v = a || b;\n']);
    });
  });

  describe('when the operator is negate-condition', () => {
    it('negates an if test and un-negates a negated one', () => {
      assertSame(texts('negate-condition', 'if (a > b) x();\n', 1), ['if (!(a > b)) x();\n']);
      assertSame(texts('negate-condition', 'if (!done) x();\n', 1), ['if (done) x();\n']);
    });
    it('negates a ternary test', () => {
      assertSame(texts('negate-condition', 'v = ok ? 1 : 2;\n', 1), ['v = !(ok) ? 1 : 2;\n']);
    });
  });

  describe('when the operator is literal-off-by-one', () => {
    it('moves an integer literal up and down by one', () => {
      assertSame(texts('literal-off-by-one', 'const n = 10;\n', 1), ['const n = 11;\n', 'const n = 9;\n']);
    });
    it('leaves TypeScript literal types alone', () => {
      assertSame(texts('literal-off-by-one', 'let n: 3 = 3;\n', 1, 'lib/a.ts'), ['let n: 3 = 4;\n', 'let n: 3 = 2;\n']);
    });
  });

  describe('when the operator is index-off-by-one', () => {
    it('shifts a computed index', () => {
      assertSame(texts('index-off-by-one', 'v = a[i];\n', 1), ['v = a[i - 1];\n', 'v = a[i + 1];\n']);
    });
    it('shifts the arguments of index methods, parenthesising loose expressions', () => {
      assertSame(texts('index-off-by-one', 's.slice(a, b ? c : d);\n', 1), [
        's.slice(a - 1, b ? c : d);\n',
        's.slice(a + 1, b ? c : d);\n',
        's.slice(a, (b ? c : d) - 1);\n',
        's.slice(a, (b ? c : d) + 1);\n',
      ]);
    });
  });

  describe('when the operator is swap-arguments', () => {
    it('swaps adjacent arguments and keeps the separator as written', () => {
      assertSame(texts('swap-arguments', 'f(a,  b, c);\n', 1), ['f(b,  a, c);\n', 'f(a,  c, b);\n']);
    });
  });

  describe('when the operator is identifier-replace', () => {
    it('offers variables in scope before the read, same function first, then the module', () => {
      const src = ['const limit = 5;', 'function f(a, b) {', '  const c = a;', '  return c;', '}', 'const later = 1;', ''].join('\n');
      const out = run('identifier-replace', src, 4);
      assert.deepEqual(
        out.slice(0, 2).map((c) => c.newText).sort(),
        [src.replace('return c;', 'return a;'), src.replace('return c;', 'return b;')],
      );
      assert.equal(out[2].newText, src.replace('return c;', 'return limit;'));
      assert.ok(out[2].score < out[1].score);
    });
    it('does not replace globals or callees', () => {
      assertSame(texts('identifier-replace', 'function f(a) {\n  return Math.max(a);\n}\n', 2), []);
    });
  });

  describe('when the operator is guard-insertion', () => {
    it('returns what the other returns return: an empty string', () => {
      const src = "function f(user) {\n  if (!user.name) return '';\n  return user.name;\n}\n";
      assertSame(texts('guard-insertion', src, 2), ["function f(user) {\n  if (user == null) return '';\n  if (!user.name) return '';\n  return user.name;\n}\n"]);
    });
    it('returns an empty array, zero, or nothing as the function suggests', () => {
      assertSame(texts('guard-insertion', 'function f(xs) {\n  return xs.map(g);\n}\n', 2), ['function f(xs) {\n  if (xs == null) return [];\n  return xs.map(g);\n}\n']);
      assertSame(texts('guard-insertion', 'function f(xs) {\n  return xs.length;\n}\n', 2), ['function f(xs) {\n  if (xs == null) return 0;\n  return xs.length;\n}\n']);
      assertSame(texts('guard-insertion', 'function f(o) {\n  o.run();\n}\n', 2), ['function f(o) {\n  if (o == null) return;\n  o.run();\n}\n']);
    });
    it('does not guard a variable initialised with a fresh array', () => {
      assertSame(texts('guard-insertion', 'function f() {\n  const out = [];\n  out.push(1);\n  return out;\n}\n', 3), []);
    });
  });

  describe('when the operator is return-boundary', () => {
    it('moves a numeric-looking return by one', () => {
      assertSame(texts('return-boundary', 'function f(a) {\n  return a.length;\n}\n', 2), [
        'function f(a) {\n  return a.length + 1;\n}\n',
        'function f(a) {\n  return a.length - 1;\n}\n',
      ]);
    });
  });

  describe('when the operator is boolean-flip, method-swap or optional-chain', () => {
    it('flips a boolean literal', () => {
      assertSame(texts('boolean-flip', 'let ok = true;\n', 1), ['let ok = false;\n']);
    });
    it('swaps a commonly confused method', () => {
      assertSame(texts('method-swap', 'n = Math.floor(x);\n', 1), ['n = Math.ceil(x);\n', 'n = Math.round(x);\n']);
    });
    it('makes a member read optional', () => {
      assertSame(texts('optional-chain', 'v = a.b;\n', 1), ['v = a?.b;\n']);
      assertSame(texts('optional-chain', 'v = a[0];\n', 1), ['v = a?.[0];\n']);
    });
  });
});
