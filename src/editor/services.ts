/** What the command modules share: built once by {@link FabricEditorHost}, passed explicitly (no globals). */
import type * as vscode from 'vscode';
import type { HostState } from './hostState';
import type { FabricOutput } from './output';
import type { PushFlow } from './pushFlow';
import type { RunController } from './runController';
import type { EditorKeys } from './secretKeyStore';

export interface HostServices {
  context: vscode.ExtensionContext;
  state: HostState;
  output: FabricOutput;
  keys: EditorKeys;
  /** Where the approval nonce ledger and pending tokens live (the extension's global storage). */
  fabricHome: string;
  runs: RunController;
  push: PushFlow;
}
