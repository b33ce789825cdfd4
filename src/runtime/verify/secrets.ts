/**
 * Secret detection, shared by event redaction (nothing secret is ever written to the log) and the
 * Reviewer (no new secrets in a diff). Patterns live in policies/secret-patterns.json.
 */
import patternFile from '../../../policies/secret-patterns.json';

export interface SecretPattern {
  id: string;
  regex: RegExp;
}

export interface SecretFinding {
  patternId: string;
  /** Offset of the match in the scanned text. */
  index: number;
  /** Length of the match. */
  length: number;
}

/** JS has no inline `(?i:…)` groups before ES2025 in every engine; translate that one form ourselves. */
function compile(source: string): RegExp {
  const inline = /^\(\?i:([\s\S]*)\)$/.exec(source);
  return inline ? new RegExp(inline[1], 'gi') : new RegExp(source, 'g');
}

export const defaultSecretPatterns: readonly SecretPattern[] = patternFile.patterns.map((p) => ({
  id: p.id,
  regex: compile(p.regex),
}));

export function scanForSecrets(text: string, patterns: readonly SecretPattern[] = defaultSecretPatterns): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const { id, regex } of patterns) {
    regex.lastIndex = 0;
    for (const m of text.matchAll(regex)) findings.push({ patternId: id, index: m.index ?? 0, length: m[0].length });
  }
  return findings.sort((a, b) => a.index - b.index);
}

/**
 * Replaces every secret match, and every literal value in `extraSecrets` (e.g. the values of
 * environment variables whose names look secret), with `[REDACTED:<id>]`.
 */
export function redactText(text: string, extraSecrets: readonly string[] = [], patterns: readonly SecretPattern[] = defaultSecretPatterns): string {
  let out = text;
  for (const value of extraSecrets) {
    if (value.length >= 6) out = out.split(value).join('[REDACTED:env]');
  }
  for (const { id, regex } of patterns) {
    regex.lastIndex = 0;
    out = out.replace(regex, `[REDACTED:${id}]`);
  }
  return out;
}

/** Values of environment variables whose names suggest a credential. */
export function secretEnvValues(env: Readonly<Record<string, string | undefined>>): string[] {
  const name = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH)/i;
  return Object.entries(env)
    .filter(([k, v]) => name.test(k) && typeof v === 'string' && v.length >= 6)
    .map(([, v]) => v as string);
}
