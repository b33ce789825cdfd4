import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const RUNTIME = resolve(__dirname, '../../../src/runtime');
const FORBIDDEN = ['events', 'git', 'sandbox', 'roles', 'pipeline', 'models', 'kernel'];

/** Every file reachable from `start` through relative imports. */
function reachable(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = resolve(dirname(file), m[1]);
      queue.push(base.endsWith('.json') ? base : `${base}.ts`);
    }
  }
  return seen;
}

describe('evidence trust boundary', () => {
  describe('when following every relative import from src/runtime/evidence', () => {
    it('never reaches explore-side code, nor spawns processes', () => {
      const dir = join(RUNTIME, 'evidence');
      const files = reachable(readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)));
      const offending = [...files].map((f) => relative(RUNTIME, f)).filter((f) => FORBIDDEN.includes(f.split(/[\\/]/)[0]));
      assert.ok([...files].some((f) => relative(RUNTIME, f).startsWith('keys')), 'the walk follows imports into keys/');
      assert.deepEqual(offending, []);
      for (const f of files) {
        if (f.endsWith('.ts')) assert.doesNotMatch(readFileSync(f, 'utf8'), /['"](node:)?child_process['"]|['"]execa['"]|['"]vscode['"]/, f);
      }
    });
  });
});
