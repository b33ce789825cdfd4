/**
 * After a window reload the panel shows the repository's most recent run again (read back from
 * its trace), and a signed branch that was never approved or denied is queued for approval again.
 */
import * as vscode from 'vscode';
import { readEventLog } from '../runtime/events';
import { tracePaths } from '../runtime/pipeline/tracePaths';
import { pickRepo } from './repos';
import { RunModel } from './runModel';
import type { HostServices } from './services';
import { readSettings } from './settings';
import { listTraces, readTraceResult } from './traces';
import { verifyTrace } from './verifyTrace';

/** Loads the latest trace of the workspace's repository into the (still idle) host state. */
export async function restoreLatestTrace(s: HostServices): Promise<void> {
  if (vscode.workspace.workspaceFolders?.length !== 1 || !vscode.workspace.isTrusted) return;
  const repoDir = await pickRepo().catch(() => undefined);
  if (!repoDir) return;
  const latest = listTraces(repoDir).find((t) => t.hasEvents);
  if (!latest || s.state.run.status !== 'idle') return;
  const { events } = readEventLog(tracePaths(repoDir, latest.traceId).events);
  const result = readTraceResult(repoDir, latest.traceId);
  if (s.state.run.status !== 'idle') return;
  s.state.setRun(RunModel.fromTrace(latest.traceId, events, result, latest.goal), repoDir);
  if (result?.outcome !== 'success') return;
  const verified = await verifyTrace(repoDir, latest.traceId, await s.keys.forRuns.trustStore()).catch(() => undefined);
  if (verified?.summary && s.state.run.traceId === latest.traceId) {
    s.state.bundle = verified.summary;
    s.state.changed();
  }
  const decided = events.some((e) => e.action_type === 'approval_decision' || e.capability_id === 'git.push');
  if (!decided) s.push.queue({ repoDir, traceId: latest.traceId, remote: readSettings(repoDir).remote });
}
