import { scanForSecrets } from '../../../runtime/verify/secrets';
import type { ReviewFinding, RuleContext } from '../types';

/** Counts of each (pattern, matched text) in `text`. */
function secretCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of scanForSecrets(text)) {
    const key = `${s.patternId}\u0000${text.slice(s.index, s.index + s.length)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * No new secrets: every secret in `after` that was not already in `before` (same pattern, same
 * text, counted with multiplicity, so a copied secret is new). Messages name the pattern and line,
 * never the value.
 */
export function checkSecrets(ctx: RuleContext): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  for (const f of ctx.files) {
    if (f.binary || f.after === null) continue;
    const known = secretCounts(f.before ?? '');
    for (const s of scanForSecrets(f.after)) {
      const key = `${s.patternId}\u0000${f.after.slice(s.index, s.index + s.length)}`;
      const left = known.get(key) ?? 0;
      if (left > 0) {
        known.set(key, left - 1);
        continue;
      }
      const line = f.after.slice(0, s.index).split('\n').length;
      findings.push({ rule: 'secrets', path: f.path, message: `new secret (${s.patternId}) at line ${line}` });
    }
  }
  return findings;
}
