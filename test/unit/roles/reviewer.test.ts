import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFabricError, type FabricErrorCode } from '../../../src/runtime/errors';
import {
  REVIEW_RULES,
  defaultReviewAllowList,
  loadReviewAllowList,
  reviewChanges,
  type ReviewAllowList,
  type ReviewFile,
  type ReviewInput,
} from '../../../src/roles/reviewer';
import { makeTempDir } from '../../helpers/tmp';

const GH_TOKEN = 'ghp_' + 'Z'.repeat(36);

function edit(path: string, before: string | null, after: string | null, binary = false): ReviewFile {
  return { path, before, after, binary };
}

function allowList(overrides: Partial<ReviewAllowList> = {}): ReviewAllowList {
  return { version: 1, dependencies: { allow: [] }, licenses: { allow: ['MIT'] }, protectedPaths: [], ...overrides };
}

function review(files: ReviewFile[], more: Partial<ReviewInput> = {}) {
  return reviewChanges({ files, writeScope: ['src/', 'package.json', 'index.js'], allowTestEdits: false, allowList: allowList(), ...more });
}

function rulesHit(files: ReviewFile[], more: Partial<ReviewInput> = {}): string[] {
  return review(files, more).findings.map((f) => `${f.rule} ${f.path}`);
}

function expectCode(fn: () => unknown, code: FabricErrorCode): Record<string, unknown> {
  try {
    fn();
  } catch (e) {
    assert.ok(isFabricError(e, code), `expected ${code}, got ${String(e)}`);
    return e.data ?? {};
  }
  assert.fail(`expected ${code}`);
}

function pkg(deps: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'mocha' }, ...deps, ...extra }, null, 2);
}

