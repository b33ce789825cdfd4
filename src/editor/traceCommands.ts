/**
 * Commands on a trace's files: "Verify Evidence Bundle" (checks in the output channel and a
 * notification), "Open event log" (`agent_events.jsonl`), opening the bundle, and "Export allowed
 * signers" (the release key as a line for git's `gpg.ssh.allowedSignersFile`).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { TRACE_ID_PATTERN } from '../runtime/approvals/schema';
import type { EvidenceReport } from '../runtime/audit/verifyEvidence';
import { FabricError } from '../runtime/errors';
import { allowedSignersLines } from '../runtime/keys';
import { tracePaths } from '../runtime/pipeline/tracePaths';
import { reportLines } from './bundleSummary';
import { noticeCreatedKeys } from './editorKeys';
import { pickRepo } from './repos';
import type { HostServices } from './services';
import { listTraces, traceLabel, type TraceInfo } from './traces';
import { verifyBundleFile, verifyTrace, type VerifiedBundle } from './verifyTrace';

/** `{ folder?, traceId? }` as passed by the panel, notifications and scripts. */
export interface TraceArg {
  folder?: string;
  traceId?: string;
}

export function traceArg(arg: unknown): TraceArg {
  if (typeof arg !== 'object' || arg === null) return {};
  const { folder, traceId } = arg as Record<string, unknown>;
  return {
    ...(typeof folder === 'string' ? { folder } : {}),
    ...(typeof traceId === 'string' && new RegExp(TRACE_ID_PATTERN).test(traceId) ? { traceId } : {}),
  };
}

type TracePick = { kind: 'trace'; traceId: string } | { kind: 'file'; file: string };

/** Lets the user pick a trace of `repoDir` (newest first) that passes `filter`. */
export async function pickTrace(repoDir: string, filter: (t: TraceInfo) => boolean, what: string, browse = false): Promise<TracePick | undefined> {
  const traces = listTraces(repoDir).filter(filter);
  const items: (vscode.QuickPickItem & { pick: TracePick | 'browse' })[] = traces.map((t) => ({
    label: traceLabel(t),
    description: new Date(t.modifiedMs).toLocaleString(),
    detail: `trace ${t.traceId}${t.reason ? ` — ${t.reason}` : ''}`,
    pick: { kind: 'trace', traceId: t.traceId },
  }));
  if (browse) items.push({ label: '$(folder-opened) Choose an evidence.json file…', pick: 'browse' });
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`No Fabric run ${what} in this repository yet: run "Fabric: Explore fix" first.`);
    return undefined;
  }
  const chosen = items.length === 1 && !browse ? items[0] : await vscode.window.showQuickPick(items, { title: `Fabric: ${what}`, placeHolder: 'Which run?', matchOnDetail: true });
  if (!chosen) return undefined;
  if (chosen.pick !== 'browse') return chosen.pick;
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Evidence Bundle': ['json'] }, defaultUri: vscode.Uri.file(repoDir) });
  return files?.[0] ? { kind: 'file', file: files[0].fsPath } : undefined;
}

/** Opens a trace's event log or Evidence Bundle in an editor. */
export async function openTraceFile(s: HostServices, repoDir: string, traceId: string, which: 'events' | 'bundle'): Promise<void> {
  const paths = tracePaths(repoDir, traceId);
  const file = which === 'events' ? paths.events : paths.bundle;
  if (!existsSync(file)) throw new FabricError('EVIDENCE_MISSING', which === 'events' ? `trace ${traceId} has no event log` : `trace ${traceId} has no Evidence Bundle: the run ended without a verified fix`);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc, { preview: false });
  s.output.line(`opened ${file}`);
}

function showReport(s: HostServices, verified: VerifiedBundle): void {
  const { report } = verified;
  s.output.line(`${report.ok ? '✔ Evidence Bundle verified' : '✘ Evidence Bundle FAILED verification'}: ${verified.file}`);
  s.output.lines(reportLines(report));
  const details = 'Show checks';
  const failed = report.checks.filter((c) => !c.ok);
  const thenable = report.ok
    ? vscode.window.showInformationMessage(`Evidence Bundle verified: all ${report.checks.length} checks passed (signatures, commit, event log).`, details)
    : vscode.window.showErrorMessage(`Evidence Bundle FAILED verification: ${failed.map((c) => `${c.name} (${c.message})`).join('; ')}`, details);
  void Promise.resolve(thenable).then((picked) => (picked === details ? s.output.show() : undefined));
}

export async function verifyBundleCommand(s: HostServices, arg: unknown): Promise<EvidenceReport | undefined> {
  const given = traceArg(arg);
  const repoDir = await pickRepo(given.folder);
  if (!repoDir) return undefined;
  const pick: TracePick | undefined = given.traceId ? { kind: 'trace', traceId: given.traceId } : await pickTrace(repoDir, (t) => t.hasBundle, 'with an Evidence Bundle', true);
  if (!pick) return undefined;
  const trust = await s.keys.forRuns.trustStore();
  const verified = pick.kind === 'trace' ? await verifyTrace(repoDir, pick.traceId, trust) : await verifyBundleFile(pick.file, repoDir, trust);
  if (verified.summary && verified.summary.trace_id === s.state.run.traceId) {
    s.state.bundle = verified.summary;
    s.state.changed();
  }
  showReport(s, verified);
  return verified.report;
}

export async function openEventLogCommand(s: HostServices, arg: unknown): Promise<void> {
  const given = traceArg(arg);
  const repoDir = await pickRepo(given.folder);
  if (!repoDir) return;
  const traceId = given.traceId ?? (await pickTrace(repoDir, (t) => t.hasEvents, 'with an event log').then((p) => (p?.kind === 'trace' ? p.traceId : undefined)));
  if (traceId) await openTraceFile(s, repoDir, traceId, 'events');
}

/** Writes the release key's allowed-signers line; `arg` may be the target file's URI (no dialog then). */
export async function exportAllowedSignersCommand(s: HostServices, arg: unknown): Promise<vscode.Uri | undefined> {
  const created = await s.keys.ensure();
  noticeCreatedKeys(s.context, created);
  const release = (await s.keys.publicKeys()).filter((k) => k.role === 'release');
  const text = allowedSignersLines(release);
  // Default outside the repository, so the export never shows up as a change in it.
  const folder = vscode.Uri.file(homedir());
  const target =
    arg instanceof vscode.Uri
      ? arg
      : await vscode.window.showSaveDialog({ title: 'Fabric: Export allowed signers', defaultUri: vscode.Uri.joinPath(folder, 'fabric_allowed_signers'), saveLabel: 'Export' });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  s.output.line(`wrote the allowed-signers line of the release key to ${target.fsPath}`);
  s.output.line(`  use it with: git -c gpg.ssh.allowedSignersFile=${target.fsPath} verify-commit <commit>`);
  void vscode.window.showInformationMessage(`Wrote Fabric's release key to ${target.fsPath}. git verify-commit accepts Fabric's commits with gpg.ssh.allowedSignersFile set to it.`);
  return target;
}
