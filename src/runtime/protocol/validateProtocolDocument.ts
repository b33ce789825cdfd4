/**
 * Validates a Unified Specification Protocol v1 document and lists EVERY problem: the JSON Schema
 * (12 required keys, inner shapes, no extra keys, `audit_trace` includes `trace_id`, acceptance
 * entries non-blank) and then the rules that span fields (seed §7, as far as a document can show):
 * a phase does not depend on itself, nor both depend on and unblock the same phase, and `done`
 * means completion 1.
 */
import { compileSchema, type SchemaFailure } from '../util/schema';
import schema from './unifiedSpecV1.schema.json';
import type { ProtocolDocument, ProtocolError, ProtocolValidation } from './types';

const protocolSchema = compileSchema<ProtocolDocument>(schema, { unicodeRegExp: true });

/** One schema failure in this module's words; the document itself is `''` here, not `/`. */
function toProtocolError(f: SchemaFailure): ProtocolError {
  if (f.keyword === 'required') return { path: f.path, message: 'is required' };
  if (f.keyword === 'additionalProperties') return { path: f.path, message: 'is not allowed' };
  if (f.keyword === 'contains' && f.path === '/guardrails/audit_trace') return { path: f.path, message: 'must include "trace_id"' };
  return { path: f.instancePath, message: f.message };
}

function field(x: unknown, ...keys: string[]): unknown {
  let v = x;
  for (const k of keys) v = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map((s) => (typeof s === 'string' ? s : '')) : [];
}

/** Rules across fields; written against `unknown` so they still run when the schema failed. */
function crossFieldErrors(doc: unknown): ProtocolError[] {
  const errors: ProtocolError[] = [];
  const phaseId = field(doc, 'phase_meta', 'phase_id');
  const dependsOn = stringList(field(doc, 'dependency_graph', 'depends_on'));
  const unblocks = stringList(field(doc, 'dependency_graph', 'unblocks'));
  dependsOn.forEach((id, i) => {
    if (id === '') return;
    if (id === phaseId) errors.push({ path: `/dependency_graph/depends_on/${i}`, message: 'a phase cannot depend on itself' });
    if (unblocks.includes(id)) errors.push({ path: `/dependency_graph/depends_on/${i}`, message: `${id} is both a dependency and unblocked` });
  });
  unblocks.forEach((id, i) => {
    if (id !== '' && id === phaseId) errors.push({ path: `/dependency_graph/unblocks/${i}`, message: 'a phase cannot unblock itself' });
  });
  const completion = field(doc, 'status', 'completion');
  if (field(doc, 'status', 'stage') === 'done' && typeof completion === 'number' && completion !== 1) {
    errors.push({ path: '/status/completion', message: 'must be 1 when stage is "done"' });
  }
  return errors;
}

/** Every problem in `x` as `{ path, message }`, schema errors first; `{ ok: true }` when none. */
export function validateProtocolDocument(x: unknown): ProtocolValidation {
  const schemaErrors = protocolSchema.failures(x).map(toProtocolError);
  const seen = new Set<string>();
  const errors = [...schemaErrors, ...crossFieldErrors(x)].filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
