/**
 * The extension's commands, view and context keys, as plain data (no `vscode` import), so the
 * manifest can be checked against them in plain mocha (test/unit/editor/contributions.test.ts)
 * and `commands.ts` must implement every one (its handler table is keyed by {@link FabricCommandId}).
 */

/** The category every command shows under in the palette ("Fabric: Explore fix"). */
export const FABRIC_CATEGORY = 'Fabric';

/** Every contributed command, in palette order. */
export const FABRIC_COMMANDS = [
  { id: 'fabric.exploreFix', title: 'Explore fix' },
  { id: 'fabric.showPanel', title: 'Show panel' },
  { id: 'fabric.approvePending', title: 'Approve pending action' },
  { id: 'fabric.pushBranch', title: 'Push signed branch' },
  { id: 'fabric.verifyBundle', title: 'Verify Evidence Bundle' },
  { id: 'fabric.openEventLog', title: 'Open event log' },
  { id: 'fabric.exportAllowedSigners', title: 'Export allowed signers' },
] as const;

export type FabricCommandId = (typeof FABRIC_COMMANDS)[number]['id'];

/** The activity-bar view container and the side panel (a webview view) inside it. */
export const VIEW_CONTAINER_ID = 'fabric';
export const PANEL_VIEW_ID = 'fabric.panel';

/** Context keys the host sets (used in `when` clauses of the manifest). */
export const CONTEXT_KEYS = {
  /** True while a run is in progress. */
  running: 'fabric.running',
  /** True when at least one high-impact action waits for the operator. */
  pendingApproval: 'fabric.hasPendingApproval',
} as const;

/** Read-only documents of the diff editor: a file at a commit, and a file with a candidate's edit. */
export const BASE_SCHEME = 'fabric-base';
export const CANDIDATE_SCHEME = 'fabric-candidate';

/** The output channel every command writes to. */
export const OUTPUT_CHANNEL_NAME = 'Fabric';

export function isFabricCommandId(value: unknown): value is FabricCommandId {
  return typeof value === 'string' && FABRIC_COMMANDS.some((c) => c.id === value);
}
