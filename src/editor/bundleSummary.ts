/**
 * The Evidence Bundle as the panel shows it: branch, commit, each signature and whether it
 * verified, every check of `verifyEvidence`, and the cost. No `vscode` import.
 */
import type { EvidenceReport } from '../runtime/audit/verifyEvidence';
import { BUNDLE_SIGNER_ROLES, type EvidenceBundle } from '../runtime/evidence/types';
import { LIMITS, type BundleSummary, type CheckView } from '../webview/protocol';
import { clipText } from './timelineEvent';

const nonNegative = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0);

/** `bundle` must already have passed the schema check (the report's `schema` step). */
export function bundleSummaryOf(bundle: EvidenceBundle, report: EvidenceReport): BundleSummary {
  const checks: CheckView[] = report.checks.slice(0, LIMITS.checks).map((c) => ({ name: clipText(c.name, LIMITS.label), ok: c.ok, message: clipText(c.message, LIMITS.text) }));
  const signatures = BUNDLE_SIGNER_ROLES.map((role) => ({
    role,
    keyid: clipText(bundle.signatures[role]?.keyid ?? '', LIMITS.label),
    ok: report.checks.some((c) => c.name === `signature.${role}` && c.ok),
  }));
  return {
    trace_id: bundle.trace_id,
    outcome: bundle.outcome,
    branch: clipText(bundle.branch, LIMITS.label),
    commit: bundle.commit,
    signatures,
    checks,
    cost: { wall_ms: nonNegative(bundle.cost?.wall_ms), tokens: nonNegative(bundle.cost?.tokens), usd: nonNegative(bundle.cost?.usd) },
  };
}

/** The report as lines for the output channel (one per check, failures name their field). */
export function reportLines(report: EvidenceReport): string[] {
  return report.checks.map((c) => `  ${c.ok ? '✔' : '✘'} ${c.name.padEnd(22)} ${c.message}${!c.ok && c.field ? `  [field: ${c.field}${c.line !== undefined ? `, line ${c.line}` : ''}]` : ''}`);
}
