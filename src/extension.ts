/**
 * Fabric's VS Code extension entry: builds the editor host and registers everything it owns into
 * `context.subscriptions` (disposed by VS Code on deactivation). Nothing else happens here; see
 * src/editor/host.ts.
 */
import type * as vscode from 'vscode';
import { FabricEditorHost } from './editor/host';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(...new FabricEditorHost(context).register());
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
