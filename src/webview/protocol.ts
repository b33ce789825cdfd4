/**
 * The side-panel message protocol (STYLE §11): the one module both the extension host
 * (src/editor/) and the webview app (src/webview/main.ts) import. Reporting layer of the
 * protocol's eight layers: the panel shows what the runtime did and carries the operator's
 * approvals back (Operator Control Plane).
 *
 * Rules of the conversation:
 * 1. The webview posts `ready` once its listener is installed; the host posts nothing before it.
 *    The host answers `ready` (and every `requestState`) with a `state` and a full
 *    `events {reset: true}` for the current trace.
 * 2. Messages that expect an answer carry a `requestId` (`approve`, `deny`, `push`, `exploreFix`);
 *    the host answers each with exactly one `reply` carrying the same id. Fresh facts (an approval
 *    now `approved`) also arrive in the next `state`; the reply only closes the request.
 * 3. Every message is validated on arrival with {@link parseHostMessage} / {@link parseWebviewMessage}
 *    (ajv, precompiled: the webview's CSP forbids `eval`). The webview reports an invalid host
 *    message back as an `error` message (and warns on the console); the host logs an `error`
 *    message and never answers it, so a disagreement cannot loop.
 * 4. Payloads are plain JSON with bounded sizes ({@link LIMITS}).
 */
import { FabricError } from '../runtime/errors';
import type { SchemaIssue } from '../runtime/util/schema';
import type { ActionType } from '../runtime/events/types';
import type { SessionState } from '../runtime/session/states';
import type { HighImpactAction } from '../runtime/approvals/types';
import {
  APPROVAL_STATUSES,
  BUNDLE_OUTCOMES,
  CANDIDATE_VERDICTS,
  LIMITS,
  RUN_STATUSES,
} from './protocol/vocabulary';
import { validateHostToWebview, validatePersistedPanelState, validateWebviewToHost, type GeneratedValidator } from './protocol/validators.generated';

export * from './protocol/vocabulary';
export { hostToWebviewSchema, webviewToHostSchema, persistedPanelStateSchema } from './protocol/schemas';
export type { ActionType, SessionState, HighImpactAction, SchemaIssue };

export type RunStatus = (typeof RUN_STATUSES)[number];
export type CandidateVerdict = (typeof CANDIDATE_VERDICTS)[number];
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export type BundleOutcome = (typeof BUNDLE_OUTCOMES)[number];

// ---------------------------------------------------------------------------------------------
// The view model the host sends in `state`
// ---------------------------------------------------------------------------------------------

/** A failure the user should see, with the runtime's error code. */
export interface ErrorView {
  /** A `FabricErrorCode` (or another stable code); tests and the UI branch on it. */
  code: string;
  /** One line for the user. */
  message: string;
}

/** The current (or last) run. */
export interface RunView {
  status: RunStatus;
  /** The run's trace id; null before the first run. */
  traceId: string | null;
  /** The session state machine's state; null before the first run. */
  sessionState: SessionState | null;
  /** What is happening now, one line ('' when nothing). */
  progress: string;
  /** The goal as the user gave it, when known. */
  goal?: string;
  /** Why the run failed, when it did. */
  error?: ErrorView;
}

/** One Explore candidate. Clicking it asks the host to open its diff. */
export interface CandidateView {
  id: string;
  /** The repair operator or model strategy that produced it. */
  operator: string;
  /** What the change does, one line. */
  description: string;
  /** Repository-relative path of the edited file. */
  file: string;
  /** 1-based line of the edit. */
  line: number;
  /** Verification score (higher is better). */
  score: number;
  verdict: CandidateVerdict;
  /** Why it got its verdict (e.g. which test still fails). */
  detail?: string;
  /** True for the candidate Compile chose. */
  winner?: boolean;
}

/** One bundle signature and whether it verified. */
export interface SignatureView {
  /** The signing role (`verifier`, `policy_engine`). */
  role: string;
  /** OpenSSH fingerprint of the key (`SHA256:…`). */
  keyid: string;
  ok: boolean;
}

/** One verification step of the bundle (`schema`, `signature.verifier`, `diff_digest`, …). */
export interface CheckView {
  name: string;
  ok: boolean;
  message: string;
}

/** What a run cost. */
export interface CostView {
  wall_ms: number;
  tokens: number;
  usd: number;
}

/** The Evidence Bundle of the run, summarised and verified by the host. */
export interface BundleSummary {
  trace_id: string;
  outcome: BundleOutcome;
  /** `fabric/<slug>-<trace8>`. */
  branch: string;
  /** The signed fix commit (40 or 64 hex). */
  commit: string;
  signatures: SignatureView[];
  checks: CheckView[];
  cost: CostView;
}

