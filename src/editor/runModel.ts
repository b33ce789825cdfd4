/**
 * The panel's view of one run, folded from the run's events as they are appended (or read back
 * from disk): session state, candidates with verdicts, the winner, and the timeline rows. The host
 * owns one per run; the panel only ever sees its snapshots. No `vscode` import.
 */
import type { FabricEvent } from '../runtime/events/types';
import type { FixResult } from '../runtime/pipeline/options';
import { SESSION_STATES, type SessionState } from '../runtime/session/states';
import { CANDIDATE_VERDICTS, LIMITS, type CandidateVerdict, type CandidateView, type ErrorView, type RunStatus, type RunView, type TimelineEvent } from '../webview/protocol';
import { clipText, toTimelineEvent } from './timelineEvent';

/** A candidate's text edit, as the implementer recorded it (offsets into the base file's text). */
export interface CandidateEdit {
  file: string;
  start: number;
  end: number;
  replacement: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
const isVerdict = (v: unknown): v is CandidateVerdict => typeof v === 'string' && (CANDIDATE_VERDICTS as readonly string[]).includes(v);
const isState = (v: unknown): v is SessionState => typeof v === 'string' && (SESSION_STATES as readonly string[]).includes(v);

/** Better verdicts first when ordering candidates. */
const VERDICT_RANK: Record<CandidateVerdict, number> = { verified: 0, pending: 1, 'still-failing': 2, regression: 3, timeout: 4, denied: 5, error: 6, 'not-run': 7 };

export class RunModel {
  status: RunStatus = 'idle';
  traceId: string | null = null;
  sessionState: SessionState | null = null;
  progress = '';
  goal: string | undefined;
  error: ErrorView | undefined;
  /** The commit the run fixes against (HEAD or a snapshot of a dirty tree), once known. */
  baseCommit: string | undefined;
  /** Set when the run released a signed branch. */
  result: FixResult | undefined;
  readonly timeline: TimelineEvent[] = [];
  private readonly candidates = new Map<string, CandidateView>();
  private readonly edits = new Map<string, CandidateEdit>();
  private lastSeq = -1;

  /** A fresh model for a run that is starting now. */
  static starting(goal: string): RunModel {
    const m = new RunModel();
    m.status = 'running';
    m.goal = goal;
    m.progress = 'starting';
    return m;
  }

  /** A finished run read back from disk (its events and, when it finished, its result). */
  static fromTrace(traceId: string, events: readonly FabricEvent[], result: FixResult | undefined, goal?: string): RunModel {
    const m = new RunModel();
    m.traceId = traceId;
    m.goal = goal;
    for (const e of events) m.applyEvent(e);
    m.status = 'done';
    if (result) m.finish(result);
    else m.progress = 'this run did not finish (no result was written)';
    return m;
  }

  attach(traceId: string): void {
    this.traceId = traceId;
  }

  /** Folds one event in and returns its timeline row (undefined for an event already seen). */
  applyEvent(e: FabricEvent): TimelineEvent | undefined {
    if (e.seq <= this.lastSeq) return undefined;
    this.lastSeq = e.seq;
    const p = e.payload;
    switch (e.action_type) {
      case 'state_transition':
        if (isState(p.to)) this.sessionState = p.to;
        break;
      case 'tool_result':
        if (e.capability_id === 'git.snapshot' && typeof p.base === 'string' && /^[0-9a-f]{40,64}$/.test(p.base)) this.baseCommit = p.base;
        break;
      case 'thought':
        if (p.kind === 'candidates_proposed' && Array.isArray(p.candidates)) for (const c of p.candidates) this.propose(c);
        break;
      case 'file_edit':
        this.recordEdit(p);
        break;
      case 'verification':
        this.recordVerdict(p);
        break;
      default:
        break;
    }
    const row = toTimelineEvent(e);
    this.timeline.push(row);
    if (this.timeline.length > LIMITS.eventsKept) this.timeline.splice(0, this.timeline.length - LIMITS.eventsKept);
    return row;
  }

  /** The highest `seq` folded in so far (-1 before the first event). */
  get lastEventSeq(): number {
    return this.lastSeq;
  }