describe('#reviewChanges', () => {
  describe('when the diff is a clean in-scope source edit', () => {
    it('approves with every check passing', () => {
      const v = review([edit('src/add.js', 'return a - b;', 'return a + b;'), edit('README.md', 'same', 'same')]);
      assert.equal(v.verdict, 'approve');
      assert.deepEqual(v.findings, []);
      assert.deepEqual(v.checks, REVIEW_RULES.map((r) => `${r}:pass`));
    });
  });

  describe('when a file is outside the write scope', () => {
    it('rejects it, and any path that escapes the repository', () => {
      const v = review([edit('lib/other.js', 'a', 'b'), edit('src/../../x.js', null, 'x'), edit('src/ok.js', 'a', 'b')]);
      assert.equal(v.verdict, 'reject');
      assert.deepEqual(v.findings.map((f) => `${f.rule} ${f.path}`), ['scope lib/other.js', 'scope src/../../x.js']);
      assert.ok(v.checks.includes('scope:fail'));
    });
    it('counts deleted files as changes', () => {
      assert.deepEqual(rulesHit([edit('lib/gone.js', 'x', null)]), ['scope lib/gone.js']);
    });
  });

  describe('when tests are touched', () => {
    const files = [edit('src/add.test.js', 'a', 'b'), edit('src/__tests__/x.js', null, 'x'), edit('src/.mocharc.json', '{}', '{"spec":[]}')];
    it('rejects test files and test-runner config unless test edits are allowed', () => {
      assert.deepEqual(rulesHit(files), ['tests-untouched src/add.test.js', 'tests-untouched src/__tests__/x.js', 'tests-untouched src/.mocharc.json']);
    });
    it('approves them when test edits are allowed', () => {
      assert.equal(review(files, { allowTestEdits: true }).verdict, 'approve');
    });
  });

  describe('when secrets appear', () => {
    it('rejects a new secret without echoing it', () => {
      const v = review([edit('src/config.js', 'const a = 1;\n', `const a = 1;\nconst token = "${GH_TOKEN}";\n`)]);
      assert.deepEqual(v.findings.map((f) => `${f.rule} ${f.path}`), ['secrets src/config.js']);
      assert.ok(!JSON.stringify(v).includes(GH_TOKEN));
      assert.ok(v.checks.includes('secrets:fail'));
    });
    it('ignores a secret that was already there', () => {
      const before = `const token = "${GH_TOKEN}";\nlet x = 1;\n`;
      assert.equal(review([edit('src/config.js', before, before.replace('x = 1', 'x = 2'))]).verdict, 'approve');
    });
    it('rejects a copy of an existing secret', () => {
      const before = `const token = "${GH_TOKEN}";\n`;
      assert.deepEqual(rulesHit([edit('src/config.js', before, before + before)]), ['secrets src/config.js']);
    });
  });

  describe('when protected paths change', () => {
    it('rejects git internals, workflows, fabric state, policies, lockfiles and registry config', () => {
      const paths = ['.git/hooks/pre-commit', 'sub/.GIT/config', '.github/workflows/ci.yml', '.fabric/keys.json', 'policies/review.json', 'package-lock.json', 'web/yarn.lock', '.npmrc', '.gitattributes'];
      const hits = rulesHit(paths.map((p) => edit(p, null, 'x')), { writeScope: ['x/'] }).filter((h) => h.startsWith('protected-paths'));
      assert.deepEqual(hits, paths.map((p) => `protected-paths ${p}`));
    });
    it('adds the allow-list file\'s protected paths', () => {
      const v = review([edit('src/generated/api.js', 'a', 'b'), edit('src/keep.js', 'a', 'b')], { allowList: allowList({ protectedPaths: ['src/generated/'] }) });
      assert.deepEqual(v.findings.map((f) => `${f.rule} ${f.path}`), ['protected-paths src/generated/api.js']);
    });
  });

  describe('when package.json dependencies change', () => {
    const base = pkg({ dependencies: { express: '^4.0.0' } });
    it('rejects an added dependency that is not allow-listed', () => {
      const v = review([edit('package.json', base, pkg({ dependencies: { express: '^4.0.0', leftpad: '1.0.0' } }))]);
      assert.deepEqual(v.findings.map((f) => `${f.rule} ${f.path}`), ['dependencies package.json']);
      assert.ok(v.checks.includes('dependencies:fail'));
    });
    it('rejects a changed version, in any section including nested overrides', () => {
      const after = pkg({ dependencies: { express: '^5.0.0' }, devDependencies: { mocha: '11' }, pnpm: { overrides: { qs: '6.0.0' } } });
      assert.equal(review([edit('package.json', base, after)]).findings.length, 3);
    });
    it('approves an allow-listed package with a plain range and a removal', () => {
      const list = allowList({ dependencies: { allow: [{ name: 'lodash' }] } });
      const v = review([edit('package.json', base, pkg({ dependencies: { lodash: '^4.17.21' } }))], { allowList: list });
      assert.equal(v.verdict, 'approve');
    });
    it('rejects git, URL, file and alias specs unless listed exactly', () => {
      const list = allowList({ dependencies: { allow: [{ name: 'lodash' }, { name: 'mylib', specs: ['github:me/mylib#v1'] }] } });
      for (const spec of ['github:lodash/lodash', 'lodash/lodash', 'file:../lodash', 'npm:evil@1']) {
        assert.equal(review([edit('package.json', base, pkg({ dependencies: { express: '^4.0.0', lodash: spec } }))], { allowList: list }).verdict, 'reject', spec);
      }
      const ok = pkg({ dependencies: { express: '^4.0.0', mylib: 'github:me/mylib#v1' } });
      assert.equal(review([edit('package.json', base, ok)], { allowList: list }).verdict, 'approve');
    });
    it('checks nested package.json files and newly bundled names', () => {
      const after = pkg({ dependencies: { express: '^4.0.0' }, bundleDependencies: ['express'] });
      assert.deepEqual(rulesHit([edit('src/pkg/package.json', base, after)]), ['dependencies src/pkg/package.json']);
    });
    it('rejects a manifest that is no longer JSON', () => {
      assert.deepEqual(rulesHit([edit('package.json', base, '{ nope')]), ['dependencies package.json']);
    });
  });

  describe('when package.json scripts change', () => {
    it('rejects a rewritten test script', () => {
      const before = pkg({});
      const after = pkg({}, { scripts: { test: 'exit 0' } });
      assert.deepEqual(rulesHit([edit('package.json', before, after)]), ['package-scripts package.json']);
    });
  });

  describe('when a binary file changes', () => {
    it('rejects it', () => {
      const v = review([edit('src/logo.png', null, null, true)]);
      assert.deepEqual(v.findings.map((f) => `${f.rule} ${f.path}`), ['binary src/logo.png']);
      assert.ok(v.checks.includes('binary:fail'));
    });
  });

  describe('when the input is malformed', () => {
    it('throws SCHEMA_INVALID listing every bad field', () => {
      const data = expectCode(() => reviewChanges({ files: [{ path: '', before: 1, after: null }], writeScope: 'src/' } as never), 'SCHEMA_INVALID');
      const paths = (data.errors as { path: string }[]).map((e) => e.path).sort();
      assert.deepEqual(paths, ['', '/files/0', '/files/0/before', '/files/0/path', '/writeScope']);
    });
    it('refuses the same file twice', () => {
      const data = expectCode(() => review([edit('src/a.js', 'a', 'b'), edit('./src/a.js', 'a', 'c')]), 'SCHEMA_INVALID');
      assert.deepEqual((data.errors as { path: string }[]).map((e) => e.path), ['/files/1/path']);
    });
    it('validates a supplied allow-list', () => {
      expectCode(() => review([], { allowList: { version: 2 } as never }), 'SCHEMA_INVALID');
    });
  });

  describe('when no allow-list is given', () => {
    it('uses the shipped policies/review.json', () => {
      const v = reviewChanges({ files: [edit('package.json', pkg({}), pkg({ dependencies: { x: '1.0.0' } }))], writeScope: ['package.json'], allowTestEdits: false });
      assert.equal(v.verdict, 'reject');
      assert.ok(defaultReviewAllowList().licenses.allow.includes('MIT'));
    });
  });
});

