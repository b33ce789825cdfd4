import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import { detectTestCommand, focusTestCommand } from '../../../src/runtime/verify';

const NPM_DEFAULT = 'echo "Error: no test specified" && exit 1';

describe('#detectTestCommand', () => {
  describe('when package.json has a test script', () => {
    it('returns npm test', () => {
      assert.equal(detectTestCommand({ scripts: { test: 'tape test/*.js' } }), 'npm test');
    });
  });
  describe('when there is no real test script', () => {
    it('returns null for npm’s placeholder, a missing script or no package.json', () => {
      assert.equal(detectTestCommand({ scripts: { test: NPM_DEFAULT } }), null);
      assert.equal(detectTestCommand({ scripts: { build: 'tsc' } }), null);
      assert.equal(detectTestCommand({ name: 'x' }), null);
      assert.equal(detectTestCommand(undefined), null);
    });
  });
  describe('when package.json is malformed', () => {
    it('throws CONFIG_INVALID naming every bad path', () => {
      assert.throws(
        () => detectTestCommand({ scripts: { test: 1, lint: false } }),
        (e: unknown) => isFabricError(e, 'CONFIG_INVALID') && JSON.stringify(e.data?.paths) === '["/scripts/test","/scripts/lint"]',
      );
      assert.throws(() => detectTestCommand('nope'), (e: unknown) => isFabricError(e, 'CONFIG_INVALID'));
    });
  });
});

describe('#focusTestCommand', () => {
  const focus = (testCommand: string, files: string[], packageJson?: unknown): string | null =>
    focusTestCommand({ testCommand, files, ...(packageJson === undefined ? {} : { packageJson }) });

  describe('when the runner is tape', () => {
    it('replaces the glob with the files and keeps flags', () => {
      assert.equal(focus("tape -r tsx 'test/**/*.js'", ['test/a.js', 'test/b c.js']), "tape -r tsx test/a.js 'test/b c.js'");
      assert.equal(focus('node_modules/.bin/tape test/*.js', ['test/a.js']), 'node_modules/.bin/tape test/a.js');
      assert.equal(focus('npx tape test/*.js', ['test/a.js']), 'npx tape test/a.js');
    });
  });

  describe('when the runner is mocha', () => {
    it('keeps flags with their values and drops file arguments', () => {
      assert.equal(
        focus("mocha -r tsx/cjs --extension ts --timeout 60000 --grep 'adds three' 'test/unit/**/*.test.ts'", ['test/unit/a.test.ts']),
        "mocha -r tsx/cjs --extension ts --timeout 60000 --grep 'adds three' test/unit/a.test.ts",
      );
      assert.equal(focus('mocha --spec test/x.js --reporter=dot', ['test/a.js']), 'mocha --reporter=dot test/a.js');
      assert.equal(focus('NODE_ENV=test ./node_modules/.bin/mocha', ['test/a.js']), 'NODE_ENV=test ./node_modules/.bin/mocha test/a.js');
    });
    it('gives null when package.json configures mocha’s spec', () => {
      assert.equal(focus('npm test', ['test/a.js'], { scripts: { test: 'mocha' }, mocha: { spec: 'test/**/*.js' } }), null);
    });
  });

  describe('when the runner is node --test or tap', () => {
    it('replaces the file arguments', () => {
      assert.equal(focus('node --test --test-reporter spec test/', ['test/a.test.js']), 'node --test --test-reporter spec test/a.test.js');
      assert.equal(focus('node --test', ['test/a.test.js', 'test/b.test.js']), 'node --test test/a.test.js test/b.test.js');
      assert.equal(focus('tap --timeout 30 test/*.js', ['test/a.js']), 'tap --timeout 30 test/a.js');
    });
  });

  describe('when the command is node <file>', () => {
    it('runs the one file asked for', () => {
      assert.equal(focus('node --require ./setup.js test.js', ['test/a.js']), 'node --require ./setup.js test/a.js');
    });
    it('gives null for several files, script arguments or eval', () => {
      assert.equal(focus('node test.js', ['a.js', 'b.js']), null);
      assert.equal(focus('node test.js --fast', ['a.js']), null);
      assert.equal(focus("node -e 'run()'", ['a.js']), null);
    });
  });

  describe('when the command is npm test', () => {
    it('resolves the script first', () => {
      const pkg = { scripts: { test: 'tape test/*.js', 'test:unit': 'mocha test/unit' } };
      assert.equal(focus('npm test', ['test/a.js'], pkg), 'tape test/a.js');
      assert.equal(focus('npm t', ['test/a.js'], pkg), 'tape test/a.js');
      assert.equal(focus('npm run test', ['test/a.js'], pkg), 'tape test/a.js');
      assert.equal(focus('npm run test:unit', ['test/unit/a.js'], pkg), 'mocha test/unit/a.js');
    });
    it('gives null without a usable script', () => {
      assert.equal(focus('npm test', ['test/a.js']), null);
      assert.equal(focus('npm test', ['test/a.js'], { scripts: { test: NPM_DEFAULT } }), null);
      assert.equal(focus('npm test', ['test/a.js'], { scripts: { test: 'npm test' } }), null);
      assert.equal(focus('npm test -- --grep x', ['test/a.js'], { scripts: { test: 'mocha' } }), null);
    });
  });

  describe('when the command is not one recognisable invocation', () => {
    it('gives null', () => {
      for (const cmd of ['tsc && mocha', 'mocha; echo done', 'mocha | tee out', 'jest', 'mocha $FILES', 'mocha > out.txt', 'npx -p mocha mocha']) {
        assert.equal(focus(cmd, ['test/a.js']), null, cmd);
      }
      assert.equal(focus('mocha', []), null);
    });
  });

  describe('when a file looks like a flag or needs quoting', () => {
    it('keeps it a file argument', () => {
      assert.equal(focus('tape test/*.js', ['-odd.js', "it's.js"]), "tape ./-odd.js 'it'\\''s.js'");
    });
  });

  describe('when the input is malformed', () => {
    it('throws USAGE_INVALID', () => {
      const bad = { testCommand: 'mocha', files: 'test/a.js' } as unknown as Parameters<typeof focusTestCommand>[0];
      assert.throws(() => focusTestCommand(bad), (e: unknown) => isFabricError(e, 'USAGE_INVALID'));
    });
  });
});
