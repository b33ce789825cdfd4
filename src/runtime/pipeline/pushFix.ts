/**
 * After a run: the approval of a push and the push itself. The push is a high-impact capability —
 * the Gate allows it only with an operator-minted token bound to exactly this trace, branch, commit
 * and remote — and it runs the user's own git (their credentials) with hooks disabled. Both the
 * approval decision and the push are appended to the trace's event log.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describeAction, encodeApprovalToken, mintApprovalToken, savePendingToken, takePendingToken, TRACE_ID_PATTERN, type ActionDescription, type ApprovalToken } from '../approvals';
import type { RuntimeContext } from '../context';
import { asFabricError, FabricError, isFabricError } from '../errors';
import { EventLog } from '../events';
import { hasRemote, inspectRepo, pushBranch, resolveBranch } from '../git';
import { keyStoreOf } from '../keys';
import { FABRIC_NOTES_REF } from '../policy';
import { runHostGit } from '../sandbox';
import { canonicalDigest } from '../util/digest';
import { checkApprovalToken } from './approvalVerifier';
import type { FixResult } from './options';
import { buildGate } from './runContext';
import { tracePaths } from './tracePaths';

export interface PushTarget {
  repoDir: string;
  traceId: string;
  remote: string;
}

/** The exact arguments a push approval is bound to. */
export interface PushArgs {
  branch: string;
  commit: string;
  remote: string;
  notes_ref: string;
}

export function loadTraceResult(repoDir: string, traceId: string): FixResult {
  if (!new RegExp(TRACE_ID_PATTERN).test(traceId)) throw new FabricError('USAGE_INVALID', `not a trace id: ${traceId}`);
  const paths = tracePaths(repoDir, traceId);
  if (!existsSync(paths.result)) throw new FabricError('USAGE_INVALID', `no finished trace ${traceId} in ${repoDir} (looked for ${paths.traceRef.replace('agent_events.jsonl', 'result.json')})`);
  const result = JSON.parse(readFileSync(paths.result, 'utf8')) as FixResult;
  if (result.outcome !== 'success' || !result.branch || !result.commit) {
    throw new FabricError('USAGE_INVALID', `trace ${traceId} ended with '${result.outcome}': there is no signed branch to push`);
  }
  return result;
}

export function pushArgs(result: FixResult, remote: string): PushArgs {
  return { branch: result.branch as string, commit: result.commit as string, remote, notes_ref: FABRIC_NOTES_REF };
}

/** What the operator is asked to approve. */
export function describePush(target: PushTarget): ActionDescription {
  const result = loadTraceResult(target.repoDir, target.traceId);
  return describeAction('push', target.traceId, { ...pushArgs(result, target.remote) });
}

function appendToTrace(ctx: RuntimeContext, target: PushTarget, event: { agent_id: string; action_type: 'approval_decision' | 'approval_request'; payload: Record<string, unknown> }): void {
  const log = EventLog.resume(tracePaths(target.repoDir, target.traceId).dir, { clock: ctx.clock });
  try {
    log.append(event);
    log.sync();
  } finally {
    log.close();
  }
}

/**
 * Records the operator's decision. On approval mints a single-use token with the operator key and
 * keeps it for `push`; on denial records the reason and withdraws any token approved earlier for
 * this push, so "no" always means nothing will be pushed.
 */
export async function decidePush(ctx: RuntimeContext, target: PushTarget, decision: { approve: true } | { approve: false; reason: string }): Promise<{ description: ActionDescription; expires?: string }> {
  const description = describePush(target);
  if (!decision.approve) {
    let withdrawn = false;
    let failure: unknown;
    try {
      withdrawn = takePendingToken(ctx.fabricHome, target.traceId, 'push') !== null;
    } catch (e) {
      // A malformed or mismatched pending file was removed by takePendingToken: nothing usable is left.
      withdrawn = isFabricError(e, 'APPROVAL_INVALID') || isFabricError(e, 'APPROVAL_MISMATCH');
      if (!withdrawn) failure = e;
    }
    appendToTrace(ctx, target, {
      agent_id: 'operator:human',
      action_type: 'approval_decision',
      payload: { action: 'push', decision: 'deny', reason: decision.reason, args_digest: description.args_digest, withdrew_earlier_approval: withdrawn },
    });
    // The denial is recorded either way; a pending token that could not be removed must not go unnoticed.
    if (failure !== undefined) throw failure;
    return { description };
  }
  const token = mintApprovalToken({ action: 'push', trace_id: target.traceId, args: description.args }, await keyStoreOf(ctx).operatorKey(), { clock: ctx.clock, random: ctx.random });
  savePendingToken(ctx.fabricHome, token);
  appendToTrace(ctx, target, { agent_id: 'operator:human', action_type: 'approval_decision', payload: { action: 'push', decision: 'approve', args_digest: description.args_digest, expires: token.exp, nonce_digest: token.nonce.slice(0, 8) } });
  return { description, expires: token.exp };
}

const PUSH_AGENT = 'release_captain:push';

