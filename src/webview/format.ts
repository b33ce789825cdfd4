/** How numbers, times and ids read in the panel. Pure; locale-independent so tests are stable. */
import type { ActionType, ApprovalStatus, CandidateVerdict, HighImpactAction, RunStatus, SessionState } from './protocol';

/** `1 234 567` → `1,234,567`. */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Milliseconds as `850 ms`, `12.3 s`, `4 min 05 s`, `2 h 03 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalSeconds = Math.round(s);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** US dollars: `$0.00`, `$0.0042` (small amounts keep two significant digits), `$12.35`. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) return '—';
  if (usd === 0 || usd >= 0.01) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(2)}`;
}

/** The first `length` hex digits of a commit. */
export function shortCommit(commit: string, length = 8): string {
  return commit.slice(0, length);
}

/** `sha256:0123…` with the first `length` hex digits. */
export function shortDigest(digest: string, length = 12): string {
  const [algo, hex] = digest.includes(':') ? [digest.slice(0, digest.indexOf(':') + 1), digest.slice(digest.indexOf(':') + 1)] : ['', digest];
  return hex.length > length ? `${algo}${hex.slice(0, length)}…` : digest;
}

/**
 * The clock time of an ISO-8601 UTC timestamp as `HH:MM:SS.mmm` (UTC, as in the event log, so
 * the panel and `agent_events.jsonl` agree). Anything unparseable is returned as it is.
 */
export function formatClock(iso: string): string {
  const m = /T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?/.exec(iso);
  if (m === null) return iso;
  return `${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}`;
}

/**
 * An agent id short enough for the timeline's agent column: long instance ids (candidate
 * hashes) keep their first 4 characters — `implementer:9e377a1b2c` → `implementer:9e37`.
 */
export function shortAgent(agentId: string): string {
  const colon = agentId.indexOf(':');
  if (colon < 0) return agentId;
  const instance = agentId.slice(colon + 1);
  return instance.length > 8 && /^[0-9a-f]+$/i.test(instance) ? `${agentId.slice(0, colon)}:${instance.slice(0, 4)}` : agentId;
}

/** `no_fix` → `No fix`, `still-failing` → `Still failing`. */
export function humanize(word: string): string {
  const spaced = word.replace(/[_-]+/g, ' ').trim();
  return spaced.length === 0 ? spaced : spaced[0].toUpperCase() + spaced.slice(1);
}

/** The codicon (class suffix) of each event kind. */
export function actionTypeIcon(type: ActionType): string {
  switch (type) {
    case 'tool_call':
      return 'tools';
    case 'tool_result':
      return 'output';
    case 'thought':
      return 'lightbulb';
    case 'plan_update':
      return 'checklist';
    case 'file_edit':
      return 'edit';
    case 'policy_decision':
      return 'law';
    case 'verification':
      return 'beaker';
    case 'state_transition':
      return 'arrow-right';
    case 'approval_request':
      return 'shield';
    case 'approval_decision':
      return 'verified';
    case 'budget':
      return 'credit-card';
    case 'error':
      return 'error';
    default: {
      const never: never = type;
      return String(never);
    }
  }
}

/** Icon and tone of a candidate verdict. */
export function verdictLook(verdict: CandidateVerdict): { icon: string; tone: Tone } {
  switch (verdict) {
    case 'verified':
      return { icon: 'pass-filled', tone: 'ok' };
    case 'pending':
      return { icon: 'loading', tone: 'muted' };
    case 'still-failing':
      return { icon: 'close', tone: 'bad' };
    case 'regression':
      return { icon: 'error', tone: 'bad' };
    case 'timeout':
      return { icon: 'watch', tone: 'warn' };
    case 'denied':
      return { icon: 'circle-slash', tone: 'bad' };
    case 'error':
      return { icon: 'warning', tone: 'warn' };
    case 'not-run':
      return { icon: 'circle-outline', tone: 'muted' };
    default: {
      const never: never = verdict;
      return { icon: String(never), tone: 'muted' };
    }
  }
}

/** The colour family of a status: maps to theme colours in webview.css (`.tone-ok`, …). */
export type Tone = 'ok' | 'bad' | 'warn' | 'muted' | 'active';

/** Icon, tone and label of where the run is. */
export function runLook(status: RunStatus, state: SessionState | null): { icon: string; tone: Tone; label: string; spin: boolean } {
  if (status === 'idle' || state === null) return { icon: 'circle-large-outline', tone: 'muted', label: 'No run yet', spin: false };
  if (status === 'cancelling') return { icon: 'loading', tone: 'warn', label: 'Cancelling…', spin: true };
  switch (state) {
    case 'released':
      return { icon: 'pass-filled', tone: 'ok', label: 'Released', spin: false };
    case 'no_fix':
      return { icon: 'circle-slash', tone: 'warn', label: 'No fix found', spin: false };
    case 'rejected':
      return { icon: 'error', tone: 'bad', label: 'Rejected', spin: false };
    case 'failed':
      return { icon: 'error', tone: 'bad', label: 'Failed', spin: false };
    case 'aborted':
      return { icon: 'debug-stop', tone: 'warn', label: 'Aborted', spin: false };
    default:
      return { icon: 'loading', tone: 'active', label: humanize(state), spin: status === 'running' };
  }
}

export function approvalActionLook(action: HighImpactAction): { icon: string; label: string } {
  switch (action) {
    case 'push':
      return { icon: 'repo-push', label: 'Push branch' };
    case 'force_push':
      return { icon: 'warning', label: 'Force-push branch (overwrites remote history)' };
    case 'delete_branch':
      return { icon: 'trash', label: 'Delete branch' };
    case 'network':
      return { icon: 'globe', label: 'Allow network access' };
    case 'deploy':
      return { icon: 'rocket', label: 'Deploy' };
    default: {
      const never: never = action;
      return { icon: 'question', label: String(never) };
    }
  }
}

export function approvalStatusTone(status: ApprovalStatus): Tone {
  switch (status) {
    case 'pending':
      return 'active';
    case 'approved':
    case 'pushed':
      return 'ok';
    case 'failed':
    case 'denied':
      return 'bad';
    case 'expired':
      return 'muted';
    default: {
      const never: never = status;
      return String(never) as Tone;
    }
  }
}
