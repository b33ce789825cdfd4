import { strict as assert } from 'node:assert';
import { localize } from '../../../src/runtime/analysis';
import { generateRepairs } from '../../../src/runtime/models/offline';
import { fixtureWorkspace } from './helpers/fixtureWorkspace';

/** Small libraries under test/fixtures/repair with one injected bug each, and the true fix. */
const FIXTURES: { name: string; bug: string; test: string; file: string; from: string; to: string }[] = [
  { name: 'range', bug: '`<` instead of `<=`', test: 'test/range.test.js', file: 'lib/range.js', from: 'i < end', to: 'i <= end' },
  { name: 'sum', bug: '`-` instead of `+`', test: 'test/sum.test.js', file: 'lib/sum.js', from: 'total - value', to: 'total + value' },
  {
    name: 'initials',
    bug: 'a missing null guard',
    test: 'test/initials.test.mjs',
    file: 'lib/initials.mjs',
    from: "  const parts = user.name.split(' ');",
    to: "  if (user == null) return '';\n  const parts = user.name.split(' ');",
  },
  { name: 'between', bug: 'swapped slice bounds', test: 'test/text.test.js', file: 'src/text.js', from: 'text.slice(to, from)', to: 'text.slice(from, to)' },
  { name: 'last', bug: 'an off-by-one index', test: 'test/last.test.js', file: 'lib/last.js', from: 'items[items.length]', to: 'items[items.length - 1]' },
];

describe('#generateRepairs on injected bugs', () => {
  for (const fx of FIXTURES) {
    describe(`when ${fx.name} has ${fx.bug}`, () => {
      it('ranks the true fix in the top 20 for the locations from the failing run, and the fix passes', () => {
        const ws = fixtureWorkspace(fx.name);
        try {
          const before = ws.runTest(fx.test);
          assert.notEqual(before.status, 0, 'the fixture test fails before the fix');
          const { locations, relevantFiles } = localize({
            files: ws.files,
            testFiles: [fx.test],
            failures: [{ message: 'test failed', stack: before.output }],
            workspaceRoot: ws.root,
          });
          assert.equal(relevantFiles.includes(fx.test), false);
          assert.ok(relevantFiles.includes(fx.file));
          const candidates = generateRepairs({ files: ws.files, locations });
          const original = ws.files.get(fx.file) as string;
          const fixed = original.replace(fx.from, fx.to);
          const rank = candidates.findIndex((c) => c.file === fx.file && c.newText === fixed);
          assert.ok(rank >= 0 && rank < 20, `true fix rank ${rank}`);
          ws.write(fx.file, candidates[rank].newText);
          assert.equal(ws.runTest(fx.test).status, 0, 'the fixture test passes with the fix');
        } finally {
          ws.cleanup();
        }
      });
    });
  }
});
