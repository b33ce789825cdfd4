/**
 * Verifies the Evidence Bundle of a trace (or any evidence.json) exactly as `fabric verify-bundle`
 * does: schema and signatures against the trusted keys, the commit it names, and the event log when
 * it is beside the bundle. A bundle that is not JSON is a failed `parse` check, not a crash.
 * No `vscode` import.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { verifyEvidence, type EvidenceReport } from '../runtime/audit/verifyEvidence';
import { FabricError } from '../runtime/errors';
import { EVENT_LOG_FILE } from '../runtime/events';
import type { EvidenceBundle } from '../runtime/evidence/types';
import type { TrustStore } from '../runtime/keys';
import { tracePaths } from '../runtime/pipeline/tracePaths';
import type { BundleSummary } from '../webview/protocol';
import { bundleSummaryOf } from './bundleSummary';

export interface VerifiedBundle {
  file: string;
  report: EvidenceReport;
  /** Present when the bundle passed its schema check. */
  summary?: BundleSummary;
}

/** Verifies the bundle in `file`; `repoDir` holds its commit (skipped when undefined). */
export async function verifyBundleFile(file: string, repoDir: string | undefined, trust: TrustStore): Promise<VerifiedBundle> {
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { file, report: { ok: false, trace_id: null, commit: null, checks: [{ name: 'parse', ok: false, field: '(file)', message: `not JSON: ${(e as Error).message}` }] } };
  }
  const traceDir = existsSync(join(dirname(file), EVENT_LOG_FILE)) ? dirname(file) : undefined;
  const report = await verifyEvidence(bundle, { trust, ...(repoDir ? { repoDir } : {}), ...(traceDir ? { traceDir } : {}) });
  const schemaOk = report.checks.every((c) => c.name !== 'schema' || c.ok) && report.trace_id !== null;
  return { file, report, ...(schemaOk ? { summary: bundleSummaryOf(bundle as EvidenceBundle, report) } : {}) };
}

/** Verifies the bundle of one trace of `repoDir` (`EVIDENCE_MISSING` when the run wrote none). */
export async function verifyTrace(repoDir: string, traceId: string, trust: TrustStore): Promise<VerifiedBundle> {
  const paths = tracePaths(repoDir, traceId);
  if (!existsSync(paths.bundle)) throw new FabricError('EVIDENCE_MISSING', `trace ${traceId} has no Evidence Bundle: the run ended without a verified fix`, { data: { traceId } });
  return verifyBundleFile(paths.bundle, repoDir, trust);
}
