import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coveredLines } from '../../../src/runtime/analysis';
import { isFabricError } from '../../../src/runtime/errors';
import { makeTempDir } from '../../helpers/tmp';

const PROGRAM = [
  "const dep = require('dep');", // 1
  'function sign(x) {', // 2
  '  if (x > 0) {', // 3
  "    return 'pos';", // 4
  '  }', // 5
  "  return 'neg';", // 6
  '}', // 7
  '', // 8
  'sign(1 + dep);', // 9
  'function never() {', // 10
  '  return 0;', // 11
  '}', // 12
  '',
].join('\n');

describe('#coveredLines', () => {
  describe('when given a real NODE_V8_COVERAGE file', () => {
    const tmp = makeTempDir('fabric-cov-');
    after(tmp.cleanup);

    it('marks lines whose innermost block ran, ignoring node_modules', () => {
      const root = join(realpathSync(tmp.path), 'ws');
      const covDir = join(realpathSync(tmp.path), 'cov');
      mkdirSync(join(root, 'lib'), { recursive: true });
      mkdirSync(join(root, 'node_modules', 'dep'), { recursive: true });
      writeFileSync(join(root, 'lib', 'sign.js'), PROGRAM);
      writeFileSync(join(root, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
      const run = spawnSync(process.execPath, ['lib/sign.js'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', NODE_V8_COVERAGE: covDir },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      const [file] = readdirSync(covDir).filter((f) => f.endsWith('.json'));
      const coverage: unknown = JSON.parse(readFileSync(join(covDir, file), 'utf8'));
      const read = (rel: string): string | null => {
        try {
          return readFileSync(join(root, rel), 'utf8');
        } catch {
          return null;
        }
      };
      const lines = coveredLines(coverage, root, read);
      assert.deepEqual([...lines.keys()], ['lib/sign.js']);
      const covered = lines.get('lib/sign.js') as Set<number>;
      for (const l of [1, 2, 3, 4, 5, 9]) assert.ok(covered.has(l), `line ${l} covered`);
      for (const l of [6, 8, 10, 11]) assert.ok(!covered.has(l), `line ${l} not covered`);
    });
  });

  describe('when the input is not a coverage file', () => {
    it('throws SCHEMA_INVALID naming every bad field', () => {
      try {
        coveredLines({ result: [{ url: 1, functions: [{ ranges: [{ startOffset: -1, endOffset: 2 }] }] }] }, '/w', () => null);
        assert.fail('expected a throw');
      } catch (e) {
        assert.ok(isFabricError(e, 'SCHEMA_INVALID'));
        const errors = (e.data as { errors: string[] }).errors.join('\n');
        assert.match(errors, /\/result\/0\/url/);
        assert.match(errors, /\/result\/0\/functions\/0\/ranges\/0\/startOffset/);
        assert.match(errors, /\/result\/0\/functions\/0\/ranges\/0 /);
      }
    });
  });

  describe('when ranges are nested by hand', () => {
    it('uses the innermost range at the first non-blank character', () => {
      const text = 'a();\n  if (x) {\n    b();\n  }\n';
      const coverage = {
        result: [
          {
            url: 'file:///w/lib/a.js',
            functions: [
              { ranges: [{ startOffset: 0, endOffset: text.length, count: 1 }] },
              { ranges: [{ startOffset: text.indexOf('{'), endOffset: text.lastIndexOf('}') + 1, count: 0 }] },
            ],
          },
          { url: 'node:internal/x', functions: [] },
          { url: 'file:///elsewhere/b.js', functions: [] },
        ],
      };
      const lines = coveredLines(coverage, '/w', () => text);
      assert.deepEqual([...(lines.get('lib/a.js') as Set<number>)].sort(), [1, 2]);
      assert.equal(lines.size, 1);
    });
  });
});
