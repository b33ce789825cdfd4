/**
 * JSON Schema of one event line and its compiled ajv validator (STYLE §5). Anything read from an
 * `agent_events.jsonl` goes through `validateEvent` before it is trusted as a `FabricEvent`.
 */
import { compileSchema, dottedPath, type CompiledSchema } from '../util/schema';
import { ACTION_TYPES } from './types';

const digest = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } as const;
const id = { type: 'string', minLength: 1 } as const;

/** The JSON Schema (draft-07) of one event. `v` is any positive integer here; readers check the version. */
export const eventSchema = {
  $id: 'https://fabric.dev/schemas/event.json',
  type: 'object',
  additionalProperties: false,
  required: [
    'v', 'seq', 'timestamp', 'trace_id', 'session_id', 'task_id', 'tenant_id', 'agent_id',
    'action_type', 'payload', 'prev_hash', 'hash',
  ],
  properties: {
    v: { type: 'integer', minimum: 1 },
    seq: { type: 'integer', minimum: 0 },
    timestamp: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$' },
    trace_id: id,
    session_id: id,
    task_id: id,
    tenant_id: id,
    agent_id: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]*:\\S+$' },
    capability_id: id,
    action_type: { type: 'string', enum: [...ACTION_TYPES] },
    payload: { type: 'object' },
    evidence_ref: digest,
    cause: { type: 'integer', minimum: 0 },
    prev_hash: digest,
    hash: digest,
  },
} as const;

/** The JSON Schema of `EventIds`. */
export const eventIdsSchema = {
  $id: 'https://fabric.dev/schemas/event-ids.json',
  type: 'object',
  required: ['trace_id', 'session_id', 'tenant_id'],
  properties: { trace_id: id, session_id: id, tenant_id: id },
} as const;

const compiledEvent = compileSchema(eventSchema);
const compiledIds = compileSchema(eventIdsSchema);

/** Distinct dotted field paths (`payload`, `hash`, …; `(root)` for the object itself). */
function paths(schema: CompiledSchema<unknown>, x: unknown): string[] {
  return [...new Set(schema.issues(x).map((i) => dottedPath(i.path)))];
}

/** Every bad field path of `x` as an event; empty when `x` is a well-formed event. */
export function validateEvent(x: unknown): string[] {
  return paths(compiledEvent, x);
}

/** Every bad field path of `x` as `EventIds`; empty when valid. */
export function validateEventIds(x: unknown): string[] {
  return paths(compiledIds, x);
}
