/// <reference lib="dom" />
/** The Evidence Bundle: outcome, branch and commit, signatures, checks, cost; open it or push it. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h, icon, replaceChildren, toggleAttr } from '../dom';
import { formatCount, formatDuration, formatUsd, humanize, shortCommit } from '../format';
import type { BundleSummary } from '../protocol';
import { canPush } from '../selectors';
import { isInFlight, pushSubject, type PanelState } from '../store';
import type { View, ViewContext } from './context';

function okIcon(ok: boolean): HTMLElement {
  return icon(ok ? 'pass-filled' : 'error', ok ? 'tone-ok' : 'tone-bad');
}

function field(name: string, value: Node | string, title?: string): HTMLElement[] {
  return [h('dt', { text: name }), h('dd', title === undefined ? {} : { title }, [value])];
}

function details(b: BundleSummary): HTMLElement {
  const outcomeTone = b.outcome === 'success' ? 'ok' : b.outcome === 'aborted' ? 'warn' : 'bad';
  return h('dl', { className: 'fields' }, [
    ...field('Outcome', h('span', { className: `outcome tone-${outcomeTone}` }, [okIcon(b.outcome === 'success'), humanize(b.outcome)])),
    ...field('Branch', h('span', { className: 'mono' }, [icon('git-branch'), b.branch]), b.branch),
    ...field('Commit', h('span', { className: 'mono' }, [icon('git-commit'), shortCommit(b.commit, 12)]), b.commit),
    ...field('Cost', `${formatDuration(b.cost.wall_ms)} · ${formatCount(b.cost.tokens)} tokens · ${formatUsd(b.cost.usd)}`),
  ]);
}

function signatures(b: BundleSummary): HTMLElement {
  return h(
    'ul',
    { className: 'checks', attrs: { 'aria-label': 'Signatures' } },
    b.signatures.map((s) =>
      h('li', { title: `${s.role}: ${s.keyid} — ${s.ok ? 'signature verified' : 'signature INVALID'}` }, [
        okIcon(s.ok),
        h('span', { className: 'check-name', text: humanize(s.role) }),
        h('span', { className: 'check-message mono muted', text: s.keyid }),
      ]),
    ),
  );
}

function checks(b: BundleSummary): HTMLElement {
  return h(
    'ul',
    { className: 'checks', attrs: { 'aria-label': 'Verification checks' } },
    b.checks.map((c) =>
      h('li', { title: c.message }, [okIcon(c.ok), h('span', { className: 'check-name', text: c.name }), h('span', { className: 'check-message muted', text: c.message })]),
    ),
  );
}

export function createBundleView(ctx: ViewContext): View & { verified(state: PanelState): boolean | undefined } {
  let traceId: string | undefined;
  const body = h('div');
  const openBundle = h('vscode-button', { attrs: { icon: 'file-code', secondary: true, 'data-action': 'open-bundle' }, text: 'Open bundle', on: { click: () => traceId && ctx.post({ kind: 'openBundle', traceId }) } });
  const openLog = h('vscode-button', { attrs: { icon: 'output', secondary: true, 'data-action': 'open-event-log' }, text: 'Event log', on: { click: () => traceId && ctx.post({ kind: 'openEventLog', traceId }) } });
  const push = h('vscode-button', { attrs: { icon: 'repo-push', 'data-action': 'push' }, text: 'Push signed branch', on: { click: () => traceId && ctx.request({ kind: 'push', traceId }) } });
  const error = h('p', { className: 'tone-bad', attrs: { role: 'alert' } });
  const actions = h('div', { className: 'button-row' }, [push, openBundle, openLog]);
  const empty = h('p', { className: 'empty muted', text: 'The signed Evidence Bundle appears here when a fix is released.' });
  const element = h('div', { className: 'section-body bundle' }, [empty, body, actions, error]);

  function update(state: PanelState, previous: PanelState | undefined): void {
    if (previous !== undefined && previous.snapshot === state.snapshot && previous.pending === state.pending && previous.failures === state.failures) return;
    const bundle = state.snapshot?.bundle ?? null;
    traceId = bundle?.trace_id;
    empty.hidden = bundle !== null;
    body.hidden = actions.hidden = bundle === null;
    if (bundle === null) {
      body.replaceChildren();
      error.hidden = true;
      return;
    }
    if (previous?.snapshot?.bundle !== bundle) {
      replaceChildren(body, [
        details(bundle),
        h('h3', { text: 'Signatures' }),
        signatures(bundle),
        h('h3', { text: 'Checks' }),
        checks(bundle),
      ]);
    }
    const pushing = isInFlight(state, pushSubject(bundle.trace_id));
    toggleAttr(push, 'disabled', pushing || !canPush(state.snapshot));
    push.toggleAttribute('icon-spin', pushing);
    if (pushing) push.setAttribute('icon', 'loading');
    else push.setAttribute('icon', 'repo-push');
    const failure = state.failures[pushSubject(bundle.trace_id)];
    error.textContent = failure ? `${failure.message} (${failure.code})` : '';
    error.hidden = failure === undefined;
  }

  /** True when every signature and check passed; undefined without a bundle. */
  function verified(state: PanelState): boolean | undefined {
    const b = state.snapshot?.bundle;
    if (!b) return undefined;
    return b.signatures.every((s) => s.ok) && b.checks.every((c) => c.ok);
  }

  return { element, update, verified };
}
