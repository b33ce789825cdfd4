/**
 * Splits Cedar policy text into single policies keyed by their `@id("...")` annotation. Every
 * policy must carry a unique `@id`; templates are not accepted. Collects every problem instead of
 * stopping at the first.
 */
import { policySetTextToParts, policyToJson, type DetailedError } from './cedar';

export interface ParsedPolicy {
  /** The `@id` annotation (before any prefix is applied by the caller). */
  id: string;
  effect: 'permit' | 'forbid';
  /** The policy's own text, as Cedar split it. */
  text: string;
}

export interface ParsedPolicyText {
  policies: ParsedPolicy[];
  /** Problems, each prefixed with `source`. */
  errors: string[];
}

export function describeCedarErrors(source: string, errors: readonly DetailedError[]): string[] {
  return errors.map((e) => `${source}: ${e.message}${e.help ? ` (${e.help})` : ''}`);
}

export function parsePolicyText(text: string, source: string): ParsedPolicyText {
  const parts = policySetTextToParts(text);
  if (parts.type === 'failure') return { policies: [], errors: describeCedarErrors(source, parts.errors) };
  const errors: string[] = parts.policy_templates.length > 0 ? [`${source}: policy templates are not supported`] : [];
  const policies: ParsedPolicy[] = [];
  const seen = new Set<string>();
  parts.policies.forEach((policyText, index) => {
    const json = policyToJson(policyText);
    if (json.type === 'failure') {
      errors.push(...describeCedarErrors(`${source} policy #${index + 1}`, json.errors));
      return;
    }
    const id = json.json.annotations?.id;
    if (id === undefined || id === '') {
      errors.push(`${source} policy #${index + 1}: missing @id("...") annotation`);
      return;
    }
    if (seen.has(id)) {
      errors.push(`${source}: duplicate @id ${JSON.stringify(id)}`);
      return;
    }
    seen.add(id);
    policies.push({ id, effect: json.json.effect, text: policyText });
  });
  return { policies, errors };
}
