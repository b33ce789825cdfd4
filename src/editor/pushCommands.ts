/**
 * "Fabric: Approve pending action" and "Fabric: Push signed branch" from the palette: both end in
 * the modal confirmation of {@link PushFlow.confirm}, which shows exactly what will run.
 */
import * as vscode from 'vscode';
import { assertRemote } from '../runtime/pipeline/pushFix';
import type { ApprovalEntry } from './approvalQueue';
import { pickRepo } from './repos';
import type { HostServices } from './services';
import { readSettings } from './settings';
import { pickTrace, traceArg } from './traceCommands';

export async function approvePendingCommand(s: HostServices): Promise<void> {
  const pending = s.state.approvals.pending();
  if (pending.length === 0) {
    const push = 'Push signed branch…';
    const picked = await vscode.window.showInformationMessage('Nothing is waiting for your approval.', push);
    if (picked === push) await vscode.commands.executeCommand('fabric.pushBranch');
    return;
  }
  const entry: ApprovalEntry | undefined =
    pending.length === 1
      ? pending[0]
      : (
          await vscode.window.showQuickPick(
            pending.map((e) => ({ label: `$(repo-push) ${String(e.description.args.branch)}`, description: `→ ${e.target.remote}`, detail: e.description.summary, entry: e })),
            { title: 'Fabric: Approve pending action', placeHolder: 'Which action?' },
          )
        )?.entry;
  if (entry) await s.push.confirm(entry);
}

export async function pushBranchCommand(s: HostServices, arg: unknown): Promise<void> {
  const given = traceArg(arg);
  const repoDir = await pickRepo(given.folder);
  if (!repoDir) return;
  const current = s.state.run.result;
  const traceId =
    given.traceId ??
    (current?.outcome === 'success' && s.state.repoDir === repoDir ? current.trace_id : undefined) ??
    (await pickTrace(repoDir, (t) => t.outcome === 'success', 'with a signed branch').then((p) => (p?.kind === 'trace' ? p.traceId : undefined)));
  if (!traceId) return;
  const target = { repoDir, traceId, remote: readSettings(repoDir).remote };
  await assertRemote(target);
  await s.push.confirm(s.push.queue(target));
}
