/**
 * Registers every command of {@link FABRIC_COMMANDS}. "Show panel" is handled here; the others
 * run in the lazily loaded runtime part (runtimeServices.ts, whose table is keyed by command id,
 * so a contributed command without a handler does not compile). Commands that touch the
 * repository refuse in Restricted Mode; every failure becomes a clear message.
 */
import * as vscode from 'vscode';
import { FABRIC_COMMANDS, PANEL_VIEW_ID } from './commandIds';
import { reportError } from './notify';
import type { FabricOutput } from './output';
import type { RuntimeServices } from './runtimeServices';
import { requireTrust } from './trust';

/** Commands that work in Restricted Mode (they neither run nor read the repository). */
const WITHOUT_TRUST = new Set<string>(['fabric.showPanel', 'fabric.exportAllowedSigners']);

export function registerCommands(output: FabricOutput, runtime: () => Promise<RuntimeServices>): vscode.Disposable[] {
  return FABRIC_COMMANDS.map(({ id, title }) =>
    vscode.commands.registerCommand(id, async (arg: unknown) => {
      if (!WITHOUT_TRUST.has(id) && !requireTrust(output, `"Fabric: ${title}"`)) return undefined;
      try {
        if (id === 'fabric.showPanel') return await vscode.commands.executeCommand(`${PANEL_VIEW_ID}.focus`);
        return await (await runtime()).run(id, arg);
      } catch (e) {
        reportError(e, output, `Fabric: ${title}`);
        return undefined;
      }
    }),
  );
}
