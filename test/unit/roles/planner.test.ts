import { strict as assert } from 'node:assert';
import { isFabricError, type FabricErrorCode } from '../../../src/runtime/errors';
import { validateProtocolDocument } from '../../../src/runtime/protocol';
import { isInWriteScope, planFix, writeScopeOf, type PlanFixInput } from '../../../src/roles/planner';

function input(overrides: Partial<PlanFixInput> = {}): PlanFixInput {
  return {
    goal: 'make the add test pass',
    traceId: '0f1e2d3c-4b5a-4968-8776-655443322110',
    locations: [
      { file: 'src/math/add.js', line: 3, score: 0.9 },
      { file: 'test/add.test.js', line: 10, score: 0.95 },
      { file: 'src/math/add.js', line: 7, score: 0.5 },
      { file: 'src/util/fmt.js', line: 2, score: 0.4 },
      { file: 'index.js', line: 1, score: 0.3 },
      { file: 'src/other/x.js', line: 1, score: 0.1 },
    ],
    relevantFiles: ['src/math/add.js', 'src/util/fmt.js', 'test/add.test.js'],
    testCommand: 'npm test',
    failingTests: ['add › adds two numbers'],
    allowTestEdits: false,
    revision: 0,
    ...overrides,
  };
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

describe('#planFix', () => {
  describe('when planning the first round', () => {
    it('returns a valid protocol document in the planned stage', () => {
      const plan = planFix(input());
      assert.deepEqual(validateProtocolDocument(plan), { ok: true });
      assert.equal(plan.phase_meta.phase_id, 'P2');
      assert.equal(plan.phase_meta.title, 'Fix: make the add test pass');
      assert.equal(plan.phase_meta.owner, 'fabric-planner');
      assert.equal(plan.status.stage, 'planned');
      assert.ok(plan.guardrails.audit_trace.includes('trace_id'));
      assert.ok(plan.flow.trigger.includes('0f1e2d3c-4b5a-4968-8776-655443322110'));
    });
    it('scopes writes to the distinct non-test files of the top-ranked locations, as files', () => {
      assert.deepEqual(planFix(input()).module_scope.write_modules, ['src/math/add.js', 'src/util/fmt.js', 'index.js']);
    });
    it('honours maxWriteFiles', () => {
      assert.deepEqual(planFix(input({ maxWriteFiles: 1 })).module_scope.write_modules, ['src/math/add.js']);
    });
    it('reads the relevant files and every located file', () => {
      assert.deepEqual(planFix(input()).module_scope.read_modules, [
        'src/math/add.js',
        'src/util/fmt.js',
        'test/add.test.js',
        'index.js',
        'src/other/x.js',
      ]);
    });
    it('states measurable acceptance', () => {
      const { acceptance } = planFix(input());
      assert.deepEqual(acceptance.slice(0, 4), [
        'tests add › adds two numbers pass',
        'no previously passing test fails (regression score 0)',
        'diff touches only write_modules: src/math/add.js, src/util/fmt.js, index.js',
        'no test file is modified',
      ]);
    });
    it('is deterministic whatever the order of the locations', () => {
      const a = planFix(input());
      const b = planFix(input({ locations: [...input().locations].reverse() }));
      assert.deepEqual(a, b);
    });
    it('normalizes ./ and backslashes in paths', () => {
      const plan = planFix(input({ locations: [{ file: '.\\src\\a.js', line: 1, score: 1 }], relevantFiles: ['./src/a.js'] }));
      assert.deepEqual(plan.module_scope.write_modules, ['src/a.js']);
      assert.deepEqual(plan.module_scope.read_modules, ['src/a.js']);
    });
  });

  describe('when test edits are allowed', () => {
    it('may put a test file in the write scope and drops the no-test-edit criterion', () => {
      const plan = planFix(input({ allowTestEdits: true, maxWriteFiles: 2 }));
      assert.deepEqual(plan.module_scope.write_modules, ['test/add.test.js', 'src/math/add.js']);
      assert.ok(!plan.acceptance.includes('no test file is modified'));
    });
  });

  describe('when revising', () => {
    it('widens file scopes to their directories, keeping root files as files', () => {
      const plan = planFix(input({ revision: 1, previousFailures: ['AssertionError: expected 3 got 4'] }));
      assert.deepEqual(plan.module_scope.write_modules, ['src/math/', 'src/util/', 'index.js']);
      assert.equal(plan.phase_meta.version, 'v2');
      assert.ok(plan.flow.steps.includes('avoid the previous failure: AssertionError: expected 3 got 4'));
    });
    it('redacts secrets in failure reports and the goal', () => {
      const token = 'ghp_' + 'a'.repeat(36);
      const plan = planFix(input({ goal: `fix with ${token}`, revision: 1, previousFailures: [`auth failed for ${token}`] }));
      assert.ok(!JSON.stringify(plan).includes(token));
      assert.ok(plan.status.risks.includes('auth failed for [REDACTED:github-token]'));
    });
  });

  describe('when no location is editable', () => {
    it('falls back to the non-test relevant files', () => {
      const plan = planFix(input({ locations: [{ file: 'test/add.test.js', line: 1, score: 1 }] }));
      assert.deepEqual(plan.module_scope.write_modules, ['src/math/add.js', 'src/util/fmt.js']);
    });
    it('throws WORKSPACE_NOTHING_TO_FIX when nothing at all is editable', () => {
      expectCode(() => planFix(input({ locations: [{ file: 'test/add.test.js', line: 1, score: 1 }], relevantFiles: ['test/a.test.js'] })), 'WORKSPACE_NOTHING_TO_FIX');
    });
  });

  describe('when the input is invalid', () => {
    it('throws SCHEMA_INVALID listing every bad field', () => {
      const bad = { ...input(), goal: ' ', revision: -1, locations: [{ file: 'a.js', line: 0, score: 1 }] };
      const data = expectCode(() => planFix(bad), 'SCHEMA_INVALID');
      const paths = (data.errors as { path: string }[]).map((e) => e.path).sort();
      assert.deepEqual(paths, ['/goal', '/locations/0/line', '/revision']);
    });
    it('refuses paths that escape the repository and non-finite scores', () => {
      const bad = input({ locations: [{ file: '../etc/passwd', line: 1, score: Number.NaN }], relevantFiles: ['/abs.js'] });
      const data = expectCode(() => planFix(bad), 'SCHEMA_INVALID');
      assert.deepEqual((data.errors as { path: string }[]).map((e) => e.path).sort(), ['/locations/0/file', '/locations/0/score', '/relevantFiles/0']);
    });
  });
});

describe('#writeScopeOf', () => {
  describe('when given a plan', () => {
    it('returns its write modules', () => {
      assert.deepEqual(writeScopeOf(planFix(input({ revision: 2 }))), ['src/math/', 'src/util/', 'index.js']);
    });
  });
  describe('when given something that is not a plan', () => {
    it('throws SCHEMA_INVALID', () => {
      const plan = planFix(input()) as unknown as Record<string, unknown>;
      delete plan.acceptance;
      expectCode(() => writeScopeOf(plan as never), 'SCHEMA_INVALID');
    });
  });
});

describe('#isInWriteScope', () => {
  const scope = ['src/math/add.js', 'src/util/', 'index.js'];
  describe('when the path is listed or under a listed directory', () => {
    it('allows it, after normalizing', () => {
      for (const p of ['src/math/add.js', './src/math/add.js', 'src\\math\\add.js', 'src/util/fmt.js', 'src/util/deep/x.js', 'index.js', 'src//util/./y.js']) {
        assert.equal(isInWriteScope(scope, p), true, p);
      }
    });
  });
  describe('when the path is outside', () => {
    it('refuses siblings, prefixes and parents', () => {
      for (const p of ['src/math/sub.js', 'src/math/add.js.bak', 'src/utility/x.js', 'src/util', 'src', 'lib/index.js']) {
        assert.equal(isInWriteScope(scope, p), false, p);
      }
    });
    it('refuses .. segments, absolute paths and empty paths even when they would resolve inside', () => {
      for (const p of ['src/util/../math/add.js', 'src/util/../../etc/passwd', '/src/util/x.js', 'C:/src/util/x.js', '', '.']) {
        assert.equal(isInWriteScope(scope, p), false, p);
      }
    });
    it('ignores scope entries that escape', () => {
      assert.equal(isInWriteScope(['../', '/'], 'x.js'), false);
    });
  });
});
