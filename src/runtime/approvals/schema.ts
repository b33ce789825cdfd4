import { HIGH_IMPACT_ACTIONS } from './types';

/** Trace ids become part of file names (pending tokens), so they are restricted to a safe alphabet. */
export const TRACE_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$';

export const approvalTokenSchema = {
  $id: 'https://fabric.invalid/schemas/approval-token/v1.json',
  type: 'object',
  additionalProperties: false,
  required: ['v', 'action', 'trace_id', 'args_digest', 'nonce', 'exp', 'sig'],
  properties: {
    v: { const: 1 },
    action: { type: 'string', enum: [...HIGH_IMPACT_ACTIONS] },
    trace_id: { type: 'string', pattern: TRACE_ID_PATTERN },
    args_digest: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
    nonce: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    exp: { type: 'string', format: 'date-time' },
    sig: {
      type: 'object',
      additionalProperties: false,
      required: ['keyid', 'sig'],
      properties: {
        keyid: { type: 'string', pattern: '^SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$' },
        sig: { type: 'string', pattern: '^[A-Za-z0-9+/]{85}[AQgw]==$' },
      },
    },
  },
};
