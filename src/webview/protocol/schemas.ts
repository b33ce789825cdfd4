/**
 * JSON Schemas of the side-panel protocol (see ../protocol.ts for the types and the rules).
 *
 * These objects are the source of truth for validation, but they are not compiled at run time:
 * the webview's CSP has no `unsafe-eval`, so `validators.generated.js` holds ajv's standalone
 * code for them (regenerate with `npx tsx src/webview/protocol/writeValidators.ts`; a unit test
 * fails when it is stale).
 */
import {
  ACTION_TYPES,
  APPROVAL_STATUSES,
  BUNDLE_OUTCOMES,
  CANDIDATE_VERDICTS,
  HIGH_IMPACT_ACTIONS,
  LIMITS,
  RUN_STATUSES,
  SESSION_STATES,
} from './vocabulary';

type Schema = Record<string, unknown>;

const str = (maxLength: number, minLength = 0): Schema => (minLength > 0 ? { type: 'string', minLength, maxLength } : { type: 'string', maxLength });
const id = str(LIMITS.id, 1);
const label = str(LIMITS.label);
const text = str(LIMITS.text);
const count = { type: 'integer', minimum: 0 };
const amount = { type: 'number', minimum: 0 };
const digest = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' };
const commit = { type: 'string', pattern: '^([0-9a-f]{40}|[0-9a-f]{64})$' };
const timestamp = str(64, 1);

/** A closed object: exactly these properties, the `required` ones present. */
function object(properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema {
  return { type: 'object', properties, required, additionalProperties: false };
}

function list(items: Schema, maxItems: number): Schema {
  return { type: 'array', items, maxItems };
}

/** `schema` or null; the errors of an invalid non-null value are those of `schema` only. */
function nullable(schema: Schema): Schema {
  return { if: { type: 'null' }, then: true, else: schema };
}

/** One branch of a message union, tagged by `kind`. */
function message(kind: string, properties: Record<string, Schema> = {}, optional: string[] = []): Schema {
  const all = { kind: { const: kind }, ...properties };
  return object(all, Object.keys(all).filter((k) => !optional.includes(k)));
}

/** A union of messages, told apart by `kind` (ajv's `discriminator`: errors come from one branch). */
function union(branches: Schema[]): Schema {
  return { type: 'object', discriminator: { propertyName: 'kind' }, properties: { kind: { type: 'string' } }, required: ['kind'], oneOf: branches };
}

const DEFS_ID = 'urn:fabric:webview:defs';

/** A reference to one of {@link protocolDefsSchema}'s definitions (compiled once, called by each user). */
const ref = (name: keyof typeof defs): Schema => ({ $ref: `${DEFS_ID}#/$defs/${name}` });

const errorView: Schema = object({ code: label, message: text });

const runView: Schema = object(
  {
    status: { type: 'string', enum: [...RUN_STATUSES] },
    traceId: nullable(id),
    sessionState: { enum: [...SESSION_STATES, null] },
    progress: text,
    goal: text,
    error: ref('errorView'),
  },
  ['status', 'traceId', 'sessionState', 'progress'],
);

const candidateView: Schema = object(
  {
    id,
    operator: label,
    description: text,
    file: str(LIMITS.path),
    line: count,
    score: { type: 'number' },
    verdict: { type: 'string', enum: [...CANDIDATE_VERDICTS] },
    detail: text,
    winner: { type: 'boolean' },
  },
  ['id', 'operator', 'description', 'file', 'line', 'score', 'verdict'],
);

const bundleSummary: Schema = object({
  trace_id: id,
  outcome: { type: 'string', enum: [...BUNDLE_OUTCOMES] },
  branch: label,
  commit,
  signatures: list(object({ role: label, keyid: label, ok: { type: 'boolean' } }), LIMITS.signatures),
  checks: list(object({ name: label, ok: { type: 'boolean' }, message: text }), LIMITS.checks),
  cost: object({ wall_ms: amount, tokens: amount, usd: amount }),
});

const approvalView: Schema = object(
  {
    id,
    traceId: id,
    action: { type: 'string', enum: [...HIGH_IMPACT_ACTIONS] },
    branch: label,
    remote: label,
    commit,
    argsDigest: digest,
    summary: text,
    status: { type: 'string', enum: [...APPROVAL_STATUSES] },
    reason: str(LIMITS.reason),
    expiresAt: timestamp,
  },
  ['id', 'traceId', 'action', 'branch', 'remote', 'commit', 'argsDigest', 'summary', 'status'],
);

const viewSnapshot: Schema = object({
  run: ref('runView'),
  candidates: list(ref('candidateView'), LIMITS.candidates),
  bundle: nullable(ref('bundleSummary')),
  approvals: list(ref('approvalView'), LIMITS.approvals),
});

const timelineEvent: Schema = object(
  {
    seq: count,
    timestamp,
    agent_id: label,
    action_type: { type: 'string', enum: [...ACTION_TYPES] },
    capability_id: label,
    summary: text,
  },
  ['seq', 'timestamp', 'agent_id', 'action_type', 'summary'],
);

const filterProperties = {
  roles: list(label, LIMITS.filterEntries),
  actionTypes: list({ type: 'string', enum: [...ACTION_TYPES] }, LIMITS.filterEntries),
};
const filters: Schema = object(filterProperties);

const defs = { errorView, runView, candidateView, bundleSummary, approvalView, viewSnapshot, timelineEvent, filters };

/** The shared definitions the three message schemas refer to. */
export const protocolDefsSchema: Schema = { $id: DEFS_ID, $defs: defs };

/** Every message the host may post to the webview. */
export const hostToWebviewSchema: Schema = {
  $id: 'urn:fabric:webview:host-to-webview',
  ...union([
    message('state', { snapshot: ref('viewSnapshot') }),
    message('events', { traceId: id, events: list(ref('timelineEvent'), LIMITS.eventsPerMessage), reset: { type: 'boolean' } }, ['reset']),
    {
      ...message('reply', { requestId: id, ok: { type: 'boolean' }, error: ref('errorView') }, ['error']),
      // An error exactly when not ok.
      if: { properties: { ok: { const: false } } },
      then: { properties: { error: true }, required: ['error'] },
      else: { properties: { error: false } },
    },
  ]),
};

/** Every message the webview may post to the host. */
export const webviewToHostSchema: Schema = {
  $id: 'urn:fabric:webview:webview-to-host',
  ...union([
    message('ready'),
    message('requestState'),
    message('approve', { requestId: id, approvalId: id }),
    message('deny', { requestId: id, approvalId: id, reason: { type: 'string', minLength: 1, maxLength: LIMITS.reason, pattern: '\\S' } }),
    message('openDiff', { candidateId: id }),
    message('openBundle', { traceId: id }),
    message('openEventLog', { traceId: id }),
    message('exploreFix', { requestId: id }),
    message('push', { requestId: id, traceId: id }),
    message('setFilter', filterProperties),
    message(
      'error',
      {
        code: { const: 'SCHEMA_INVALID' },
        message: text,
        refusedKind: str(LIMITS.kind),
        issues: list(object({ path: str(LIMITS.path), message: label }), LIMITS.issues),
      },
      ['refusedKind'],
    ),
  ]),
};

/** What the webview saves with `setState` (read back on reload; may come from an older version). */
export const persistedPanelStateSchema: Schema = {
  $id: 'urn:fabric:webview:persisted-state',
  ...object({
    v: { const: 1 },
    filters: ref('filters'),
    timeline: object({ scrollTop: amount, followTail: { type: 'boolean' } }),
    snapshot: nullable(ref('viewSnapshot')),
  }),
};
