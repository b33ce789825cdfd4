import { FabricError } from '../errors';
import { canonicalDigest } from '../util/digest';
import { canonicalJson } from '../util/canonicalJson';
import { HIGH_IMPACT_ACTIONS, type ActionArgs, type ActionDescription, type HighImpactAction } from './types';

function verb(action: HighImpactAction): string {
  switch (action) {
    case 'push':
      return 'Push';
    case 'force_push':
      return 'FORCE-push (overwrites remote history)';
    case 'delete_branch':
      return 'Delete branch';
    case 'network':
      return 'Allow network access';
    case 'deploy':
      return 'Deploy';
    default: {
      const never: never = action;
      throw new FabricError('APPROVAL_INVALID', `unknown action ${String(never)}`);
    }
  }
}

/**
 * What the human sees before approving: the exact action, trace and arguments, and the digest the
 * token will be bound to. Refuses (`APPROVAL_INVALID`) an unknown action or non-JSON arguments.
 */
export function describeAction(action: HighImpactAction, trace_id: string, args: ActionArgs): ActionDescription {
  if (!HIGH_IMPACT_ACTIONS.includes(action)) throw new FabricError('APPROVAL_INVALID', `unknown action ${String(action)}`, { data: { action } });
  let argsText: string;
  try {
    argsText = canonicalJson(args);
  } catch (e) {
    throw new FabricError('APPROVAL_INVALID', 'action arguments are not plain JSON', { cause: e });
  }
  return { action, trace_id, args, args_digest: canonicalDigest(args), summary: `${verb(action)} for trace ${trace_id} with ${argsText}` };
}
