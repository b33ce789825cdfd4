/**
 * Workspace trust. The manifest declares untrusted workspaces unsupported (so VS Code does not
 * even activate Fabric there), and every command that touches the repository checks again: a
 * command reached anyway in Restricted Mode refuses with a clear message and changes nothing.
 */
import * as vscode from 'vscode';
import type { FabricOutput } from './output';
import { showUserMessage } from './notify';

export const UNTRUSTED_CODE = 'WORKSPACE_UNTRUSTED';

/** True when the workspace is trusted; otherwise tells the user why nothing happens. */
export function requireTrust(output: FabricOutput, what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  output.line(`${what}: refused in Restricted Mode (the workspace is not trusted)`);
  void showUserMessage(
    {
      severity: 'warning',
      code: UNTRUSTED_CODE,
      message: `Fabric is disabled in Restricted Mode: ${what} would run this repository's tests and write signed commits. Trust this folder to use Fabric.`,
      actions: [{ kind: 'manageTrust' }],
    },
    output,
  );
  return false;
}