/** One high-impact action waiting for (or past) the operator's decision. */
export interface ApprovalView {
  /** The host's id for this approval (what `approve`/`deny` name). */
  id: string;
  traceId: string;
  action: HighImpactAction;
  /** The branch that will be pushed (or deleted). */
  branch: string;
  /** The remote name it goes to. */
  remote: string;
  /** The commit the branch will point at. */
  commit: string;
  /** `sha256:<hex>` of the exact arguments; the approval token is bound to it. */
  argsDigest: string;
  /** One line saying exactly what will happen (runtime `describeAction`). */
  summary: string;
  status: ApprovalStatus;
  /** The reason given when denied. */
  reason?: string;
  /** ISO-8601 time after which the approval lapses. */
  expiresAt?: string;
}

/** Everything the panel shows except the event log. */
export interface ViewSnapshot {
  run: RunView;
  /** Best first, as the host orders them. */
  candidates: CandidateView[];
  /** The bundle of the current trace, once released; null before. */
  bundle: BundleSummary | null;
  /** Newest first. */
  approvals: ApprovalView[];
}

/** One event of the log, reduced to what the timeline shows. */
export interface TimelineEvent {
  /** The event's `seq` (0-based, consecutive within a trace). */
  seq: number;
  /** ISO-8601 UTC. */
  timestamp: string;
  /** `role:instance`, e.g. `verifier:2`. */
  agent_id: string;
  action_type: ActionType;
  capability_id?: string;
  /** A short, redacted summary of the payload. */
  summary: string;
}

// ---------------------------------------------------------------------------------------------
// Host → webview
// ---------------------------------------------------------------------------------------------

/** The whole view model; replaces the previous one. */
export interface StateMessage {
  kind: 'state';
  snapshot: ViewSnapshot;
}

/**
 * Events of trace `traceId`, in `seq` order. Appended to what the panel has, unless `reset` is
 * true or the trace differs, in which case they replace it. Events at or below the last `seq`
 * the panel holds are ignored (a resend is harmless); a gap in `seq` makes the panel send
 * `requestState`. Hosts batch live events (say every 100 ms) and split a long log into messages
 * of at most `LIMITS.eventsPerMessage`, the first one with `reset: true`.
 */
export interface EventsMessage {
  kind: 'events';
  traceId: string;
  events: TimelineEvent[];
  reset?: boolean;
}

/** The answer to one request (`approve`, `deny`, `push`, `exploreFix`). */
export interface ReplyMessage {
  kind: 'reply';
  requestId: string;
  ok: boolean;
  /** Present exactly when `ok` is false. */
  error?: ErrorView;
}

export type HostToWebview = StateMessage | EventsMessage | ReplyMessage;

// ---------------------------------------------------------------------------------------------
// Webview → host
// ---------------------------------------------------------------------------------------------

/** The webview is listening; send the current state. Posted once per load, before anything else. */
export interface ReadyMessage {
  kind: 'ready';
}
/** Send `state` and a full `events {reset: true}` again (e.g. after the panel saw a gap in `seq`). */
export interface RequestStateMessage {
  kind: 'requestState';
}
/** Mint a single-use approval token for approval `approvalId` (and carry on with the action). */
export interface ApproveMessage {
  kind: 'approve';
  requestId: string;
  approvalId: string;
}
/** Refuse approval `approvalId`; `reason` is recorded as an `approval_decision` event. */
export interface DenyMessage {
  kind: 'deny';
  requestId: string;
  approvalId: string;
  reason: string;
}
/** Open candidate `candidateId`'s diff in the diff editor. */
export interface OpenDiffMessage {
  kind: 'openDiff';
  candidateId: string;
}
/** Open the Evidence Bundle of `traceId`. */
export interface OpenBundleMessage {
  kind: 'openBundle';
  traceId: string;
}
/** Open the event log (`agent_events.jsonl`) of `traceId`. */
export interface OpenEventLogMessage {
  kind: 'openEventLog';
  traceId: string;
}
/** Run "Fabric: Explore fix". The reply comes when the run has started (or was refused). */
export interface ExploreFixMessage {
  kind: 'exploreFix';
  requestId: string;
}
/**
 * Push the signed branch of `traceId`. The host queues a push approval (it appears in `state`)
 * and pushes once it is approved; the reply comes when the push is done or refused.
 */
export interface PushMessage {
  kind: 'push';
  requestId: string;
  traceId: string;
}
/**
 * The timeline filter changed (empty list = no filter). Informational: the webview keeps its
 * filters in its own state; the host may remember them for new panels.
 */
export interface SetFilterMessage {
  kind: 'setFilter';
  roles: string[];
  actionTypes: ActionType[];
}
/** The webview received a message it could not accept. The host logs it and never answers. */
export interface ErrorMessage {
  kind: 'error';
  code: 'SCHEMA_INVALID';
  message: string;
  /** The `kind` of the refused message, when it had a string one. */
  refusedKind?: string;
  issues: SchemaIssue[];
}

