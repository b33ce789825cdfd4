/**
 * Gate step 3: for a high-impact capability, verify the approval token (signature, binding to the
 * exact action and arguments, expiry, single use) before Cedar sees only `{ valid, action, exp }`.
 * Low-impact capabilities carry no approval. Never throws: an invalid token is a verdict, and
 * the policy decides.
 */
import type { PinnedCapability } from '../capabilities/types';
import type { ApprovalVerdict, ApprovalVerifier } from './types';

export function verifyApproval(
  approvals: ApprovalVerifier,
  capability: PinnedCapability,
  args: Record<string, unknown>,
  token: string | undefined,
): ApprovalVerdict | undefined {
  if (capability.entry.impact === 'low') return undefined;
  try {
    const verdict = approvals.verify(capability.entry.id, args, token);
    return { valid: verdict.valid === true, action: String(verdict.action), exp: Number(verdict.exp) || 0, ...(verdict.reason ? { reason: verdict.reason } : {}) };
  } catch (e) {
    return { valid: false, action: '', exp: 0, reason: e instanceof Error ? e.message : String(e) };
  }
}
