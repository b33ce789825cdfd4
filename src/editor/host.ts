/**
 * The extension host side of Fabric, built once per activation. What VS Code needs at start-up
 * is registered here and stays light: the output channel, the status bar, the side panel, the
 * diff documents, the quick fix and the commands. The runtime part (keys, runs, approvals,
 * pushes, evidence) is loaded on first use (runtimeServices.ts). Every registration is owned
 * here and disposed with the extension (STYLE §10); nothing lives in module-level state.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { ExploreFixCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { HostState } from './hostState';
import { reportError } from './notify';
import { FabricOutput } from './output';
import { FabricPanelProvider, type PanelActions } from './panelProvider';
import { RevisionContentProvider } from './revisionContent';
import type { RuntimeServices } from './runtimeServices';
import { statusText } from './statusText';

export class FabricEditorHost implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private runtime: Promise<RuntimeServices> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Builds everything and returns the disposables to push into `context.subscriptions`. */
  register(): vscode.Disposable[] {
    const started = performance.now();
    const output = this.own(new FabricOutput());
    const state = new HostState(() => randomUUID());
    const fabricHome = this.context.globalStorageUri.fsPath;

    const loadRuntime = (): Promise<RuntimeServices> =>
      (this.runtime ??= import('./runtimeServices').then((m) => {
        mkdirSync(fabricHome, { recursive: true, mode: 0o700 });
        return this.own(m.createRuntimeServices({ context: this.context, state, output, fabricHome }));
      }));

    this.registerStatusBar(state);
    const panel = this.own(new FabricPanelProvider(this.context.extensionUri, state, lazyPanelActions(loadRuntime), output, () => {
      void loadRuntime()
        .then((r) => r.restore())
        .catch((e: unknown) => reportError(e, output, 'loading the last run'));
    }));
    this.own(FabricPanelProvider.register(panel));
    for (const d of RevisionContentProvider.register()) this.own(d);
    this.own(ExploreFixCodeActions.register());
    for (const d of registerCommands(output, loadRuntime)) this.own(d);
    output.line(`Fabric activated in ${Math.round(performance.now() - started)} ms`);
    return [this];
  }

  private registerStatusBar(state: HostState): void {
    const status = this.own(vscode.window.createStatusBarItem('fabric.status', vscode.StatusBarAlignment.Left, 10));
    status.name = 'Fabric';
    status.command = 'fabric.showPanel';
    const update = () => {
      const { text, tooltip } = statusText(state.run.runView(), state.approvals.pending().length);
      status.text = text;
      status.tooltip = tooltip;
      // Only where Fabric can work: a window with a folder open.
      if ((vscode.workspace.workspaceFolders?.length ?? 0) > 0) status.show();
      else status.hide();
    };
    update();
    this.own({ dispose: state.onChange(update) });
    this.own(vscode.workspace.onDidChangeWorkspaceFolders(update));
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // keep disposing the rest
      }
    }
  }
}

/** The panel's actions, each loading the runtime part first. */
function lazyPanelActions(runtime: () => Promise<RuntimeServices>): PanelActions {
  return {
    approve: async (m) => (await runtime()).panel.approve(m),
    deny: async (m) => (await runtime()).panel.deny(m),
    push: async (m) => (await runtime()).panel.push(m),
    exploreFix: async (m) => (await runtime()).panel.exploreFix(m),
    openDiff: async (m) => (await runtime()).panel.openDiff(m),
    openBundle: async (m) => (await runtime()).panel.openBundle(m),
    openEventLog: async (m) => (await runtime()).panel.openEventLog(m),
  };
}
