import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Clock } from '../../../src/runtime/context';
import { loadPolicyEngine, ROLE_NAMES, type PolicyEngine, type PolicyRequest, type RoleName } from '../../../src/runtime/policy';
import type { PolicyCapability } from '../../../src/runtime/policy/types';
import { policiesDir } from '../../../src/runtime/util/packageRoot';

const POLICIES_DIR = join(__dirname, '..', '..', '..', 'policies');
const NOW = new Date('2025-06-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const clock: Clock = { now: () => NOW, monotonicMs: () => performance.now() };
const FABRIC_REF = 'refs/heads/fabric/fix-add-1a2b3c4d';
const goodApproval = (action: string) => ({ valid: true, action, exp: NOW_S + 600 });

/** The best-case request for each capability: in scope, a fabric ref, a valid approval. */
function ideal(capability: PolicyCapability, role: RoleName): PolicyRequest {
  switch (capability) {
    case 'workspace.create':
      return { capability, role, workspace: 'candidate-1' };
    case 'fs.read':
      return { capability, role, path: 'src/a.ts' };
    case 'fs.write':
      return { capability, role, path: 'src/a.ts', writeScope: ['src/'], isTestFile: false, allowTestEdits: false };
    case 'sandbox.exec':
      return { capability, role, program: 'npm', workspace: 'candidate-1', network: false };
    case 'git.snapshot':
    case 'git.commit':
      return { capability, role };
    case 'git.write_ref':
      return { capability, role, ref: FABRIC_REF, protected: false, defaultBranch: 'main', checkedOutBranch: 'refs/heads/main' };
    case 'git.note':
      return { capability, role, ref: 'refs/notes/fabric', protected: false };
    case 'evidence.sign':
      return { capability, role, subject: `sha256:${'0'.repeat(64)}` };
    case 'git.push':
    case 'git.force_push':
    case 'git.delete_branch':
      return { capability, role, ref: FABRIC_REF, protected: false, defaultBranch: 'main', approval: goodApproval(capability) };
    case 'network.access':
      return { capability, role, host: 'registry.npmjs.org', approval: goodApproval(capability) };
  }
}

/** Separation of duties: which roles may use each capability at all. */
const ALLOWED: Record<PolicyCapability, RoleName[]> = {
  'workspace.create': ['localizer', 'implementer', 'verifier'],
  'fs.read': ['localizer', 'planner', 'implementer', 'verifier', 'reviewer', 'release_captain'],
  'fs.write': ['implementer'],
  'sandbox.exec': ['localizer', 'verifier'],
  'git.snapshot': ['release_captain', 'operator'],
  'git.commit': ['release_captain'],
  'git.write_ref': ['release_captain'],
  'git.note': ['release_captain'],
  'evidence.sign': ['release_captain'],
  'git.push': ['release_captain'],
  'git.force_push': [],
  'git.delete_branch': [],
  'network.access': [],
};

describe('#PolicyEngine.decide', () => {
  let engine: PolicyEngine;
  before(() => {
    engine = loadPolicyEngine({ policiesDir: POLICIES_DIR, clock });
  });
  const decision = (request: PolicyRequest): 'allow' | 'deny' => engine.decide(request).decision;

  describe('when each role asks for each capability', () => {
    for (const [capability, allowed] of Object.entries(ALLOWED) as [PolicyCapability, RoleName[]][]) {
      for (const role of ROLE_NAMES) {
        const expected = allowed.includes(role) ? 'allow' : 'deny';
        it(`${expected}s ${capability} for ${role}`, () => {
          const d = engine.decide(ideal(capability, role));
          assert.deepEqual(d.errors, []);
          assert.equal(d.decision, expected);
          if (expected === 'allow') assert.ok(d.policyIds.length > 0, 'an allow names its permit');
        });
      }
    }
  });

  describe('when the implementer writes files', () => {
    const write = (path: string, writeScope: string[], extra: Partial<{ isTestFile: boolean; allowTestEdits: boolean }> = {}): PolicyRequest => ({
      capability: 'fs.write',
      role: 'implementer',
      path,
      writeScope,
      isTestFile: extra.isTestFile ?? false,
      allowTestEdits: extra.allowTestEdits ?? false,
    });
    it('denies a write outside the write scope, naming the forbid', () => {
      const d = engine.decide(write('lib/b.ts', ['src/']));
      assert.equal(d.decision, 'deny');
      assert.deepEqual(d.policyIds, ['fs-write-outside-scope']);
    });
    it('denies everything with an empty write scope', () => {
      assert.equal(decision(write('src/a.ts', [])), 'deny');
    });
    it('allows nested files under a scoped directory (entity hierarchy)', () => {
      assert.equal(decision(write('src/deep/er/c.ts', ['src/**'])), 'allow');
      assert.equal(decision(write('src/deep/c.ts', ['src'])), 'allow');
    });
    it('treats a file entry as that file only', () => {
      assert.equal(decision(write('src/a.ts', ['src/a.ts'])), 'allow');
      assert.equal(decision(write('src/b.ts', ['src/a.ts'])), 'deny');
      assert.equal(decision(write('src/a.tsx', ['src/a.ts'])), 'deny');
    });
    it('does not let a sibling prefix match (src vs srcx)', () => {
      assert.equal(decision(write('srcx/a.ts', ['src/'])), 'deny');
    });
    it('grants nothing for glob or escaping scope entries', () => {
      assert.equal(decision(write('src/a.ts', ['src/*.ts'])), 'deny');
      assert.equal(decision(write('src/a.ts', ['../src/'])), 'deny');
    });
    it('denies paths that leave the repository, with an error', () => {
      for (const path of ['src/../../etc/passwd', '/etc/passwd', 'C:/x.ts', '']) {
        const d = engine.decide(write(path, ['.']));
        assert.equal(d.decision, 'deny', path);
        assert.equal(d.errors.length, 1, path);
      }
    });
    it('never writes inside .git, even with the whole repository in scope', () => {
      const d = engine.decide(write('.git/hooks/pre-commit', ['.']));
      assert.deepEqual([d.decision, d.policyIds], ['deny', ['fs-write-git-dir']]);
    });
    it('denies a test file unless the goal allows test edits', () => {
      const d = engine.decide(write('src/a.ts', ['src/'], { isTestFile: true }));
      assert.equal(d.decision, 'deny');
      assert.deepEqual(d.policyIds, ['fs-write-test-file']);
      assert.equal(decision(write('src/a.ts', ['src/'], { isTestFile: true, allowTestEdits: true })), 'allow');
    });
    it('recognises test paths even when the caller says it is not a test file', () => {
      assert.equal(decision(write('test/math.test.ts', ['.'])), 'deny');
      assert.equal(decision(write('test/math.test.ts', ['.'], { allowTestEdits: true })), 'allow');
    });
  });

  describe('when the release captain writes refs', () => {
    const ref = (r: string, extra: Partial<{ protected: boolean; defaultBranch: string; checkedOutBranch: string }> = {}): PolicyRequest => ({
      capability: 'git.write_ref',
      role: 'release_captain',
      ref: r,
      protected: extra.protected ?? false,
      defaultBranch: extra.defaultBranch ?? 'trunk',
      ...(extra.checkedOutBranch ? { checkedOutBranch: extra.checkedOutBranch } : {}),
    });
    it('allows a fabric branch and the fabric notes ref', () => {
      assert.equal(decision(ref(FABRIC_REF)), 'allow');
      assert.equal(decision(ref('refs/notes/fabric')), 'allow');
    });
    it('denies refs/heads/main even when it is not the default branch', () => {
      const d = engine.decide(ref('refs/heads/main'));
      assert.equal(d.decision, 'deny');
      assert.deepEqual(d.policyIds, ['ref-protected']);
    });
    it('denies the default branch, the checked-out branch and protected refs', () => {
      assert.equal(decision(ref('refs/heads/fabric/x', { defaultBranch: 'fabric/x' })), 'deny');
      assert.equal(decision(ref('refs/heads/fabric/x', { defaultBranch: 'refs/heads/fabric/x' })), 'deny');
      assert.equal(decision(ref('refs/heads/fabric/x', { checkedOutBranch: 'refs/heads/fabric/x' })), 'deny');
      assert.equal(decision(ref('refs/heads/fabric/x', { protected: true })), 'deny');
    });
    it('denies anything outside refs/heads/fabric/ and refs/notes/fabric', () => {
      for (const r of ['refs/heads/feature', 'refs/tags/v1', 'refs/notes/commits', 'refs/notes/fabric2', 'refs/heads/fabric', 'HEAD']) {
        assert.equal(decision(ref(r)), 'deny', r);
      }
    });
    it('denies malformed names that only look like fabric refs', () => {
      for (const r of ['refs/heads/fabric/../main', 'refs/heads/fabric/', 'refs/heads/fabric/x.lock', 'refs/heads/fabric/a b']) {
        assert.equal(decision(ref(r)), 'deny', r);
      }
    });
    it('denies notes on anything but refs/notes/fabric', () => {
      assert.equal(decision({ capability: 'git.note', role: 'release_captain', ref: 'refs/notes/commits', protected: false }), 'deny');
    });
  });

  describe('when the release captain pushes', () => {
    const push = (approval?: { valid: boolean; action: string; exp: number }, r = FABRIC_REF): PolicyRequest => ({
      capability: 'git.push',
      role: 'release_captain',
      ref: r,
      protected: false,
      ...(approval ? { approval } : {}),
    });
    it('denies a push without an approval', () => {
      const d = engine.decide(push());
      assert.equal(d.decision, 'deny');
      assert.deepEqual(d.policyIds, ['push-requires-approval']);
    });
    it('denies an invalid, expired or differently bound approval', () => {
      assert.equal(decision(push({ valid: false, action: 'git.push', exp: NOW_S + 600 })), 'deny');
      assert.equal(decision(push({ valid: true, action: 'git.push', exp: NOW_S - 1 })), 'deny');
      assert.equal(decision(push({ valid: true, action: 'git.write_ref', exp: NOW_S + 600 })), 'deny');
    });
    it('allows a push with a valid approval bound to git.push', () => {
      assert.equal(decision(push(goodApproval('git.push'))), 'allow');
    });
    it('denies pushing a non-fabric branch even with an approval', () => {
      assert.equal(decision(push(goodApproval('git.push'), 'refs/heads/main')), 'deny');
      assert.equal(decision(push(goodApproval('git.push'), 'refs/heads/feature')), 'deny');
    });
  });

  describe('when a command asks for the network', () => {
    it('denies it even for the verifier', () => {
      const d = engine.decide({ capability: 'sandbox.exec', role: 'verifier', program: 'npm', workspace: 'candidate-1', network: true });
      assert.deepEqual([d.decision, d.policyIds], ['deny', ['sandbox-no-network']]);
    });
  });

  describe('when the role is not a known role', () => {
    it('denies with an error', () => {
      const d = engine.decide({ capability: 'fs.read', role: 'root' as RoleName, path: 'src/a.ts' });
      assert.equal(d.decision, 'deny');
      assert.ok(d.errors.length > 0);
    });
  });

  describe('when the workspace adds a forbid rule', () => {
    it('takes effect over a default permit', () => {
      const workspacePolicies = [
        '@id("no-generated")',
        'forbid (principal, action == Fabric::Action::"fs.write", resource in Fabric::Directory::"src/generated/");',
      ].join('\n');
      const guarded = loadPolicyEngine({ policiesDir: POLICIES_DIR, workspacePolicies, clock });
      const request = (path: string): PolicyRequest => ({ capability: 'fs.write', role: 'implementer', path, writeScope: ['src/'], isTestFile: false, allowTestEdits: false });
      const d = guarded.decide(request('src/generated/api.ts'));
      assert.deepEqual([d.decision, d.policyIds], ['deny', ['workspace/no-generated']]);
      assert.equal(guarded.decide(request('src/a.ts')).decision, 'allow');
    });
  });

  describe('when decisions are timed', () => {
    it('reports the latency of a decision (printed, not asserted)', () => {
      const requests = [ideal('fs.write', 'implementer'), ideal('git.write_ref', 'release_captain'), ideal('git.push', 'release_captain'), ideal('fs.read', 'planner')];
      for (let i = 0; i < 20; i++) engine.decide(requests[i % requests.length]);
      const times: number[] = [];
      for (let i = 0; i < 400; i++) times.push(engine.decide(requests[i % requests.length]).durationMs);
      times.sort((a, b) => a - b);
      const mean = times.reduce((s, t) => s + t, 0) / times.length;
      console.log(`      Cedar decision latency over ${times.length}: mean ${mean.toFixed(3)} ms, p50 ${times[200].toFixed(3)} ms, p95 ${times[380].toFixed(3)} ms`);
    });
  });
});

describe('#decide fs.read of a directory', () => {
  const engine = loadPolicyEngine({ policiesDir: policiesDir() });
  it('lets the localizer read the whole tree and a sub-directory', () => {
    assert.equal(engine.decide({ capability: 'fs.read', role: 'localizer', path: '.' }).decision, 'allow');
    assert.equal(engine.decide({ capability: 'fs.read', role: 'localizer', path: 'lib/' }).decision, 'allow');
  });
  it('still refuses a directory outside the repository and the operator', () => {
    assert.equal(engine.decide({ capability: 'fs.read', role: 'localizer', path: '../' }).decision, 'deny');
    assert.equal(engine.decide({ capability: 'fs.read', role: 'operator', path: '.' }).decision, 'deny');
  });
});
