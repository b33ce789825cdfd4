/**
 * What happens when a run ends: on success the Evidence Bundle is verified (its summary goes to the
 * panel), the push of the signed branch is queued for approval, and a notification offers
 * "Show diff", "Open Evidence Bundle" and "Push…"; any other outcome says why, with the event log
 * one click away.
 */
import * as vscode from 'vscode';
import type { FixResult } from '../runtime/pipeline/options';
import { openFixDiff } from './diffView';
import { reportError } from './notify';
import type { HostServices } from './services';
import { readSettings } from './settings';
import { openTraceFile } from './traceCommands';
import { verifyTrace } from './verifyTrace';

export async function afterRun(s: HostServices, result: FixResult, repoDir: string): Promise<void> {
  if (result.outcome !== 'success') {
    notifyOutcome(s, result, repoDir);
    return;
  }
  try {
    const verified = await verifyTrace(repoDir, result.trace_id, await s.keys.forRuns.trustStore());
    if (verified.summary && s.state.run.traceId === result.trace_id) {
      s.state.bundle = verified.summary;
      s.state.changed();
    }
    if (!verified.report.ok) s.output.line(`warning: the new Evidence Bundle did not verify: ${verified.report.checks.filter((c) => !c.ok).map((c) => c.name).join(', ')}`);
  } catch (e) {
    s.output.line(`could not verify the Evidence Bundle: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    s.push.queue({ repoDir, traceId: result.trace_id, remote: readSettings(repoDir).remote });
  } catch (e) {
    s.output.line(`could not queue the push for approval: ${e instanceof Error ? e.message : String(e)}`);
  }
  notifyOutcome(s, result, repoDir);
}

function notifyOutcome(s: HostServices, result: FixResult, repoDir: string): void {
  const eventLog = 'Open event log';
  const onEventLog = (picked: string | undefined) => (picked === eventLog ? openTraceFile(s, repoDir, result.trace_id, 'events') : undefined);
  const guard = (p: Thenable<unknown>) => void Promise.resolve(p).catch((e: unknown) => reportError(e, s.output, 'notification'));
  switch (result.outcome) {
    case 'success': {
      const diff = 'Show diff';
      const bundle = 'Open Evidence Bundle';
      const push = 'Push…';
      guard(
        vscode.window.showInformationMessage(`Fabric verified a fix: ${result.fix?.description ?? ''} — committed to the signed branch ${result.branch}.`, diff, bundle, push).then(async (picked) => {
          if (picked === diff) await openFixDiff(repoDir, result);
          if (picked === bundle) await openTraceFile(s, repoDir, result.trace_id, 'bundle');
          if (picked === push) await vscode.commands.executeCommand('fabric.pushBranch', { folder: repoDir, traceId: result.trace_id });
        }),
      );
      return;
    }
    case 'no_fix':
      guard(vscode.window.showInformationMessage(`Fabric found no verified fix: ${result.reason ?? 'no candidate passed the tests'}. Nothing was committed.`, eventLog).then(onEventLog));
      return;
    case 'rejected':
      guard(vscode.window.showWarningMessage(`Fabric rejected the fix: ${result.reason ?? ''}. Nothing was committed.`, eventLog).then(onEventLog));
      return;
    case 'aborted':
      guard(vscode.window.showInformationMessage(`Fabric stopped: ${result.reason ?? 'cancelled'}.`, eventLog).then(onEventLog));
      return;
    case 'failed':
      guard(vscode.window.showErrorMessage(`Fabric failed: ${result.reason ?? 'unknown error'}. Nothing was committed.`, eventLog).then(onEventLog));
      return;
    default: {
      const unreachable: never = result.outcome;
      return unreachable;
    }
  }
}