  private propose(c: unknown): void {
    if (!isRecord(c)) return;
    const id = str(c.id);
    if (!id || this.candidates.has(id)) return;
    this.candidates.set(id, {
      id: clipText(id, LIMITS.id),
      operator: clipText(str(c.operator) ?? '?', LIMITS.label),
      description: clipText(str(c.description) ?? '', LIMITS.text),
      file: clipText(str(c.file) ?? '', LIMITS.path),
      line: int(c.line) ?? 0,
      score: typeof c.score === 'number' && Number.isFinite(c.score) ? c.score : 0,
      verdict: 'pending',
    });
  }

  private recordEdit(p: Readonly<Record<string, unknown>>): void {
    const id = str(p.candidate);
    const file = str(p.file);
    const edit = isRecord(p.edit) ? p.edit : undefined;
    if (!id || !file || !edit) return;
    const start = int(edit.start);
    const end = int(edit.end);
    const replacement = str(edit.replacement);
    if (start === undefined || end === undefined || end < start || replacement === undefined) return;
    this.edits.set(id, { file, start, end, replacement });
    if (!this.candidates.has(id)) this.propose({ ...p, id });
  }

  private recordVerdict(p: Readonly<Record<string, unknown>>): void {
    if (p.kind === 'review') {
      const id = str(p.candidate);
      const c = id ? this.candidates.get(id) : undefined;
      if (c && p.verdict === 'reject') this.candidates.set(c.id, { ...c, verdict: 'denied', detail: clipText(`rejected by review${Array.isArray(p.findings) ? ` (${p.findings.length} finding(s))` : ''}`, LIMITS.text) });
      return;
    }
    const id = str(p.id);
    if (!id || !isVerdict(p.verdict)) return;
    if (!this.candidates.has(id)) this.propose(p);
    const c = this.candidates.get(id);
    if (!c) return;
    const detail = str(p.detail);
    const next: CandidateView = { ...c, verdict: p.verdict };
    if (typeof p.score === 'number' && Number.isFinite(p.score)) next.score = p.score;
    if (detail) next.detail = clipText(detail, LIMITS.text);
    this.candidates.set(id, next);
  }

  setProgress(message: string): void {
    this.progress = clipText(message, LIMITS.text);
  }

  cancelling(): void {
    if (this.status === 'running') {
      this.status = 'cancelling';
      this.progress = 'cancelling: stopping sandboxes';
    }
  }

  finish(result: FixResult): void {
    this.result = result;
    this.status = 'done';
    this.traceId = result.trace_id;
    if (result.base_commit) this.baseCommit = result.base_commit;
    this.progress = result.outcome === 'success' ? `fixed: ${result.branch ?? ''}` : clipText(`${result.outcome}${result.reason ? `: ${result.reason}` : ''}`, LIMITS.text);
    if (result.fix) {
      const c = this.candidates.get(result.fix.id);
      if (c) this.candidates.set(c.id, { ...c, winner: true });
    }
    for (const c of this.candidates.values()) if (c.verdict === 'pending') this.candidates.set(c.id, { ...c, verdict: 'not-run' });
    if (result.outcome === 'aborted' && !this.isTerminal()) this.sessionState = 'aborted';
  }

  fail(error: ErrorView): void {
    this.status = 'done';
    this.error = { code: clipText(error.code, LIMITS.label), message: clipText(error.message, LIMITS.text) };
    this.progress = this.error.message;
  }

  private isTerminal(): boolean {
    return this.sessionState !== null && ['released', 'no_fix', 'rejected', 'failed', 'aborted'].includes(this.sessionState);
  }

  /** The text edit of a candidate, when the run recorded one. */
  editOf(candidateId: string): CandidateEdit | undefined {
    return this.edits.get(candidateId);
  }

  candidate(candidateId: string): CandidateView | undefined {
    return this.candidates.get(candidateId);
  }

  /** Winner first, then by verdict, then by score (higher first), then by id; at most LIMITS.candidates. */
  candidateViews(): CandidateView[] {
    return [...this.candidates.values()]
      .sort((a, b) => Number(b.winner === true) - Number(a.winner === true) || VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, LIMITS.candidates);
  }

  runView(): RunView {
    const view: RunView = { status: this.status, traceId: this.traceId, sessionState: this.sessionState, progress: this.progress };
    if (this.goal !== undefined) view.goal = clipText(this.goal, LIMITS.text);
    if (this.error !== undefined) view.error = this.error;
    return view;
  }
}
