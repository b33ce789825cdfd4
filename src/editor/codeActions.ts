/**
 * "Fabric: Explore fix" as a quick fix on diagnostics: one action per request (the most severe
 * diagnostic in range), which opens the goal box pre-filled from that diagnostic.
 */
import * as vscode from 'vscode';
import { goalFromDiagnostic, type SeverityLevel } from './goalText';
import { workspaceRelative } from './workspacePaths';

export class ExploreFixCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file') return [];
    const diagnostic = [...context.diagnostics].filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).sort((a, b) => a.severity - b.severity)[0];
    if (!diagnostic) return [];
    const action = new vscode.CodeAction('Fabric: Explore fix', vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.command = {
      command: 'fabric.exploreFix',
      title: 'Fabric: Explore fix',
      arguments: [{ prefill: goalFromDiagnostic({ message: diagnostic.message, severity: diagnostic.severity as SeverityLevel, ...(diagnostic.source ? { source: diagnostic.source } : {}), range: diagnostic.range }, workspaceRelative(document.uri.fsPath)), folder: document.uri.fsPath }],
    };
    return [action];
  }

  static register(): vscode.Disposable {
    return vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new ExploreFixCodeActions(), { providedCodeActionKinds: ExploreFixCodeActions.kinds });
  }
}
