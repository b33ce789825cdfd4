/**
 * Approving and pushing a signed `fabric/…` branch (Operator Control Plane). Queuing a push shows
 * the human exactly what will run (branch, remote, commit, args digest); Approve checks the remote,
 * mints a single-use token with the operator key bound to exactly those arguments (`decidePush`),
 * and pushes the branch and its evidence note with the user's own git and credentials
 * (`pushFix`, through the Gate; never a force-push). Deny records the reason in the event log.
 * Anyone waiting for the outcome (the panel's `push` request) is told when it is decided.
 */
import * as vscode from 'vscode';
import { createNodeContext, type RuntimeContext } from '../runtime/context';
import { asFabricError, FabricError } from '../runtime/errors';
import { readEventLog } from '../runtime/events';
import { assertRemote, decidePush, describePush, pushFix } from '../runtime/pipeline/pushFix';
import { tracePaths } from '../runtime/pipeline/tracePaths';
import type { ApprovalEntry, PushTarget } from './approvalQueue';
import { CONTEXT_KEYS } from './commandIds';
import type { HostState } from './hostState';
import type { FabricOutput } from './output';
import type { EditorKeys } from './secretKeyStore';

/** The push arguments an entry is bound to (`describePush` made them; all strings). */
function args(entry: ApprovalEntry): { branch: string; remote: string; commit: string; notes_ref: string } {
  const a = entry.description.args;
  const text = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  return { branch: text('branch'), remote: text('remote'), commit: text('commit'), notes_ref: text('notes_ref') };
}

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
}

export class PushFlow implements vscode.Disposable {
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly busy = new Set<string>();
  private readonly expiry: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: { state: HostState; output: FabricOutput; keys: EditorKeys; fabricHome: string },
  ) {
    this.expiry = setInterval(() => {
      if (this.deps.state.approvals.expire(new Date())) this.changed();
    }, 30_000);
  }

  /** The context approvals and pushes run with: the only one holding the operator key. */
  private operatorContext(): RuntimeContext {
    return createNodeContext({ fabricHome: this.deps.fabricHome, keyStore: this.deps.keys.forOperator, logger: this.deps.output.logger() });
  }

  private changed(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.pendingApproval, this.deps.state.approvals.pending().length > 0);
    this.deps.state.changed();
  }

  /** Queues the push of a trace's signed branch for approval (an identical pending one is reused). */
  queue(target: PushTarget): ApprovalEntry {
    const entry = this.deps.state.approvals.request(describePush(target), target);
    this.changed();
    return entry;
  }

  /** Resolves when the entry was approved and pushed; rejects when it was denied or the push failed. */
  waitFor(entryId: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(entryId) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(entryId, list);
    });
  }

  private settle(entryId: string, error?: unknown): void {
    const list = this.waiters.get(entryId) ?? [];
    this.waiters.delete(entryId);
    for (const w of list) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
  }

  private entry(entryId: string): ApprovalEntry {
    const entry = this.deps.state.approvals.get(entryId);
    if (!entry) throw new FabricError('APPROVAL_INVALID', 'this approval is no longer in the queue', { data: { id: entryId } });
    if (entry.status !== 'pending') throw new FabricError('APPROVAL_REUSED', `this action was already ${entry.status}`, { data: { id: entryId, status: entry.status } });
    return entry;
  }

  /**
   * Approves and pushes. A missing remote is refused before anything is minted (the entry stays
   * pending, so the user can add the remote and approve again); a push that fails after the token
   * was minted leaves the entry approved and tells the waiters why.
   */
  async approve(entryId: string): Promise<string[]> {
    const entry = this.entry(entryId);
    if (this.busy.has(entryId)) throw new FabricError('APPROVAL_REUSED', 'this approval is already being carried out');
    this.busy.add(entryId);
    const { output, state } = this.deps;
    try {
      await assertRemote(entry.target);
      const ctx = this.operatorContext();
      const { expires } = await decidePush(ctx, entry.target, { approve: true });
      state.approvals.approved(entryId, expires);
      this.changed();
      this.refreshEvents(entry.target);
      output.line(`approved: push ${entry.description.summary} (token valid until ${expires})`);
      try {
        const { pushed } = await pushFix(ctx, entry.target);
        state.approvals.completed(entryId, pushed);
        output.line(`pushed ${pushed.join(', ')} to ${entry.target.remote}`);
        void vscode.window.showInformationMessage(`Fabric pushed ${args(entry).branch} and its evidence note to ${entry.target.remote}.`);
        this.settle(entryId);
        return pushed;
      } catch (e) {
        const err = asFabricError(e);
        state.approvals.failedWith(entryId, `${err.code}: ${err.message}`);
        output.line(`push failed: ${err.code}: ${err.message}`);
        this.settle(entryId, e);
        throw e;
      } finally {
        this.refreshEvents(entry.target);
        this.changed();
      }
    } finally {
      this.busy.delete(entryId);
    }
  }

  /** Records the denial and its reason in the trace's event log; nothing will be pushed. */
  async deny(entryId: string, reason: string): Promise<void> {
    const entry = this.entry(entryId);
    await decidePush(this.operatorContext(), entry.target, { approve: false, reason });
    this.deps.state.approvals.denied(entryId, reason);
    this.deps.output.line(`denied: ${entry.description.summary} (${reason})`);
    this.refreshEvents(entry.target);
    this.changed();
    this.settle(entryId, new FabricError('GATE_APPROVAL_REQUIRED', `the push was denied (${reason}); nothing was pushed`, { data: { denied: true, reason } }));
  }

  /**
   * The modal confirmation of the palette's "Approve pending action" and "Push signed branch":
   * shows exactly what will run; Approve pushes, Deny asks for a reason, Escape decides nothing.
   */
  async confirm(entry: ApprovalEntry): Promise<void> {
    const a = args(entry);
    const approve = 'Approve and push';
    const deny = 'Deny…';
    const picked = await vscode.window.showWarningMessage(
      `Push ${a.branch} to ${a.remote}?`,
      {
        modal: true,
        detail: `branch  ${a.branch}\nremote  ${a.remote} (also ${a.notes_ref}, the evidence note)\ncommit  ${a.commit}\ntrace   ${entry.description.trace_id}\ndigest  ${entry.description.args_digest}\n\nApproving mints a single-use token bound to exactly these arguments. The push uses your own git credentials and never forces.`,
      },
      approve,
      deny,
    );
    if (picked === approve) {
      await this.approve(entry.id);
    } else if (picked === deny) {
      const reason = await vscode.window.showInputBox({ prompt: 'Why is this push denied? (recorded in the event log)', value: 'denied by the operator', validateInput: (v) => (v.trim() ? undefined : 'A reason is required') });
      if (reason !== undefined) await this.deny(entry.id, reason.trim());
    }
  }

  /** Appends events written by `decidePush`/`pushFix` (to the trace on disk) to the panel's timeline. */
  private refreshEvents(target: PushTarget): void {
    const { state } = this.deps;
    if (state.run.traceId !== target.traceId) return;
    try {
      const { events } = readEventLog(tracePaths(target.repoDir, target.traceId).events);
      for (const e of events) if (e.seq > state.run.lastEventSeq) state.appendEvent(e);
    } catch (e) {
      this.deps.output.line(`could not re-read the event log: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    clearInterval(this.expiry);
    for (const id of [...this.waiters.keys()]) this.settle(id, new FabricError('RUN_ABORTED', 'the editor is closing'));
  }
}
