import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCapabilityCatalog, type CapabilityCatalogFile } from '../../../src/runtime/capabilities';
import { FabricError, isFabricError } from '../../../src/runtime/errors';
import { createGate, type Gate, type GateDeps, type GateEventInput, type Lease } from '../../../src/runtime/kernel';
import { loadPolicyEngine, type PolicyEngine, type PolicyRequest, type RoleName } from '../../../src/runtime/policy';
import { makeTempDir } from '../../helpers/tmp';

const POLICIES_DIR = join(__dirname, '..', '..', '..', 'policies');
const NOW = new Date('2025-06-01T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const FABRIC_REF = 'refs/heads/fabric/fix-add-1a2b3c4d';
const PUSH_TOKEN = 'operator-approved-push';

interface Recorded extends GateEventInput {
  seq: number;
}

/** An in-memory event sink that numbers events like the real log. */
function memorySink(): { append(input: GateEventInput): { seq: number }; events: Recorded[] } {
  const events: Recorded[] = [];
  return {
    events,
    append(input) {
      const seq = events.length + 1;
      events.push({ ...input, seq });
      return { seq };
    },
  };
}

function lease(role: RoleName, overrides: Partial<Lease> = {}): Lease {
  return {
    trace_id: 'trace-1a2b3c4d',
    session_id: 'session-1',
    tenant_id: 'tenant-example',
    principal: 'dev@example.test',
    role,
    instance: '1',
    expiresAtMs: NOW.getTime() + 60_000,
    ...overrides,
  };
}

const writeRequest = (path: string): PolicyRequest => ({ capability: 'fs.write', role: 'implementer', path, writeScope: ['src/'], isTestFile: false, allowTestEdits: false });
const pushRequest: PolicyRequest = { capability: 'git.push', role: 'release_captain', ref: FABRIC_REF, protected: false, defaultBranch: 'main' };

async function rejection(p: Promise<unknown>): Promise<FabricError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isFabricError(e), `expected a FabricError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('#createGate', () => {
  const tmp = makeTempDir('fabric-gate-');
  after(() => tmp.cleanup());
  let policy: PolicyEngine;
  let n = 0;
  before(() => {
    policy = loadPolicyEngine({ policiesDir: POLICIES_DIR, clock: { now: () => NOW, monotonicMs: () => performance.now() } });
  });

  /** A Gate over a private copy of the catalog, a fixed clock and a token checker bound to one push. */
  function setup(overrides: { monotonicMs?: number; budget?: GateDeps['budget']; editCatalog?: (f: CapabilityCatalogFile) => void } = {}) {
    const catalogPath = join(tmp.path, `capabilities-${n++}.json`);
    copyFileSync(join(POLICIES_DIR, 'capabilities.json'), catalogPath);
    if (overrides.editCatalog) {
      const file = JSON.parse(readFileSync(catalogPath, 'utf8')) as CapabilityCatalogFile;
      overrides.editCatalog(file);
      writeFileSync(catalogPath, JSON.stringify(file));
    }
    const sink = memorySink();
    const verified: string[] = [];
    const deps: GateDeps = {
      events: sink,
      policy,
      catalog: loadCapabilityCatalog(catalogPath),
      clock: { now: () => NOW, monotonicMs: () => overrides.monotonicMs ?? 1_000 },
      budget: overrides.budget ?? { wallMs: 60_000, startedAtMs: 0 },
      approvals: {
        verify(action, args, token) {
          verified.push(action);
          if (token === undefined) return { valid: false, action: '', exp: 0, reason: 'no token' };
          const ok = token === PUSH_TOKEN && action === 'git.push' && args.ref === FABRIC_REF;
          return ok ? { valid: true, action, exp: NOW_S + 300 } : { valid: false, action, exp: 0, reason: 'mismatch' };
        },
      },
    };
    return { gate: createGate(deps), events: sink.events, catalogPath, verified };
  }

  const types = (events: Recorded[]): string[] => events.map((e) => e.action_type);

  /** No tool_call without an allowing policy_decision for the same capability as its cause. */
  function assertCallsFollowAllows(events: Recorded[]): void {
    for (const call of events.filter((e) => e.action_type === 'tool_call')) {
      const decision = events.find((e) => e.seq === call.cause);
      assert.ok(decision, `tool_call ${call.seq} has no cause`);
      assert.equal(decision.action_type, 'policy_decision');
      assert.equal(decision.payload.decision, 'allow');
      assert.equal(decision.capability_id, call.capability_id);
      assert.ok(decision.seq < call.seq);
    }
  }

  describe('#invoke', () => {
    describe('when the call is allowed', () => {
      it('records policy_decision → tool_call → tool_result, each caused by the one before', async () => {
        const { gate, events } = setup();
        const result = await gate.invoke(lease('implementer'), writeRequest('src/a.ts'), { path: 'src/a.ts' }, async () => 42, {
          summarize: (r) => ({ bytes: r }),
        });
        assert.equal(result, 42);
        assert.deepEqual(types(events), ['policy_decision', 'tool_call', 'tool_result']);
        const [decision, call, done] = events;
        assert.deepEqual([call.cause, done.cause], [decision.seq, call.seq]);
        assert.equal(decision.agent_id, 'implementer:1');
        assert.equal(decision.capability_id, 'fs.write');
        assert.equal(decision.payload.decision, 'allow');
        assert.deepEqual(decision.payload.policy_ids, ['fs-write-implementer-in-scope']);
        assert.match(String(decision.payload.capability_digest), /^sha256:[0-9a-f]{64}$/);
        assert.equal(decision.payload.policy_digest, policy.policyDigest());
        assert.equal((decision.payload.request as { path: string }).path, 'src/a.ts');
        assert.deepEqual(done.payload, { bytes: 42 });
        assertCallsFollowAllows(events);
      });
      it('records { ok: true } as the result without a summarizer', async () => {
        const { gate, events } = setup();
        await gate.invoke(lease('verifier'), { capability: 'sandbox.exec', role: 'verifier', program: 'npm', workspace: 'c1', network: false }, {}, async () => 'out');
        assert.deepEqual(events[2].payload, { ok: true });
      });
    });

    describe('when the policy denies', () => {
      it('throws GATE_POLICY_DENIED after a deny policy_decision and never executes', async () => {
        const { gate, events } = setup();
        let ran = false;
        const err = await rejection(gate.invoke(lease('implementer'), writeRequest('lib/outside.ts'), {}, async () => (ran = true)));
        assert.equal(err.code, 'GATE_POLICY_DENIED');
        assert.equal(ran, false);
        assert.deepEqual(types(events), ['policy_decision']);
        assert.equal(events[0].payload.decision, 'deny');
        assert.deepEqual(events[0].payload.policy_ids, ['fs-write-outside-scope']);
      });
      it('denies a role Cedar permits but the catalog does not list', async () => {
        const { gate, events } = setup({
          editCatalog: (f) => {
            const read = f.capabilities.find((c) => c.id === 'fs.read');
            if (read) read.roles = read.roles.filter((r) => r !== 'planner');
          },
        });
        const err = await rejection(gate.invoke(lease('planner'), { capability: 'fs.read', role: 'planner', path: 'src/a.ts' }, {}, async () => 1));
        assert.equal(err.code, 'GATE_POLICY_DENIED');
        assert.deepEqual(events[0].payload.policy_ids, ['catalog/roles']);
      });
    });

    describe('when a high-impact capability is invoked', () => {
      it('verifies the token first and allows a push with a valid approval', async () => {
        const { gate, events, verified } = setup();
        await gate.invoke(lease('release_captain'), pushRequest, { ref: FABRIC_REF, remote: 'origin' }, async () => 'pushed', { approvalToken: PUSH_TOKEN });
        assert.deepEqual(verified, ['git.push']);
        assert.deepEqual(types(events), ['approval_decision', 'policy_decision', 'tool_call', 'tool_result']);
        assert.equal(events[0].payload.valid, true);
        assert.equal(events[1].cause, events[0].seq);
        assertCallsFollowAllows(events);
      });
      it('throws GATE_APPROVAL_REQUIRED for a push without a token', async () => {
        const { gate, events } = setup();
        const err = await rejection(gate.invoke(lease('release_captain'), pushRequest, { ref: FABRIC_REF }, async () => 'pushed'));
        assert.equal(err.code, 'GATE_APPROVAL_REQUIRED');
        assert.deepEqual(types(events), ['approval_decision', 'policy_decision']);
        assert.equal(events[0].payload.valid, false);
        assert.deepEqual(events[1].payload.policy_ids, ['push-requires-approval']);
      });
      it('ignores an approval the caller wrote into the request itself', async () => {
        const { gate } = setup();
        const forged: PolicyRequest = { ...pushRequest, approval: { valid: true, action: 'git.push', exp: NOW_S + 300 } };
        assert.equal((await rejection(gate.invoke(lease('release_captain'), forged, { ref: FABRIC_REF }, async () => 1))).code, 'GATE_APPROVAL_REQUIRED');
      });
      it('refuses a token bound to other arguments', async () => {
        const { gate } = setup();
        const err = await rejection(gate.invoke(lease('release_captain'), pushRequest, { ref: 'refs/heads/fabric/other' }, async () => 1, { approvalToken: PUSH_TOKEN }));
        assert.equal(err.code, 'GATE_APPROVAL_REQUIRED');
      });
      it('throws GATE_POLICY_DENIED when no approval could help (force push, wrong role)', async () => {
        const { gate } = setup();
        const force: PolicyRequest = { ...pushRequest, capability: 'git.force_push' };
        assert.equal((await rejection(gate.invoke(lease('release_captain'), force, {}, async () => 1))).code, 'GATE_POLICY_DENIED');
        const byImplementer: PolicyRequest = { ...pushRequest, role: 'implementer' };
        assert.equal((await rejection(gate.invoke(lease('implementer'), byImplementer, { ref: FABRIC_REF }, async () => 1, { approvalToken: PUSH_TOKEN }))).code, 'GATE_POLICY_DENIED');
      });
    });

    describe('when the lease is not valid', () => {
      const cases: [string, Lease][] = [
        ['expired', lease('implementer', { expiresAtMs: NOW.getTime() - 1 })],
        ['missing a tenant', lease('implementer', { tenant_id: '' })],
        ['for another role', lease('verifier')],
      ];
      for (const [what, bad] of cases) {
        it(`throws GATE_LEASE_INVALID when ${what}, with an error event and no decision`, async () => {
          const { gate, events } = setup();
          let ran = false;
          const err = await rejection(gate.invoke(bad, writeRequest('src/a.ts'), {}, async () => (ran = true)));
          assert.equal(err.code, 'GATE_LEASE_INVALID');
          assert.equal(ran, false);
          assert.deepEqual(types(events), ['error']);
          assert.equal(events[0].payload.code, 'GATE_LEASE_INVALID');
        });
      }
    });

    describe('when the catalog entry was tampered with', () => {
      it('throws GATE_CAPABILITY_TAMPERED before any decision', async () => {
        const { gate, events, catalogPath } = setup();
        const file = JSON.parse(readFileSync(catalogPath, 'utf8')) as CapabilityCatalogFile;
        file.capabilities.find((c) => c.id === 'fs.write')?.roles.push('verifier');
        writeFileSync(catalogPath, JSON.stringify(file));
        const err = await rejection(gate.invoke(lease('implementer'), writeRequest('src/a.ts'), {}, async () => 1));
        assert.equal(err.code, 'GATE_CAPABILITY_TAMPERED');
        assert.deepEqual(types(events), ['error']);
      });
    });

    describe('when the capability is unknown', () => {
      it('throws GATE_CAPABILITY_UNKNOWN', async () => {
        const { gate } = setup();
        const request = { capability: 'shell.exec', role: 'verifier' } as unknown as PolicyRequest;
        assert.equal((await rejection(gate.invoke(lease('verifier'), request, {}, async () => 1))).code, 'GATE_CAPABILITY_UNKNOWN');
      });
    });

    describe('when the wall-time budget is used up', () => {
      it('throws GATE_BUDGET_EXCEEDED with a budget event after the decision and never executes', async () => {
        const { gate, events } = setup({ monotonicMs: 10_500, budget: { wallMs: 10_000, startedAtMs: 0 } });
        let ran = false;
        const err = await rejection(gate.invoke(lease('implementer'), writeRequest('src/a.ts'), {}, async () => (ran = true)));
        assert.equal(err.code, 'GATE_BUDGET_EXCEEDED');
        assert.equal(ran, false);
        assert.deepEqual(types(events), ['policy_decision', 'budget']);
        assert.equal(events[1].cause, events[0].seq);
        assert.deepEqual(events[1].payload, { used_ms: 10_500, limit_ms: 10_000, exceeded: true });
      });
    });

    describe('when execute() throws', () => {
      it('records an error event caused by the tool_call and rethrows a wrapped FabricError', async () => {
        const { gate, events } = setup();
        const boom = new Error('disk full');
        const err = await rejection(gate.invoke(lease('implementer'), writeRequest('src/a.ts'), {}, async () => { throw boom; }));
        assert.equal(err.code, 'INTERNAL');
        assert.equal(err.cause, boom);
        assert.deepEqual(types(events), ['policy_decision', 'tool_call', 'error']);
        assert.equal(events[2].cause, events[1].seq);
        assert.equal(events[2].payload.step, 'execute');
      });
      it('keeps the code of a FabricError', async () => {
        const { gate } = setup();
        const err = await rejection(
          gate.invoke(lease('verifier'), { capability: 'sandbox.exec', role: 'verifier', program: 'npm', workspace: 'c1', network: false }, {}, async () => {
            throw new FabricError('SANDBOX_SPAWN_FAILED', 'no such program');
          }),
        );
        assert.equal(err.code, 'SANDBOX_SPAWN_FAILED');
      });
    });

    describe('when arguments are not JSON', () => {
      it('throws USAGE_INVALID before any decision', async () => {
        const { gate, events } = setup();
        const err = await rejection(gate.invoke(lease('implementer'), writeRequest('src/a.ts'), { n: 10n }, async () => 1));
        assert.equal(err.code, 'USAGE_INVALID');
        assert.deepEqual(types(events), ['error']);
      });
    });
  });

  describe('#stats', () => {
    async function run(gate: Gate): Promise<void> {
      await gate.invoke(lease('implementer'), writeRequest('src/a.ts'), {}, async () => 1);
      await gate.invoke(lease('implementer'), writeRequest('lib/b.ts'), {}, async () => 1).catch(() => undefined);
      await gate.invoke(lease('release_captain'), pushRequest, { ref: FABRIC_REF }, async () => 1, { approvalToken: PUSH_TOKEN });
    }
    describe('when calls were allowed and denied', () => {
      it('counts them and digests the decisions deterministically', async () => {
        const a = setup();
        const b = setup();
        await run(a.gate);
        await run(b.gate);
        const stats = a.gate.stats();
        assert.deepEqual([stats.allowed, stats.denied], [2, 1]);
        assert.match(stats.decisions_digest, /^sha256:[0-9a-f]{64}$/);
        assert.equal(stats.decisions_digest, b.gate.stats().decisions_digest);
        assertCallsFollowAllows(a.events);
      });
    });
    describe('when nothing was decided', () => {
      it('reports zeros', () => {
        const { gate } = setup();
        assert.deepEqual([gate.stats().allowed, gate.stats().denied], [0, 0]);
      });
    });
  });
});