export type WebviewToHost =
  | ReadyMessage
  | RequestStateMessage
  | ApproveMessage
  | DenyMessage
  | OpenDiffMessage
  | OpenBundleMessage
  | OpenEventLogMessage
  | ExploreFixMessage
  | PushMessage
  | SetFilterMessage
  | ErrorMessage;

/** Webview → host messages that expect a `reply`. */
export type RequestMessage = ApproveMessage | DenyMessage | ExploreFixMessage | PushMessage;

// ---------------------------------------------------------------------------------------------
// What the webview keeps across hide/reload (vscode.getState/setState)
// ---------------------------------------------------------------------------------------------

/** The timeline's filters; an empty list means "all". */
export interface TimelineFilters {
  roles: string[];
  actionTypes: ActionType[];
}

export interface PersistedPanelState {
  v: 1;
  filters: TimelineFilters;
  timeline: { scrollTop: number; followTail: boolean };
  /** The last snapshot shown, so a reloaded panel is not blank while the host answers. */
  snapshot: ViewSnapshot | null;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export type MessageDirection = 'hostToWebview' | 'webviewToHost' | 'persistedState';

/** A message (or saved state) that does not match its schema; `issues` lists every bad path. */
export class ProtocolMessageError extends FabricError<'SCHEMA_INVALID'> {
  readonly direction: MessageDirection;
  readonly issues: SchemaIssue[];
  /** The refused message's `kind`, when it had a string one. */
  readonly refusedKind: string | undefined;

  constructor(direction: MessageDirection, issues: SchemaIssue[], refusedKind: string | undefined) {
    const shown = issues.slice(0, 5).map((i) => `${i.path} ${i.message}`).join('; ');
    super('SCHEMA_INVALID', `invalid ${direction} message${refusedKind === undefined ? '' : ` '${refusedKind}'`}: ${shown}${issues.length > 5 ? ` (+${issues.length - 5} more)` : ''}`, {
      data: { direction, errors: issues, ...(refusedKind === undefined ? {} : { kind: refusedKind }) },
    });
    this.direction = direction;
    this.issues = issues;
    this.refusedKind = refusedKind;
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ProtocolMessageError };

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * ajv errors as {@link SchemaIssue}s, in the same path format as runtime/util/schema.ts. The
 * summary errors of `if`/`then` ("must match then schema") are dropped when the specific ones
 * are there; an unknown `kind` is reported at `/kind`.
 */
function issuesOf(validate: GeneratedValidator): SchemaIssue[] {
  const errors = validate.errors ?? [];
  const specific = errors.filter((e) => e.keyword !== 'if');
  const issues = (specific.length > 0 ? specific : errors).map((e) => {
    const property = e.params.missingProperty ?? e.params.additionalProperty ?? (e.keyword === 'discriminator' ? e.params.tag : undefined);
    const path = typeof property === 'string' ? `${e.instancePath}/${escapePointer(property)}` : e.instancePath || '/';
    return { path, message: e.message ?? e.keyword, keyword: e.keyword };
  });
  // A missing `kind` is reported by `required` and again by the discriminator: keep one.
  return issues
    .filter((i) => i.keyword !== 'discriminator' || !issues.some((o) => o !== i && o.path === i.path))
    .map(({ path, message }) => ({ path, message }));
}

function kindOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind.slice(0, LIMITS.kind) : undefined;
}

function parseWith<T>(validate: GeneratedValidator, direction: MessageDirection, value: unknown): ParseResult<T> {
  if (validate(value)) return { ok: true, value: value as T };
  return { ok: false, error: new ProtocolMessageError(direction, issuesOf(validate), kindOf(value)) };
}

/** Validates a message the host posted to the webview. */
export function parseHostMessage(value: unknown): ParseResult<HostToWebview> {
  return parseWith<HostToWebview>(validateHostToWebview, 'hostToWebview', value);
}

/** Validates a message the webview posted to the host. */
export function parseWebviewMessage(value: unknown): ParseResult<WebviewToHost> {
  return parseWith<WebviewToHost>(validateWebviewToHost, 'webviewToHost', value);
}

/** Validates what `vscode.getState()` returned (it may come from an older version of the panel). */
export function parsePersistedPanelState(value: unknown): ParseResult<PersistedPanelState> {
  return parseWith<PersistedPanelState>(validatePersistedPanelState, 'persistedState', value);
}

/** The `error` message that reports `error` back to the host. */
export function errorMessageFor(error: ProtocolMessageError): ErrorMessage {
  const message: ErrorMessage = {
    kind: 'error',
    code: 'SCHEMA_INVALID',
    message: error.message.slice(0, LIMITS.text),
    issues: error.issues.slice(0, LIMITS.issues).map((i) => ({ path: i.path.slice(0, LIMITS.path), message: i.message.slice(0, LIMITS.label) })),
  };
  if (error.refusedKind !== undefined) message.refusedKind = error.refusedKind;
  return message;
}
