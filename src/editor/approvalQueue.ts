/**
 * The approval queue of this editor window (Operator Control Plane): high-impact actions waiting
 * for the human, and what became of them. Each entry is bound to one action on one trace with the
 * exact arguments the token will be bound to (`describeAction`'s digest). Deciding is done by the
 * host (`decidePush`); this only keeps the record the panel and the palette show. No `vscode` import.
 */
import type { ActionDescription } from '../runtime/approvals/types';
import { FabricError } from '../runtime/errors';
import { LIMITS, type ApprovalStatus, type ApprovalView } from '../webview/protocol';
import { clipText } from './timelineEvent';

/** Where an approved push goes. */
export interface PushTarget {
  repoDir: string;
  traceId: string;
  remote: string;
}

export interface ApprovalEntry {
  readonly id: string;
  readonly target: PushTarget;
  readonly description: ActionDescription;
  status: ApprovalStatus;
  reason?: string;
  expiresAt?: string;
  /** Set once the approved action ran (e.g. the refs now on the remote). */
  done?: string[];
  /** Set when the approved action failed (its error code and message). */
  failed?: string;
}

const argString = (args: Record<string, unknown>, key: string): string => (typeof args[key] === 'string' ? (args[key] as string) : '');

export class ApprovalQueue {
  private readonly entries: ApprovalEntry[] = [];

  constructor(private readonly newId: () => string) {}

  /**
   * Queues an action for approval. An identical request still pending (same trace, action and
   * argument digest) is returned instead of a second entry.
   */
  request(description: ActionDescription, target: PushTarget): ApprovalEntry {
    const same = this.entries.find((e) => e.status === 'pending' && e.description.trace_id === description.trace_id && e.description.action === description.action && e.description.args_digest === description.args_digest);
    if (same) return same;
    const entry: ApprovalEntry = { id: this.newId(), target, description, status: 'pending' };
    this.entries.unshift(entry);
    if (this.entries.length > LIMITS.approvals) this.entries.length = LIMITS.approvals;
    return entry;
  }

  get(id: string): ApprovalEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** Pending entries, newest first. */
  pending(): ApprovalEntry[] {
    return this.entries.filter((e) => e.status === 'pending');
  }

  approved(id: string, expiresAt: string | undefined): void {
    const e = this.mustBePending(id);
    e.status = 'approved';
    if (expiresAt) e.expiresAt = expiresAt;
  }

  denied(id: string, reason: string): void {
    const e = this.mustBePending(id);
    e.status = 'denied';
    e.reason = reason;
  }

  /** Records that the approved action ran. */
  completed(id: string, done: string[]): void {
    const e = this.get(id);
    if (e) e.done = done;
  }

  /** Records that the approved action failed; a new approval is needed to try again. */
  failedWith(id: string, why: string): void {
    const e = this.get(id);
    if (e) e.failed = why;
  }

  /** Approved entries whose token lapsed unused become `expired`; returns whether anything changed. */
  expire(now: Date): boolean {
    let changed = false;
    for (const e of this.entries) {
      if (e.status === 'approved' && !e.done && !e.failed && e.expiresAt && Date.parse(e.expiresAt) <= now.getTime()) {
        e.status = 'expired';
        changed = true;
      }
    }
    return changed;
  }

  private mustBePending(id: string): ApprovalEntry {
    const e = this.get(id);
    if (!e) throw new FabricError('APPROVAL_INVALID', 'this approval is no longer in the queue', { data: { id } });
    if (e.status !== 'pending') throw new FabricError('APPROVAL_REUSED', `this action was already ${e.status}`, { data: { id, status: e.status } });
    return e;
  }

  /** What the panel shows, newest first. */
  views(): ApprovalView[] {
    return this.entries.map((e) => approvalView(e));
  }
}

function summaryOf(e: ApprovalEntry): string {
  if (e.done) return `${e.description.summary} — done: ${e.done.join(', ')}`;
  if (e.failed) return `${e.description.summary} — failed: ${e.failed}`;
  return e.description.summary;
}

export function approvalView(e: ApprovalEntry): ApprovalView {
  const args = e.description.args;
  const view: ApprovalView = {
    id: e.id,
    traceId: e.description.trace_id,
    action: e.description.action,
    branch: clipText(argString(args, 'branch'), LIMITS.label),
    remote: clipText(argString(args, 'remote'), LIMITS.label),
    commit: argString(args, 'commit'),
    argsDigest: e.description.args_digest,
    summary: clipText(summaryOf(e), LIMITS.text),
    // An approved action that ran shows how it ended: pushed, or refused by the remote.
    status: e.status === 'approved' && e.failed !== undefined ? 'failed' : e.status === 'approved' && e.done !== undefined ? 'pushed' : e.status,
  };
  if (e.reason !== undefined) view.reason = clipText(e.reason, LIMITS.reason);
  else if (e.failed !== undefined) view.reason = clipText(e.failed, LIMITS.reason);
  if (e.expiresAt !== undefined) view.expiresAt = e.expiresAt;
  return view;
}
