/** JSON Schema (draft-07, ajv) of the Evidence Bundle and of DSSE envelopes. */
import { EVIDENCE_SCHEMA_VERSION } from './types';

const digest = { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' };
const gitOid = { type: 'string', pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$' };
const count = { type: 'integer', minimum: 0 };
const amount = { type: 'number', minimum: 0 };
/** OpenSSH SHA256 fingerprint: 43 chars of unpadded base64 (the last one carries 4 bits). */
export const KEYID_PATTERN = '^SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$';
/** Canonical base64 of exactly 64 bytes (an Ed25519 signature); no other spelling decodes to it. */
export const SIG_PATTERN = '^[A-Za-z0-9+/]{85}[AQgw]==$';

const signature = {
  type: 'object',
  additionalProperties: false,
  required: ['keyid', 'sig'],
  properties: { keyid: { type: 'string', pattern: KEYID_PATTERN }, sig: { type: 'string', pattern: SIG_PATTERN } },
};

const cost = {
  type: 'object',
  additionalProperties: false,
  required: ['wall_ms', 'tokens', 'usd'],
  properties: { wall_ms: amount, tokens: count, usd: amount },
};

export const evidenceBundleSchema = {
  $id: 'https://fabric.invalid/schemas/evidence-bundle/v1.json',
  type: 'object',
  additionalProperties: false,
  required: [
    'schema_version', 'trace_id', 'tenant_id', 'goal', 'outcome', 'base_commit', 'commit', 'branch', 'environment',
    'phases', 'regression_score', 'policy_decisions', 'cost', 'event_log', 'signatures',
  ],
  properties: {
    schema_version: { const: EVIDENCE_SCHEMA_VERSION },
    trace_id: { type: 'string', minLength: 1 },
    tenant_id: { type: 'string', minLength: 1 },
    goal: { type: 'string' },
    outcome: { type: 'string', enum: ['success', 'rejected', 'no_fix', 'aborted'] },
    base_commit: gitOid,
    commit: gitOid,
    branch: { type: 'string' },
    environment: { type: 'object', additionalProperties: { type: 'string' } },
    phases: {
      type: 'object',
      additionalProperties: false,
      required: ['explore', 'compile'],
      properties: {
        explore: {
          type: 'object',
          additionalProperties: false,
          required: ['attempts', 'trace_ref'],
          properties: {
            attempts: count,
            trace_ref: { type: 'string' },
            candidates: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'operator', 'verdict', 'score'],
                properties: { id: { type: 'string' }, operator: { type: 'string' }, verdict: { type: 'string' }, score: { type: 'number' } },
              },
            },
          },
        },
        compile: {
          type: 'object',
          additionalProperties: false,
          required: ['verified_diff_sha', 'tests_passed', 'static_checks', 'reproducibility_hash'],
          properties: {
            verified_diff_sha: digest,
            tests_passed: { type: 'array', items: { type: 'string' } },
            static_checks: { type: 'array', items: { type: 'string' } },
            reproducibility_hash: digest,
          },
        },
      },
    },
    regression_score: { type: 'number' },
    policy_decisions: {
      type: 'object',
      additionalProperties: false,
      required: ['allowed', 'denied', 'decisions_digest'],
      properties: { allowed: count, denied: count, decisions_digest: digest },
    },
    cost: {
      type: 'object',
      additionalProperties: false,
      required: ['wall_ms', 'tokens', 'usd'],
      properties: { wall_ms: amount, tokens: count, usd: amount, by_role: { type: 'object', additionalProperties: cost } },
    },
    event_log: {
      type: 'object',
      additionalProperties: false,
      required: ['head_hash', 'count'],
      properties: { head_hash: digest, count },
    },
    signatures: {
      type: 'object',
      additionalProperties: false,
      required: ['verifier', 'policy_engine'],
      properties: { verifier: signature, policy_engine: signature },
    },
  },
};

/** The bundle without `signatures`: what {@link signBundle} accepts. */
export const unsignedBundleSchema = {
  ...evidenceBundleSchema,
  $id: 'https://fabric.invalid/schemas/evidence-bundle-unsigned/v1.json',
  required: evidenceBundleSchema.required.filter((k) => k !== 'signatures'),
  properties: Object.fromEntries(Object.entries(evidenceBundleSchema.properties).filter(([k]) => k !== 'signatures')),
};

export const dsseEnvelopeSchema = {
  $id: 'https://fabric.invalid/schemas/dsse-envelope.json',
  type: 'object',
  additionalProperties: false,
  required: ['payloadType', 'payload', 'signatures'],
  properties: {
    payloadType: { type: 'string', minLength: 1 },
    payload: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' },
    signatures: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['keyid', 'sig'],
        properties: { keyid: { type: 'string' }, sig: { type: 'string' } },
      },
    },
  },
};
