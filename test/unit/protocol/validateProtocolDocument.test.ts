import { strict as assert } from 'node:assert';
import { isFabricError } from '../../../src/runtime/errors';
import {
  PHASE_REGISTRY,
  PROTOCOL_KEYS,
  assertProtocolDocument,
  phaseEntry,
  protocolSchemaV1,
  validateProtocolDocument,
  type ProtocolDocument,
} from '../../../src/runtime/protocol';

/** The seed's canonical example (§3), with the `kind`/`stage` placeholders filled in. */
function seedExample(): ProtocolDocument {
  return {
    phase_meta: { phase_id: 'P7', title: 'Identity and Tenant Sovereignty', priority: 'highest', version: 'v1', owner: 'autoloop-core' },
    objective: { problem: 'what gap is closed', outcome: 'observable engineering outcome' },
    invariants: ['hard rule 1', 'hard rule 2'],
    module_scope: {
      write_modules: ['src/security', 'src/runtime'],
      read_modules: ['src/session', 'src/contracts'],
      external_surfaces: ['CLI', 'dashboard', 'state_store adapter'],
    },
    data_models: [{ name: 'SessionLease', kind: 'table', keys: ['session_id', 'tenant_id'], append_only: true }],
    flow: { trigger: 'entry trigger', steps: ['step 1', 'step 2', 'step 3'], exit_conditions: ['condition A', 'condition B'] },
    guardrails: {
      runtime_gate: ['budget', 'timeout', 'sandbox', 'token'],
      policy_gate: ['approval', 'permission', 'tenant boundary'],
      audit_trace: ['trace_id', 'session_id', 'task_id', 'capability_id', 'version'],
    },
    tests: { unit: ['unit case 1'], integration: ['integration case 1'], e2e: ['e2e case 1'] },
    acceptance: ['measurable criterion 1', 'measurable criterion 2'],
    rollback: { trigger: 'when to rollback', action: 'how to rollback', target_version: 'v1' },
    dependency_graph: { depends_on: ['P6'], unblocks: ['P8', 'P9'] },
    status: { stage: 'planned', completion: 0.0, risks: ['risk 1'], next_actions: ['next action 1'] },
  };
}

function errorPaths(x: unknown): string[] {
  const r = validateProtocolDocument(x);
  return r.ok ? [] : r.errors.map((e) => e.path).sort();
}

