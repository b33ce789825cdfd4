/**
 * Everything one run needs, built once: the event log, the Gate (Cedar policies, capability
 * catalog, approvals, wall-time budget), the session state machine, the sandbox and role leases.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCapabilityCatalog } from '../capabilities';
import type { RuntimeContext } from '../context';
import { EventLog, type EventInput, type FabricEvent } from '../events';
import { createGate, type Gate, type Lease } from '../kernel';
import { loadPolicyEngine, type RoleName } from '../policy';
import type { OperatorPublicKey } from '../approvals';
import type { SandboxSelection } from '../sandbox';
import { Session } from '../session';
import { policiesDir } from '../util/packageRoot';
import { secretEnvValues } from '../verify/secrets';
import { createApprovalVerifier } from './approvalVerifier';
import type { TracePaths } from './tracePaths';

export interface RunIds {
  trace_id: string;
  session_id: string;
  tenant_id: string;
  /** The human the run acts for (git user, else the OS user). */
  principal: string;
}

export interface RunContext {
  ctx: RuntimeContext;
  ids: RunIds;
  trace: TracePaths;
  events: EventLog;
  gate: Gate;
  session: Session;
  sandbox: SandboxSelection;
  signal: AbortSignal;
  startedAtMs: number;
  /** A lease for one role instance, valid for the run's budget. */
  lease(role: RoleName, instance?: string): Lease;
  /** Records an event as `role:instance`. */
  record(role: RoleName | 'orchestrator', input: Omit<EventInput, 'agent_id'>, instance?: string): FabricEvent;
}

export interface RunContextOptions {
  ctx: RuntimeContext;
  ids: RunIds;
  trace: TracePaths;
  repoDir: string;
  sandbox: SandboxSelection;
  budgetMs: number;
  maxRevisions: number;
  signal: AbortSignal;
  /** Trusted operator public keys: the only keys whose approval tokens the Gate accepts. */
  operatorKeys: readonly OperatorPublicKey[];
}

/** Cedar `forbid` rules the repository adds for itself (`.fabric/policies/*.cedar`); `permit` is refused. */
function workspacePolicies(repoDir: string): string | undefined {
  const dir = join(repoDir, '.fabric', 'policies');
  if (!existsSync(dir)) return undefined;
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('.cedar'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  return texts.length > 0 ? texts.join('\n') : undefined;
}

/** The Gate for one trace: Cedar policies (plus the repo's own forbid rules), the pinned catalog, approvals. */
export function buildGate(opts: { ctx: RuntimeContext; events: EventLog; repoDir: string; traceId: string; budgetMs: number; operatorKeys: readonly OperatorPublicKey[] }): { gate: Gate; policyDigest: string; catalogDigest: string; startedAtMs: number } {
  const { ctx } = opts;
  const policy = loadPolicyEngine({ policiesDir: policiesDir(), workspacePolicies: workspacePolicies(opts.repoDir), clock: ctx.clock });
  const catalog = loadCapabilityCatalog(join(policiesDir(), 'capabilities.json'));
  const startedAtMs = ctx.clock.monotonicMs();
  const gate = createGate({
    events: opts.events,
    policy,
    catalog,
    clock: ctx.clock,
    budget: { wallMs: opts.budgetMs, startedAtMs },
    approvals: createApprovalVerifier({ fabricHome: ctx.fabricHome, operatorKeys: opts.operatorKeys, traceId: opts.traceId, clock: ctx.clock }),
  });
  return { gate, policyDigest: policy.policyDigest(), catalogDigest: catalog.digest(), startedAtMs };
}

export function createRunContext(opts: RunContextOptions): RunContext {
  const { ctx, ids, trace } = opts;
  const events = EventLog.create(trace.dir, ids, {
    clock: ctx.clock,
    extraSecrets: secretEnvValues(ctx.env),
    defaultTaskId: `${ids.trace_id}:fix`,
  });
  const { gate, policyDigest, catalogDigest, startedAtMs } = buildGate({ ctx, events, repoDir: opts.repoDir, traceId: ids.trace_id, budgetMs: opts.budgetMs, operatorKeys: opts.operatorKeys });
  const session = new Session({
    maxRevisions: opts.maxRevisions,
    // Every state transition is a phase boundary: the log is fsynced so a crash loses no finished phase.
    emit: (e) => {
      const event = events.append({ ...e, agent_id: 'orchestrator:session' });
      events.sync();
      return event;
    },
  });
  const expiresAtMs = ctx.clock.now().getTime() + opts.budgetMs + 60_000;
  events.append({
    agent_id: 'orchestrator:run',
    action_type: 'thought',
    payload: {
      kind: 'run_started',
      principal: ids.principal,
      sandbox: opts.sandbox.runner.kind,
      sandbox_reason: opts.sandbox.reason,
      policy_digest: policyDigest,
      capability_catalog_digest: catalogDigest,
    },
  });
  return {
    ctx,
    ids,
    trace,
    events,
    gate,
    session,
    sandbox: opts.sandbox,
    signal: opts.signal,
    startedAtMs,
    lease: (role, instance = '1') => ({ ...ids, role, instance, expiresAtMs }),
    record: (role, input, instance = '1') => events.append({ ...input, agent_id: `${role}:${instance}` }),
  };
}
