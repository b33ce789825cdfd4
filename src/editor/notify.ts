/** Shows a {@link UserMessage} with its actions, and runs the action the user picks. */
import * as vscode from 'vscode';
import type { FabricOutput } from './output';
import { userMessageFor, type UserAction, type UserMessage } from './userMessages';

function labelOf(action: UserAction): string {
  switch (action.kind) {
    case 'openSettings':
      return 'Open Settings';
    case 'showOutput':
      return 'Show Output';
    case 'manageTrust':
      return 'Manage Workspace Trust';
    case 'exportAllowedSigners':
      return 'Export allowed signers';
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

async function run(action: UserAction, output: FabricOutput): Promise<void> {
  switch (action.kind) {
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', action.setting === 'fabric' ? '@ext:fabric-dev.fabric-agent' : action.setting);
      return;
    case 'showOutput':
      output.show();
      return;
    case 'manageTrust':
      await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    case 'exportAllowedSigners':
      await vscode.commands.executeCommand('fabric.exportAllowedSigners');
      return;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

export async function showUserMessage(message: UserMessage, output: FabricOutput): Promise<void> {
  const labels = message.actions.map(labelOf);
  const show = message.severity === 'error' ? vscode.window.showErrorMessage : message.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const picked = await show(message.message, ...labels);
  const index = picked === undefined ? -1 : labels.indexOf(picked);
  if (index >= 0) await run(message.actions[index], output);
}

/** Logs a failure to the output channel and shows it; never throws. */
export function reportError(e: unknown, output: FabricOutput, context: string): void {
  const message = userMessageFor(e);
  output.line(`${context}: ${message.code}: ${e instanceof Error ? e.message : String(e)}`);
  void showUserMessage(message, output).catch(() => undefined);
}
