/**
 * Everything the side panel shows, owned by the host and outliving any webview: the current (or
 * last) run, its Evidence Bundle summary, and the approval queue. Listeners hear about snapshot
 * changes and about new timeline rows (which the panel provider batches). No `vscode` import.
 */
import type { FabricEvent } from '../runtime/events/types';
import type { BundleSummary, TimelineEvent, ViewSnapshot } from '../webview/protocol';
import { ApprovalQueue } from './approvalQueue';
import { RunModel } from './runModel';

/** New timeline rows of `traceId`; `reset` when they replace everything the panel had. */
export interface TimelineUpdate {
  traceId: string;
  rows: TimelineEvent[];
  reset: boolean;
}

export class HostState {
  /** The repository of the current run (where its trace lives). */
  repoDir: string | undefined;
  bundle: BundleSummary | null = null;
  readonly approvals: ApprovalQueue;
  private model = new RunModel();
  private readonly changeListeners = new Set<() => void>();
  private readonly timelineListeners = new Set<(u: TimelineUpdate) => void>();

  constructor(newId: () => string) {
    this.approvals = new ApprovalQueue(newId);
  }

  get run(): RunModel {
    return this.model;
  }

  /** Replaces the current run (a new run starting, or a finished one loaded from disk). */
  setRun(model: RunModel, repoDir: string | undefined): void {
    this.model = model;
    this.repoDir = repoDir;
    this.bundle = null;
    if (model.traceId) this.emitTimeline({ traceId: model.traceId, rows: [...model.timeline], reset: true });
    this.changed();
  }

  /** Folds a live event into the current run; the timeline row goes to listeners. */
  appendEvent(e: FabricEvent): void {
    if (this.model.traceId === null) this.model.attach(e.trace_id);
    if (e.trace_id !== this.model.traceId) return;
    const row = this.model.applyEvent(e);
    if (row) this.emitTimeline({ traceId: e.trace_id, rows: [row], reset: false });
  }

  /** The whole timeline of the current run, for a panel that (re)loads. */
  fullTimeline(): TimelineUpdate | undefined {
    return this.model.traceId ? { traceId: this.model.traceId, rows: [...this.model.timeline], reset: true } : undefined;
  }

  snapshot(): ViewSnapshot {
    return { run: this.model.runView(), candidates: this.model.candidateViews(), bundle: this.bundle, approvals: this.approvals.views() };
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onTimeline(listener: (u: TimelineUpdate) => void): () => void {
    this.timelineListeners.add(listener);
    return () => this.timelineListeners.delete(listener);
  }

  /** Tells listeners the snapshot changed (call after mutating the run, bundle or approvals). */
  changed(): void {
    for (const l of [...this.changeListeners]) l();
  }

  private emitTimeline(u: TimelineUpdate): void {
    for (const l of [...this.timelineListeners]) l(u);
  }
}