describe('#validateProtocolDocument', () => {
  describe('when the document is the seed example', () => {
    it('is valid', () => {
      assert.deepEqual(validateProtocolDocument(seedExample()), { ok: true });
    });
    it('is valid with keys in any order (canonical JSON sorts them)', () => {
      const doc = seedExample() as unknown as Record<string, unknown>;
      const reversed = Object.fromEntries(Object.keys(doc).reverse().map((k) => [k, doc[k]]));
      assert.deepEqual(validateProtocolDocument(reversed), { ok: true });
    });
  });

  describe('when a required key is missing', () => {
    for (const key of PROTOCOL_KEYS) {
      it(`is invalid without ${key}`, () => {
        const doc = seedExample() as unknown as Record<string, unknown>;
        delete doc[key];
        assert.deepEqual(errorPaths(doc), [`/${key}`]);
      });
    }
    it('lists every missing key of an empty object', () => {
      assert.deepEqual(errorPaths({}), PROTOCOL_KEYS.map((k) => `/${k}`).sort());
    });
  });

  describe('when there are extra keys', () => {
    it('refuses them at the top level and inside sections', () => {
      const doc = { ...seedExample(), notes: 'x', phase_meta: { ...seedExample().phase_meta, color: 'red' } };
      assert.deepEqual(errorPaths(doc), ['/notes', '/phase_meta/color']);
    });
  });

  describe('when inner shapes are wrong', () => {
    it('collects every bad field path at once', () => {
      const doc = seedExample() as unknown as { [k: string]: Record<string, unknown> & unknown[] };
      doc.phase_meta.phase_id = 'P14';
      doc.phase_meta.version = '1';
      (doc.data_models[0] as Record<string, unknown>).kind = 'table|dto|event';
      doc.status.stage = 'started';
      doc.status.completion = 1.5;
      doc.guardrails.audit_trace = ['session_id'];
      doc.acceptance = ['ok', '', '   '] as never;
      doc.dependency_graph.depends_on = ['P0'];
      doc.module_scope.write_modules = ['../outside', '/etc/passwd', 'src/ok/'];
      doc.flow.steps = [] as never;
      assert.deepEqual(errorPaths(doc), [
        '/acceptance/1',
        '/acceptance/2',
        '/data_models/0/kind',
        '/dependency_graph/depends_on/0',
        '/flow/steps',
        '/guardrails/audit_trace',
        '/module_scope/write_modules/0',
        '/module_scope/write_modules/1',
        '/phase_meta/phase_id',
        '/phase_meta/version',
        '/status/completion',
        '/status/stage',
      ]);
    });
    it('refuses a non-object', () => {
      for (const x of [null, [], 'doc', 3]) assert.deepEqual(errorPaths(x), ['']);
    });
  });

  describe('when fields disagree with each other', () => {
    it('refuses a self-dependency, a phase both needed and unblocked, and done below 1', () => {
      const doc = seedExample();
      doc.dependency_graph = { depends_on: ['P7', 'P8'], unblocks: ['P8', 'P7'] };
      doc.status = { ...doc.status, stage: 'done', completion: 0.9 };
      assert.deepEqual(errorPaths(doc), [
        '/dependency_graph/depends_on/0',
        '/dependency_graph/depends_on/0',
        '/dependency_graph/depends_on/1',
        '/dependency_graph/unblocks/1',
        '/status/completion',
      ]);
    });
    it('reports them together with schema errors', () => {
      const doc = seedExample() as unknown as Record<string, unknown>;
      delete doc.objective;
      (doc.status as Record<string, unknown>).stage = 'done';
      assert.deepEqual(errorPaths(doc), ['/objective', '/status/completion']);
    });
  });
});

describe('#assertProtocolDocument', () => {
  describe('when the document is invalid', () => {
    it('throws SCHEMA_INVALID with every error in data.errors', () => {
      const doc = seedExample() as unknown as Record<string, unknown>;
      delete doc.status;
      delete doc.rollback;
      try {
        assertProtocolDocument(doc);
        assert.fail('expected a throw');
      } catch (e) {
        assert.ok(isFabricError(e, 'SCHEMA_INVALID'));
        const errors = (e.data as { errors: { path: string }[] }).errors;
        assert.deepEqual(errors.map((x) => x.path).sort(), ['/rollback', '/status']);
      }
    });
  });
  describe('when the document is valid', () => {
    it('returns', () => {
      assertProtocolDocument(seedExample());
    });
  });
});

describe('#protocolSchemaV1', () => {
  it('requires exactly the 12 keys in contract order', () => {
    assert.deepEqual(protocolSchemaV1.required, [...PROTOCOL_KEYS]);
    assert.deepEqual(Object.keys(protocolSchemaV1.properties), [...PROTOCOL_KEYS]);
  });
});

describe('#PHASE_REGISTRY', () => {
  it('lists P1..P13 in order with the seed targets', () => {
    assert.deepEqual(PHASE_REGISTRY.map((p) => p.id), Array.from({ length: 13 }, (_, i) => `P${i + 1}`));
    assert.equal(phaseEntry('P1')?.coreAcceptance, 'legal transitions only + reject/revise loops');
    assert.equal(phaseEntry('P9')?.coreTarget, 'Capability supply chain trust');
    assert.equal(phaseEntry('P14'), undefined);
  });
  it('is frozen', () => {
    assert.throws(() => (PHASE_REGISTRY as unknown as { id: string }[]).push({ id: 'P14' }));
    assert.throws(() => ((PHASE_REGISTRY[0].primaryModules as string[])[0] = 'x'));
  });
});
