/** The status-bar item's text and tooltip for the current run (no `vscode` import). */
import type { RunView } from '../webview/protocol';

export interface StatusText {
  text: string;
  tooltip: string;
}

export function statusText(run: RunView, pendingApprovals: number): StatusText {
  const waiting = pendingApprovals > 0 ? ` · ${pendingApprovals} to approve` : '';
  const waitingTip = pendingApprovals > 0 ? `\n${pendingApprovals} action(s) wait for your approval.` : '';
  switch (run.status) {
    case 'idle':
      return { text: `$(shield) Fabric${waiting}`, tooltip: `Fabric: no run yet. Click to open the panel.${waitingTip}` };
    case 'running':
      return { text: `$(sync~spin) Fabric: ${run.sessionState ?? 'starting'}`, tooltip: `Fabric is exploring a fix: ${run.progress}` };
    case 'cancelling':
      return { text: '$(loading~spin) Fabric: cancelling', tooltip: 'Fabric is stopping the run and its sandboxes.' };
    case 'done': {
      if (run.error) return { text: `$(error) Fabric${waiting}`, tooltip: `Fabric: ${run.error.code}: ${run.error.message}${waitingTip}` };
      const fixed = run.sessionState === 'released';
      return { text: `${fixed ? '$(pass)' : '$(circle-slash)'} Fabric${waiting}`, tooltip: `Fabric: ${run.progress}${waitingTip}` };
    }
    default: {
      const unreachable: never = run.status;
      return unreachable;
    }
  }
}
