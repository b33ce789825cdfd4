/**
 * The phase registry (seed §5) with each phase's core flow (seed §9) and where Fabric implements
 * it (ARCHITECTURE §2). `primaryModules` are the seed's own paths (a Rust-flavoured reference
 * layout); `fabricModules` are ours.
 */
import type { PhaseId } from './types';

export interface PhaseEntry {
  /** P1..P13. */
  id: PhaseId;
  /** The phase's core target (seed §5). */
  coreTarget: string;
  /** The seed's primary modules for the phase. */
  primaryModules: readonly string[];
  /** The seed's core acceptance criterion. */
  coreAcceptance: string;
  /** The seed's core flow, step by step (seed §9). */
  coreFlow: readonly string[];
  /** Where this repository implements the phase. */
  fabricModules: readonly string[];
}

// prettier-ignore
const ENTRIES: readonly PhaseEntry[] = [
  { id: 'P1', coreTarget: 'State machine lock', primaryModules: ['src/session', 'src/orchestration'],
    coreAcceptance: 'legal transitions only + reject/revise loops',
    coreFlow: ['define states/signals', 'enforce legal transitions only', 'persist transition audit', 'expose reject/revise loop'],
    fabricModules: ['src/runtime/session/', 'src/runtime/pipeline/'] },
  { id: 'P2', coreTarget: 'Runtime guard mandatory', primaryModules: ['src/runtime', 'src/tools', 'src/providers'],
    coreAcceptance: 'all execution through unified gate',
    coreFlow: ['build task envelope', 'enforce identity/budget/sandbox/token gate', 'execute through single kernel path', 'emit runtime decision'],
    fabricModules: ['src/runtime/kernel/', 'src/runtime/sandbox/'] },
  { id: 'P3', coreTarget: 'Traceable append-only events', primaryModules: ['src/observability', 'adapter', 'state_store'],
    coreAcceptance: 'replayable chain with full IDs',
    coreFlow: ['normalize IDs (trace/session/task/capability/version)', 'append event stream', 'build read views', 'verify replay chain integrity'],
    fabricModules: ['src/runtime/events/'] },
  { id: 'P4', coreTarget: '8-layer implementation alignment', primaryModules: ['src/lib.rs', 'layer modules'],
    coreAcceptance: 'each layer has explicit interface mapping',
    coreFlow: ['map interfaces to layers', 'wire layer boundaries in code', 'enforce contracts in orchestration path', 'validate no cross-layer bypass'],
    fabricModules: ['src/runtime/', 'src/roles/', 'src/editor/'] },
  { id: 'P5', coreTarget: 'Integration and escape tests', primaryModules: ['tests/'],
    coreAcceptance: 'no runtime bypass + stable matrix',
    coreFlow: ['build transition matrix tests', 'run bypass/escape guards', 'run reject/revise e2e', 'assert performance and stability baseline'],
    fabricModules: ['test/'] },
  { id: 'P6', coreTarget: 'Gray rollout', primaryModules: ['deploy/config', 'cli system'],
    coreAcceptance: 'shadow/canary/full/rollback operable',
    coreFlow: ['shadow observe', 'canary enforce (10%-30%)', 'full enforce', 'keep rollback switch/version target'],
    fabricModules: ['src/runtime/policy/', 'src/cli/'] },
  { id: 'P7', coreTarget: 'Identity and tenant sovereignty', primaryModules: ['src/security', 'src/session', 'src/runtime'],
    coreAcceptance: 'cross-tenant access denied',
    coreFlow: ['authenticate request', 'bind tenant/principal/policy/lease', 'runtime validates context every execution', 'reject cross-tenant access'],
    fabricModules: ['src/runtime/session/', 'src/runtime/kernel/', 'src/runtime/keys/'] },
  { id: 'P8', coreTarget: 'Cost and budget ledger', primaryModules: ['src/runtime', 'src/observability', 'adapter'],
    coreAcceptance: 'task-level cost decomposition + reconciliation',
    coreFlow: ['precharge budget', 'execute', 'settle ledger + attribution', 'reconcile account and append cost reports'],
    fabricModules: ['src/runtime/ledger/'] },
  { id: 'P9', coreTarget: 'Capability supply chain trust', primaryModules: ['src/tools', 'src/providers', 'src/security'],
    coreAcceptance: 'only verified+trusted+active execution',
    coreFlow: ['register capability artifact', 'verify signature/provenance/SBOM', 'approve into active catalog', 'runtime re-check before invoke'],
    fabricModules: ['src/runtime/capabilities/'] },
  { id: 'P10', coreTarget: 'Deterministic replay boundary', primaryModules: ['src/observability/event_stream', 'src/runtime'],
    coreAcceptance: 'snapshot replay + explainable drift',
    coreFlow: ['snapshot inputs/routes/digests', 'replay under fixed boundary', 'detect deviation', 'emit explainable replay report'],
    fabricModules: ['src/runtime/replay/'] },
  { id: 'P11', coreTarget: 'Recovery/degrade/chaos', primaryModules: ['src/runtime', 'src/orchestration', 'deploy/'],
    coreAcceptance: 'MTTR + degrade success targets met',
    coreFlow: ['detect fault', 'switch degrade profile', 'recover/circuit reset', 'trigger manual takeover point when needed'],
    fabricModules: ['src/runtime/kernel/', 'src/runtime/sandbox/'] },
  { id: 'P12', coreTarget: 'Governed learning loop', primaryModules: ['src/memory', 'src/rag', 'src/hooks', 'src/security'],
    coreAcceptance: 'learning must pass gate before promotion',
    coreFlow: ['propose learning delta', 'verifier gate', 'limited trial', 'promote or rollback', 'commit to long-term memory/graph'],
    fabricModules: ['src/runtime/memory/'] },
  { id: 'P13', coreTarget: 'Business loop mapping', primaryModules: ['src/observability', 'dashboard-ui', 'src/lib.rs'],
    coreAcceptance: 'revenue-cost-profit-risk traceable to task',
    coreFlow: ['create work order', 'aggregate cost + revenue', 'produce margin/SLA/risk outputs', 'trace every metric back to task'],
    fabricModules: ['src/webview/', 'src/cli/'] },
];

function freezeEntry(e: PhaseEntry): PhaseEntry {
  return Object.freeze({
    ...e,
    primaryModules: Object.freeze([...e.primaryModules]),
    coreFlow: Object.freeze([...e.coreFlow]),
    fabricModules: Object.freeze([...e.fabricModules]),
  });
}

/** P1..P13 in order; frozen. */
export const PHASE_REGISTRY: readonly PhaseEntry[] = Object.freeze(ENTRIES.map(freezeEntry));

/** The registry entry for `id`; `undefined` for an unknown id. */
export function phaseEntry(id: string): PhaseEntry | undefined {
  return PHASE_REGISTRY.find((e) => e.id === id);
}
