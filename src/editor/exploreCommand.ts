/**
 * "Fabric: Explore fix": asks for the goal (pre-filled from the diagnostic under the cursor, a
 * failing test, or the active file), then starts a run. Returns the run's result, so scripts and
 * tests can `await executeCommand('fabric.exploreFix', { goal })`; `{ goal, token }` lets a caller
 * cancel with a CancellationToken.
 */
import * as vscode from 'vscode';
import type { FixResult } from '../runtime/pipeline/options';
import { parseExploreArg } from './exploreArgs';
import { diagnosticAt, goalFromDiagnostic, goalFromFile, type SeverityLevel } from './goalText';
import { pickRepo } from './repos';
import { workspaceRelative } from './workspacePaths';
import type { RunHandle } from './runController';
import type { HostServices } from './services';

/** The goal the input box starts with when the caller gave none. */
function prefillFromEditor(): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return '';
  const file = workspaceRelative(editor.document.uri.fsPath);
  const diagnostics = vscode.languages.getDiagnostics(editor.document.uri).map((d) => ({ message: d.message, severity: d.severity as SeverityLevel, range: d.range, ...(d.source ? { source: d.source } : {}) }));
  const under = diagnosticAt(diagnostics, editor.selection.active);
  return under ? goalFromDiagnostic(under, file) : goalFromFile(file);
}

function tokenOf(arg: unknown): vscode.CancellationToken | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const token = (arg as { token?: unknown }).token;
  return typeof token === 'object' && token !== null && 'isCancellationRequested' in token && 'onCancellationRequested' in token ? (token as vscode.CancellationToken) : undefined;
}

/** Asks for the goal (unless given) and starts the run; undefined when the user cancelled or a run is going. */
export async function startExplore(s: HostServices, arg: unknown): Promise<RunHandle | undefined> {
  if (s.runs.isRunning) {
    const show = 'Show panel';
    const cancel = 'Cancel run';
    const picked = await vscode.window.showWarningMessage('A Fabric run is already in progress.', show, cancel);
    if (picked === show) await vscode.commands.executeCommand('fabric.showPanel');
    if (picked === cancel) s.runs.cancel();
    return undefined;
  }
  const request = parseExploreArg(arg, workspaceRelative);
  const repoDir = await pickRepo(request.folder);
  if (!repoDir) return undefined;
  let goal: string | undefined;
  if (request.kind === 'run') goal = request.goal;
  else {
    goal = await vscode.window.showInputBox({
      title: 'Fabric: Explore fix',
      prompt: 'What is wrong? Fabric runs the tests, tries candidate fixes in sandboxes and commits a verified one to a new signed fabric/… branch. Your working tree is not touched.',
      placeHolder: 'e.g. truncate cuts text that already fits',
      value: request.prefill ?? prefillFromEditor(),
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Describe the problem in a few words'),
    });
  }
  if (goal === undefined || !goal.trim()) return undefined;
  return s.runs.start(repoDir, goal.trim(), tokenOf(arg));
}

export async function exploreFix(s: HostServices, arg: unknown): Promise<FixResult | undefined> {
  const handle = await startExplore(s, arg);
  return handle ? await handle.result : undefined;
}
