/**
 * Strict validation of a policy set against the schema. Cedar reports a failed validation as
 * `type: "success"` with a non-empty `validationErrors`, so both are checked.
 */
import { checkParseSchema, validate } from './cedar';
import { describeCedarErrors } from './parsePolicyText';

/** Every validation problem, as `<policy id>: <message>`; empty when the set is valid. */
export function validatePolicies(schemaText: string, policies: Record<string, string>): string[] {
  const schema = checkParseSchema(schemaText);
  if (schema.type === 'failure') return describeCedarErrors('fabric.cedarschema', schema.errors);
  const answer = validate({ schema: schemaText, policies: { staticPolicies: policies }, validationSettings: { mode: 'strict' } });
  if (answer.type === 'failure') return describeCedarErrors('validation', answer.errors);
  return answer.validationErrors.map((v) => `${v.policyId}: ${v.error.message}`);
}