/** Records a push refused before the Gate ran (an `error` event for `git.push`), then throws it. */
function refuse(events: EventLog, step: 'approval' | 'branch' | 'remote', args: PushArgs, e: unknown): never {
  const err = asFabricError(e);
  events.append({
    agent_id: PUSH_AGENT,
    capability_id: 'git.push',
    action_type: 'error',
    payload: { step, code: err.code, message: err.message, args_digest: canonicalDigest({ ...args }), ...(err.data ? { data: err.data } : {}) },
  });
  throw err;
}

/**
 * Pushes the signed branch and its evidence note, through the Gate, with the pending approval
 * token. Every refusal is recorded in the trace's event log before it is thrown: a missing token
 * as the Gate's `approval_decision` + `policy_decision` deny (`GATE_APPROVAL_REQUIRED`); a bad,
 * expired, reused or mismatched token, or a branch that moved since the approval, as an `error`
 * event (`APPROVAL_*`); a failed push (e.g. `GIT_NO_REMOTE`) as the Gate's `error` event.
 */
/** Refuses an unknown remote before anything is approved or consumed. */
export async function assertRemote(target: PushTarget): Promise<void> {
  if (!(await hasRemote(target.repoDir, target.remote))) {
    throw new FabricError('GIT_NO_REMOTE', `the repository has no remote named '${target.remote}' (git remote -v lists them)`, { data: { remote: target.remote } });
  }
}

export async function pushFix(ctx: RuntimeContext, target: PushTarget): Promise<{ pushed: string[]; args: PushArgs }> {
  const result = loadTraceResult(target.repoDir, target.traceId);
  const args = pushArgs(result, target.remote);
  const operatorKeys = (await keyStoreOf(ctx).trustStore()).keysForRole('operator');
  const events = EventLog.resume(tracePaths(target.repoDir, target.traceId).dir, { clock: ctx.clock });
  try {
    // An unknown remote is refused before the pending approval is taken, so the approval survives a typo.
    try {
      await assertRemote(target);
    } catch (e) {
      refuse(events, 'remote', args, e);
    }
    let token: ApprovalToken | null = null;
    try {
      token = takePendingToken(ctx.fabricHome, target.traceId, 'push');
    } catch (e) {
      refuse(events, 'approval', args, e);
    }
    const encoded = token ? encodeApprovalToken(token) : undefined;
    if (encoded) {
      // A precise error (expired, reused, other remote…) before the Gate consumes anything.
      try {
        checkApprovalToken('git.push', { ...args }, encoded, { fabricHome: ctx.fabricHome, operatorKeys, traceId: target.traceId, clock: ctx.clock, dryRun: true });
      } catch (e) {
        refuse(events, 'approval', args, e);
      }
      const tip = await resolveBranch(target.repoDir, args.branch);
      if (tip !== args.commit) {
        refuse(events, 'branch', args, new FabricError('APPROVAL_MISMATCH', `branch ${args.branch} ${tip ? `now points at ${tip}` : 'no longer exists'}, not at the approved, signed commit ${args.commit}`, { data: { field: 'branch', branch: args.branch, tip, approved: args.commit } }));
      }
    }
    const repo = await inspectRepo(target.repoDir, { clock: ctx.clock });
    const { gate } = buildGate({ ctx, events, repoDir: target.repoDir, traceId: target.traceId, budgetMs: 10 * 60_000, operatorKeys });
    const lease = { trace_id: events.ids.trace_id, session_id: events.ids.session_id, tenant_id: events.ids.tenant_id, principal: 'operator', role: 'release_captain' as const, instance: 'push', expiresAtMs: ctx.clock.now().getTime() + 10 * 60_000 };
    try {
      const pushed = await gate.invoke(
        lease,
        {
          capability: 'git.push',
          role: 'release_captain',
          ref: `refs/heads/${args.branch}`,
          protected: false,
          defaultBranch: `refs/heads/${repo.defaultBranch}`,
          ...(repo.headBranch ? { checkedOutBranch: `refs/heads/${repo.headBranch}` } : {}),
        },
        { ...args },
        () => pushBranch({ repoDir: target.repoDir, remote: args.remote, branch: args.branch, notesRef: args.notes_ref, run: runHostGit }),
        // Without a token the Gate still decides (and records the deny): no approval, no push.
        { ...(encoded ? { approvalToken: encoded } : {}), summarize: (r) => ({ pushed: r.pushed }) },
      );
      return { pushed: pushed.pushed, args };
    } catch (e) {
      if (!encoded && isFabricError(e, 'GATE_APPROVAL_REQUIRED')) {
        throw new FabricError('GATE_APPROVAL_REQUIRED', `pushing needs a human approval first: fabric approve --trace ${target.traceId} --action push${target.remote !== 'origin' ? ` --remote ${target.remote}` : ''}`, { cause: e, ...(e.data ? { data: e.data } : {}) });
      }
      throw e;
    }
  } finally {
    events.sync();
    events.close();
  }
}
