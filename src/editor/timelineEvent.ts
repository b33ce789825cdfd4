/**
 * One runtime event reduced to what the panel's timeline shows: ids, time, who, what, and a short
 * summary of the payload (bounded by the protocol's LIMITS). Events are already redacted by the
 * event log; the summary only picks and shortens. No `vscode` import.
 */
import type { FabricEvent } from '../runtime/events/types';
import { LIMITS, type TimelineEvent } from '../webview/protocol';

type Payload = Readonly<Record<string, unknown>>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function join(parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' · ');
}

function counts(p: Payload): string | undefined {
  const c = p.counts;
  if (typeof c !== 'object' || c === null) return undefined;
  const { pass, fail, skip } = c as Record<string, unknown>;
  return `${num(pass) ?? 0} passed, ${num(fail) ?? 0} failed${num(skip) ? `, ${num(skip)} skipped` : ''}`;
}

function toolResult(p: Payload): string {
  if (p.counts !== undefined) return join([str(p.purpose), counts(p), p.cancelled === true && 'cancelled', str(p.limit_breached) && `limit: ${str(p.limit_breached)}`]);
  if (str(p.commit)) return `commit ${str(p.commit)?.slice(0, 12)}`;
  if (Array.isArray(p.pushed)) return `pushed ${p.pushed.filter((x) => typeof x === 'string').join(', ')}`;
  if (str(p.workspace)) return `workspace ${str(p.workspace)}`;
  if (p.dirty !== undefined) return join([`base ${str(p.base)?.slice(0, 12) ?? '?'}`, str(p.branch) && `on ${str(p.branch)}`, p.dirty === true && 'uncommitted changes snapshotted']);
  if (num(p.files) !== undefined) return `${num(p.files)} file(s)`;
  if (Array.isArray(p.files)) return p.files.filter((x) => typeof x === 'string').join(', ');
  if (p.ok === true) return 'ok';
  return keysOf(p);
}

function keysOf(p: Payload): string {
  const keys = Object.keys(p);
  return keys.length === 0 ? '' : `{ ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''} }`;
}

function verification(p: Payload): string {
  if (str(p.kind) === 'review') return join([`review of ${str(p.candidate) ?? '?'}: ${str(p.verdict) ?? '?'}`, Array.isArray(p.findings) && p.findings.length > 0 && `${p.findings.length} finding(s)`]);
  if (str(p.kind) === 'reproducibility') return 'compile: reproducibility check';
  if (str(p.verdict)) return join([`${str(p.verdict)}: ${str(p.description) ?? str(p.id) ?? ''}`, str(p.detail)]);
  return keysOf(p);
}

function thought(p: Payload): string {
  switch (str(p.kind)) {
    case 'run_started':
      return join(['run started', str(p.sandbox) && `sandbox ${str(p.sandbox)}`]);
    case 'run_finished':
      return join([`run finished: ${str(p.outcome) ?? '?'}`, str(p.branch), str(p.reason)]);
    case 'candidates_proposed':
      return `${num(p.count) ?? 0} candidate(s) proposed (${str(p.provider) ?? 'offline'})`;
    case 'localization': {
      const top = Array.isArray(p.top_locations) ? (p.top_locations[0] as Record<string, unknown> | undefined) : undefined;
      return join(['localized', top && `top: ${str(top.file) ?? '?'}:${num(top.line) ?? '?'}`]);
    }
    default:
      return str(p.kind) ?? str(p.message) ?? keysOf(p);
  }
}

function planUpdate(p: Payload): string {
  const plan = typeof p.plan === 'object' && p.plan !== null ? (p.plan as Record<string, unknown>) : {};
  const scope = typeof plan.module_scope === 'object' && plan.module_scope !== null ? (plan.module_scope as Record<string, unknown>).write_modules : undefined;
  return join([`plan${num(p.revision) !== undefined ? ` revision ${num(p.revision)}` : ''}`, Array.isArray(scope) && `write scope: ${scope.filter((x) => typeof x === 'string').join(', ')}`]);
}

/** A short, human summary of one event's payload. */
export function summarizeEvent(e: Pick<FabricEvent, 'action_type' | 'payload' | 'capability_id'>): string {
  const p = e.payload;
  switch (e.action_type) {
    case 'state_transition':
      return join([`${str(p.from) ?? '?'} → ${str(p.to) ?? '?'}`, str(p.reason)]);
    case 'policy_decision':
      return join([`${str(p.decision) ?? '?'} ${str(p.capability) ?? e.capability_id ?? ''}`.trim(), Array.isArray(p.errors) && p.errors.length > 0 && `${p.errors.length} error(s)`, str(p.reason)]);
    case 'tool_call':
      return join([e.capability_id ?? 'tool call', str(p.purpose)]);
    case 'tool_result':
      return toolResult(p);
    case 'verification':
      return verification(p);
    case 'file_edit':
      return str(p.description) ?? join([str(p.file), num(p.line) !== undefined && `line ${num(p.line)}`]);
    case 'plan_update':
      return planUpdate(p);
    case 'thought':
      return thought(p);
    case 'approval_request':
    case 'approval_decision':
      return join([`${str(p.action) ?? '?'}: ${str(p.decision) ?? 'requested'}`, str(p.reason), str(p.args_digest)?.slice(0, 19)]);
    case 'budget':
      return keysOf(p);
    case 'error':
      return join([str(p.code), str(p.message)]);
    default: {
      const unreachable: never = e.action_type;
      return String(unreachable);
    }
  }
}

/** The timeline row of one event. */
export function toTimelineEvent(e: FabricEvent): TimelineEvent {
  const out: TimelineEvent = {
    seq: e.seq,
    timestamp: e.timestamp,
    agent_id: clipText(e.agent_id, LIMITS.label),
    action_type: e.action_type,
    summary: clipText(summarizeEvent(e), LIMITS.text),
  };
  if (e.capability_id !== undefined) out.capability_id = clipText(e.capability_id, LIMITS.label);
  return out;
}
