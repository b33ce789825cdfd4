/**
 * The part of the host that needs the runtime (keys, runs, approvals, pushes, evidence checks),
 * loaded on first use by {@link FabricEditorHost} through a dynamic import: the runtime compiles
 * its schemas and policies when loaded, which must not slow down VS Code's start-up.
 */
import type * as vscode from 'vscode';
import { afterRun } from './afterRun';
import type { FabricCommandId } from './commandIds';
import { editorKeys, noticeCreatedKeys } from './editorKeys';
import { exploreFix } from './exploreCommand';
import type { HostState } from './hostState';
import type { FabricOutput } from './output';
import { panelActions } from './panelActions';
import type { PanelActions } from './panelProvider';
import { approvePendingCommand, pushBranchCommand } from './pushCommands';
import { PushFlow } from './pushFlow';
import { restoreLatestTrace } from './restoreTrace';
import { RunController } from './runController';
import type { HostServices } from './services';
import { exportAllowedSignersCommand, openEventLogCommand, verifyBundleCommand } from './traceCommands';

/** The commands whose work needs the runtime (the others are handled by the light host). */
export type RuntimeCommandId = Exclude<FabricCommandId, 'fabric.showPanel'>;

export interface RuntimeServices extends vscode.Disposable {
  run(command: RuntimeCommandId, arg: unknown): Promise<unknown>;
  readonly panel: PanelActions;
  /** Shows the repository's last run in the panel after a reload (once). */
  restore(): Promise<void>;
}

export function createRuntimeServices(base: { context: vscode.ExtensionContext; state: HostState; output: FabricOutput; fabricHome: string }): RuntimeServices {
  const { context, state, output, fabricHome } = base;
  const keys = editorKeys(context);
  const push = new PushFlow({ state, output, keys, fabricHome });
  const runs = new RunController({
    state,
    output,
    keys,
    fabricHome,
    onKeysCreated: (created) => noticeCreatedKeys(context, created),
    // `services` exists by the time any run finishes.
    onFinished: (result, repoDir) => afterRun(services, result, repoDir),
  });
  const services: HostServices = { context, state, output, keys, fabricHome, push, runs };
  const table: Record<RuntimeCommandId, (arg: unknown) => Promise<unknown>> = {
    'fabric.exploreFix': (arg) => exploreFix(services, arg),
    'fabric.approvePending': () => approvePendingCommand(services),
    'fabric.pushBranch': (arg) => pushBranchCommand(services, arg),
    'fabric.verifyBundle': (arg) => verifyBundleCommand(services, arg),
    'fabric.openEventLog': (arg) => openEventLogCommand(services, arg),
    'fabric.exportAllowedSigners': (arg) => exportAllowedSignersCommand(services, arg),
  };
  let restored: Promise<void> | undefined;
  return {
    run: (command, arg) => table[command](arg),
    panel: panelActions(services),
    restore: () => (restored ??= restoreLatestTrace(services)),
    dispose() {
      runs.dispose();
      push.dispose();
    },
  };
}
