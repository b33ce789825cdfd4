/// <reference lib="dom" />
/** The header: where the run is, what it is doing, and the "Explore fix" button. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import { h, icon, replaceChildren, toggleAttr } from '../dom';
import { runLook, shortCommit } from '../format';
import { isInFlight, type PanelState } from '../store';
import type { View, ViewContext } from './context';

export function createRunView(ctx: ViewContext): View {
  const statusIcon = h('span');
  const label = h('span', { className: 'run-label' });
  const trace = h('span', { className: 'run-trace muted' });
  const explore = h('vscode-button', { attrs: { icon: 'play', 'data-action': 'explore-fix' }, text: 'Explore fix', on: { click: () => ctx.request({ kind: 'exploreFix' }) } });
  const refresh = h('vscode-button', {
    attrs: { icon: 'refresh', 'data-action': 'refresh', secondary: true, 'icon-only': true, 'aria-label': 'Refresh', title: 'Ask the extension for the current state' },
    on: { click: () => ctx.post({ kind: 'requestState' }) },
  });
  const progress = h('p', { className: 'run-progress muted' });
  const goalText = h('span');
  const goal = h('p', { className: 'run-goal' }, [h('span', { className: 'muted', text: 'Goal ' }), goalText]);
  const error = h('p', { className: 'run-error tone-bad', attrs: { role: 'alert' } });
  const bar = h('vscode-progress-bar', { className: 'run-bar', attrs: { indeterminate: true, 'aria-label': 'Run in progress' } });
  const element = h('header', { className: 'run' }, [
    h('div', { className: 'run-line' }, [h('span', { className: 'run-status' }, [statusIcon, label, trace]), h('span', { className: 'run-actions' }, [explore, refresh])]),
    bar,
    goal,
    progress,
    error,
  ]);

  function update(state: PanelState, previous: PanelState | undefined): void {
    if (previous !== undefined && previous.snapshot === state.snapshot && previous.pending === state.pending && previous.failures === state.failures) return;
    const run = state.snapshot?.run;
    const look = runLook(run?.status ?? 'idle', run?.sessionState ?? null);
    replaceChildren(statusIcon, [icon(look.icon, `tone-${look.tone}${look.spin ? ' codicon-modifier-spin' : ''}`)]);
    label.textContent = look.label;
    trace.textContent = run?.traceId ? `trace ${shortCommit(run.traceId)}` : '';
    trace.title = run?.traceId ?? '';
    goalText.textContent = run?.goal ?? '';
    goal.hidden = !run?.goal;
    progress.textContent = run?.progress ?? '';
    progress.hidden = !run?.progress;
    const failure = state.failures.exploreFix ?? run?.error;
    error.textContent = failure ? `${failure.message} (${failure.code})` : '';
    error.hidden = failure === undefined;
    const busy = run?.status === 'running' || run?.status === 'cancelling';
    bar.hidden = !busy;
    toggleAttr(explore, 'disabled', busy || isInFlight(state, 'exploreFix'));
  }

  return { element, update };
}
