/**
 * Gate step 4: the Cedar decision, combined with the catalog's role list (both must allow). When a
 * high-impact call is denied for want of an approval, a second, hypothetical decision with a valid
 * approval tells the caller whether asking the operator would help (`GATE_APPROVAL_REQUIRED`)
 * or not (`GATE_POLICY_DENIED`).
 */
import type { PinnedCapability } from '../capabilities/types';
import type { PolicyEngine, PolicyRequest } from '../policy/types';
import type { DecisionRecord } from './types';

export const CATALOG_ROLES_POLICY_ID = 'catalog/roles';
const HYPOTHETICAL_APPROVAL_SECONDS = 300;

export interface GateDecision {
  record: DecisionRecord;
  /** Denied, but a valid approval token would have allowed it. */
  approvalWouldAllow: boolean;
}

/** The request as recorded: everything but the budget numbers. */
export function requestSummary(request: PolicyRequest): Record<string, unknown> {
  const { budget: _budget, ...rest } = request;
  return { ...rest };
}

export function decidePolicy(policy: PolicyEngine, request: PolicyRequest, capability: PinnedCapability, nowSeconds: number): GateDecision {
  const cedar = policy.decide(request);
  const rolesOk = (capability.entry.roles as string[]).includes(request.role);
  const allowed = cedar.decision === 'allow' && rolesOk;
  const record: DecisionRecord = {
    capability: request.capability,
    role: request.role,
    decision: allowed ? 'allow' : 'deny',
    // When the catalog refuses the role, that is what decided (Cedar's permit ids would mislead).
    policy_ids: rolesOk ? cedar.policyIds : [CATALOG_ROLES_POLICY_ID],
    errors: cedar.errors,
    capability_digest: capability.digest,
    policy_digest: policy.policyDigest(),
    request: requestSummary(request),
  };
  let approvalWouldAllow = false;
  if (!allowed && rolesOk && capability.entry.impact === 'high' && request.approval?.valid !== true) {
    const approval = { valid: true, action: request.capability, exp: Math.floor(nowSeconds) + HYPOTHETICAL_APPROVAL_SECONDS };
    approvalWouldAllow = policy.decide({ ...request, approval }).decision === 'allow';
  }
  return { record, approvalWouldAllow };
}
