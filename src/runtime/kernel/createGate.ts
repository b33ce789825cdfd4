/**
 * The Gate (P2 runtime kernel, ARCHITECTURE §4): the single path for every tool call. In order:
 * lease → capability (catalog entry re-checked) → approval (high impact) → Cedar decision →
 * wall-time budget → `tool_call` → execute → `tool_result` | `error`. Each step is a small
 * function that returns or throws a typed error, and each outcome is an event. A `tool_call`
 * event is only ever written after an allowing `policy_decision` for the same capability, and
 * names it as its cause.
 */
import { asFabricError, FabricError, isFabricError } from '../errors';
import type { PolicyRequest } from '../policy/types';
import { canonicalDigest, type Sha256Digest } from '../util/digest';
import { budgetUsage, checkBudget } from './checkBudget';
import { checkCapability } from './checkCapability';
import { checkLease } from './checkLease';
import { decidePolicy } from './decidePolicy';
import type { DecisionRecord, Gate, GateDeps, GateEventInput, GateStats, InvokeOptions, Lease } from './types';
import { verifyApproval } from './verifyApproval';

function agentId(lease: Lease): string {
  const role: unknown = lease?.role;
  const instance: unknown = lease?.instance;
  return `${typeof role === 'string' && role !== '' ? role : 'unknown'}:${typeof instance === 'string' && instance !== '' ? instance : 'unknown'}`;
}

function digestArgs(args: Record<string, unknown>): Sha256Digest {
  try {
    return canonicalDigest(args);
  } catch (e) {
    throw new FabricError('USAGE_INVALID', 'tool call arguments must be JSON values', { cause: e });
  }
}

function errorPayload(step: string, e: FabricError): Record<string, unknown> {
  return { step, code: e.code, message: e.message, ...(e.data ? { data: e.data } : {}) };
}

export function createGate(deps: GateDeps): Gate {
  const decisions: DecisionRecord[] = [];

  const invoke = async <T>(lease: Lease, request: PolicyRequest, args: Record<string, unknown>, execute: () => Promise<T>, opts: InvokeOptions<T> = {}): Promise<T> => {
    const agent_id = agentId(lease);
    const capability_id = request.capability;
    const append = (input: Omit<GateEventInput, 'agent_id' | 'capability_id'>): number =>
      deps.events.append({ agent_id, capability_id, ...input }).seq;
    const guard = <R>(step: string, fn: () => R, cause?: number): R => {
      try {
        return fn();
      } catch (e) {
        const err = asFabricError(e);
        append({ action_type: 'error', payload: errorPayload(step, err), ...(cause === undefined ? {} : { cause }) });
        throw err;
      }
    };

    guard('lease', () => checkLease(lease, request, deps.clock.now().getTime()));
    const capability = guard('capability', () => checkCapability(deps.catalog, request));
    const argsDigest = guard('args', () => digestArgs(args));

    const nowSeconds = deps.clock.now().getTime() / 1000;
    const verdict = verifyApproval(deps.approvals, capability, args, opts.approvalToken);
    let approvalSeq: number | undefined;
    if (verdict !== undefined) {
      approvalSeq = append({ action_type: 'approval_decision', payload: { ...verdict, args_digest: argsDigest } });
    }
    const usage = budgetUsage(deps.budget, deps.clock.monotonicMs());
    // Approval and budget come from the Gate only; whatever the caller put there is replaced.
    const { approval: _callerApproval, ...bare } = request;
    const decided: PolicyRequest = {
      ...bare,
      ...(verdict === undefined ? {} : { approval: { valid: verdict.valid, action: verdict.action, exp: verdict.exp } }),
      budget: { wallMsUsed: usage.used_ms, wallMsLimit: usage.limit_ms },
    };

    const { record, approvalWouldAllow } = decidePolicy(deps.policy, decided, capability, nowSeconds);
    decisions.push(record);
    const decisionSeq = append({ action_type: 'policy_decision', payload: { ...record }, ...(approvalSeq === undefined ? {} : { cause: approvalSeq }) });
    if (record.decision === 'deny') {
      const data = { policy_ids: record.policy_ids, errors: record.errors, ...(verdict?.reason ? { approval_reason: verdict.reason } : {}) };
      if (approvalWouldAllow) throw new FabricError('GATE_APPROVAL_REQUIRED', `${capability_id} needs a valid approval token`, { data });
      throw new FabricError('GATE_POLICY_DENIED', `${capability_id} denied for ${request.role}`, { data });
    }

    try {
      checkBudget(usage);
    } catch (e) {
      const err = asFabricError(e);
      append({ action_type: 'budget', payload: { ...usage, exceeded: true }, cause: decisionSeq });
      throw err;
    }

    const callSeq = append({
      action_type: 'tool_call',
      payload: { args_digest: argsDigest, capability_digest: capability.digest, budget: usage },
      cause: decisionSeq,
    });
    let result: T;
    try {
      result = await execute();
    } catch (e) {
      const err = asFabricError(e);
      append({ action_type: 'error', payload: errorPayload('execute', err), cause: callSeq });
      throw err;
    }
    let summary: Record<string, unknown> = { ok: true };
    if (opts.summarize) {
      try {
        summary = opts.summarize(result);
      } catch (e) {
        summary = { ok: true, summary_error: isFabricError(e) ? e.code : e instanceof Error ? e.message : String(e) };
      }
    }
    append({ action_type: 'tool_result', payload: summary, cause: callSeq });
    return result;
  };

  const stats = (): GateStats => ({
    allowed: decisions.filter((d) => d.decision === 'allow').length,
    denied: decisions.filter((d) => d.decision === 'deny').length,
    decisions_digest: canonicalDigest(decisions),
  });

  return { invoke, stats };
}
