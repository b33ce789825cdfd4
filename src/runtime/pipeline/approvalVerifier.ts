/**
 * Connects the Gate to human approval tokens: a high-impact capability (e.g. `git.push`) is allowed
 * only with a token the operator minted for exactly this trace, action and arguments. Roles never
 * hold the operator key; only its public half is trusted here.
 */
import { decodeApprovalToken, NonceLedger, verifyApprovalToken, type HighImpactAction, type OperatorPublicKey } from '../approvals';
import type { Clock } from '../context';
import { asFabricError, FabricError } from '../errors';
import type { ApprovalVerifier } from '../kernel';

/** The approval action a high-impact capability needs. */
export const CAPABILITY_ACTIONS: Readonly<Record<string, HighImpactAction>> = {
  'git.push': 'push',
  'git.force_push': 'force_push',
  'git.delete_branch': 'delete_branch',
  'network.access': 'network',
};

export function actionForCapability(capabilityId: string): HighImpactAction {
  const action = CAPABILITY_ACTIONS[capabilityId];
  if (!action) throw new FabricError('GATE_CAPABILITY_UNKNOWN', `no approval action for capability ${capabilityId}`);
  return action;
}

export interface ApprovalCheckOptions {
  /** Holds the single-use nonce ledger. */
  fabricHome: string;
  /** The trusted operator public keys (from the key store's trust store). */
  operatorKeys: readonly OperatorPublicKey[];
  traceId: string;
  clock: Clock;
  /** Check only: do not consume the token's nonce (used to give a precise error before the Gate runs). */
  dryRun?: boolean;
}

/** Verifies an encoded token for one capability call; throws the approval error codes. */
export function checkApprovalToken(capabilityId: string, args: Record<string, unknown>, token: string, opts: ApprovalCheckOptions): { exp: number } {
  const decoded = decodeApprovalToken(token);
  if (opts.operatorKeys.length === 0) throw new FabricError('KEYS_MISSING', 'no trusted operator key: run `fabric keys init`');
  const ledger = new NonceLedger(opts.fabricHome);
  const checkOnly: Pick<NonceLedger, 'consume'> = {
    consume: (nonce) => {
      if (ledger.has(nonce)) throw new FabricError('APPROVAL_REUSED', 'this approval token was already used');
    },
  };
  verifyApprovalToken(decoded, { action: actionForCapability(capabilityId), trace_id: opts.traceId, args }, { operatorKeys: [...opts.operatorKeys], clock: opts.clock, ledger: opts.dryRun ? checkOnly : ledger });
  return { exp: Math.floor(Date.parse(decoded.exp) / 1000) };
}

export function createApprovalVerifier(opts: Omit<ApprovalCheckOptions, 'dryRun'>): ApprovalVerifier {
  return {
    verify(capabilityId, args, token) {
      if (!token) return { valid: false, action: '', exp: 0, reason: 'no approval token' };
      try {
        const { exp } = checkApprovalToken(capabilityId, args, token, opts);
        return { valid: true, action: capabilityId, exp };
      } catch (e) {
        const err = asFabricError(e);
        return { valid: false, action: '', exp: 0, reason: `${err.code}: ${err.message}` };
      }
    },
  };
}