describe('#loadReviewAllowList', () => {
  const tmp = makeTempDir();
  after(() => tmp.cleanup());

  describe('when the file is valid', () => {
    it('returns the allow-list', () => {
      const file = join(tmp.path, 'review.json');
      const list = allowList({ dependencies: { allow: [{ name: '@scope/pkg', specs: ['1.2.3'] }] } });
      writeFileSync(file, JSON.stringify(list));
      assert.deepEqual(loadReviewAllowList(file), list);
    });
  });
  describe('when the file has the wrong shape', () => {
    it('throws SCHEMA_INVALID with every bad field path', () => {
      const file = join(tmp.path, 'bad.json');
      writeFileSync(file, JSON.stringify({ version: 1, dependencies: { allow: [{ name: 'Bad Name' }, { specs: [] }] }, licenses: { allow: 'MIT' }, extra: true }));
      const data = expectCode(() => loadReviewAllowList(file), 'SCHEMA_INVALID');
      const paths = (data.errors as { path: string }[]).map((e) => e.path).sort();
      assert.deepEqual(paths, ['/dependencies/allow/0/name', '/dependencies/allow/1/name', '/dependencies/allow/1/specs', '/extra', '/licenses/allow', '/protectedPaths']);
    });
  });
  describe('when the file is missing or not JSON', () => {
    it('throws CONFIG_INVALID', () => {
      expectCode(() => loadReviewAllowList(join(tmp.path, 'missing.json')), 'CONFIG_INVALID');
      const file = join(tmp.path, 'broken.json');
      writeFileSync(file, '{ not json');
      expectCode(() => loadReviewAllowList(file), 'CONFIG_INVALID');
    });
  });
  describe('when it is the shipped policies/review.json', () => {
    it('is valid', () => {
      assert.equal(loadReviewAllowList(join(__dirname, '..', '..', '..', 'policies', 'review.json')).version, 1);
    });
  });
});
