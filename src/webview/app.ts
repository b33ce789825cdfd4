/// <reference lib="dom" />
/**
 * The side-panel app: restores saved state, builds the sections, validates every host message,
 * tracks requests until their replies, saves state for hide/reload, and says `ready` last.
 *
 * Invalid host messages are ignored with a console warning AND reported back to the host as an
 * `error` message (the host logs it to its output channel and never answers it): a mismatch
 * between the two sides is a bug, and the host's log is where a user's report will come from.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { VscodeCollapsible } from '@vscode-elements/elements/dist/vscode-collapsible/vscode-collapsible.js';
import { h, icon, replaceChildren } from './dom';
import { formatCount } from './format';
import { errorMessageFor, parseHostMessage, parsePersistedPanelState, parseWebviewMessage, type RequestMessage, type WebviewToHost } from './protocol';
import { pendingApprovalCount } from './selectors';
import { createStore, initialState, toPersisted, type PanelState, type Store } from './store';
import { createApprovalsView } from './views/approvalsView';
import { createBundleView } from './views/bundleView';
import { createCandidatesView } from './views/candidatesView';
import type { RequestWithoutId, View, ViewContext } from './views/context';
import { createRunView } from './views/runView';
import { createTimelineView } from './views/timelineView';
import type { VsCodeApi } from './vscodeApi';

/** How long each kind of request may wait for its reply before the panel gives up on it, ms. */
export const REQUEST_TIMEOUTS: Readonly<Record<RequestMessage['kind'], number>> = {
  approve: 60_000,
  deny: 60_000,
  // A push runs git against a remote; "Explore fix" first asks the user for a goal.
  push: 10 * 60_000,
  exploreFix: 10 * 60_000,
};

/** How often (at most) the panel saves its state with `setState`, ms. */
const PERSIST_INTERVAL_MS = 250;

export interface PanelOptions {
  /** The result of the page's one `acquireVsCodeApi()` call. */
  api: VsCodeApi;
  /** The element the panel renders into. */
  root: HTMLElement;
  /** The window whose `message` events carry the host's messages. */
  window: Window;
}

export interface Panel {
  store: Store;
  dispose(): void;
}

function randomPrefix(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function restore(api: VsCodeApi): PanelState {
  const saved = api.getState();
  if (saved === undefined || saved === null) return initialState();
  const parsed = parsePersistedPanelState(saved);
  if (parsed.ok) return initialState(parsed.value);
  console.warn('Fabric panel: discarding saved state from another version:', parsed.error.message);
  return initialState();
}

function section(heading: string, view: View, badge?: HTMLElement): VscodeCollapsible {
  const el = h('vscode-collapsible', { className: 'section', attrs: { heading, open: true } }, [badge ?? null, view.element]) as VscodeCollapsible;
  return el;
}

function counter(): HTMLElement {
  return h('vscode-badge', { attrs: { slot: 'decorations', variant: 'counter' } });
}

export function startPanel(options: PanelOptions): Panel {
  const { api, root } = options;
  const store = createStore(restore(api));
  const prefix = randomPrefix();
  let nextId = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  function post(message: WebviewToHost): boolean {
    const checked = parseWebviewMessage(message);
    if (!checked.ok) {
      console.error('Fabric panel: not sending an invalid message:', checked.error.message);
      return false;
    }
    api.postMessage(message);
    return true;
  }

  function request(message: RequestWithoutId): void {
    const full = { ...message, requestId: `${prefix}-${++nextId}` } as RequestMessage;
    // The host's reply is a later message event, so recording the request after posting is safe.
    if (!post(full)) return;
    store.dispatch({ type: 'requestSent', request: full, at: Date.now() });
    const timer = setTimeout(() => {
      timers.delete(timer);
      store.dispatch({ type: 'requestTimedOut', requestId: full.requestId });
    }, REQUEST_TIMEOUTS[full.kind]);
    timers.add(timer);
  }

  const ctx: ViewContext = { store, post, request };
  const runView = createRunView(ctx);
  const approvalsView = createApprovalsView(ctx);
  const candidatesView = createCandidatesView(ctx);
  const bundleView = createBundleView(ctx);
  const timelineView = createTimelineView(ctx);
  const approvalsBadge = counter();
  const candidatesBadge = counter();
  const timelineBadge = counter();
  const bundleMark = h('span', { attrs: { slot: 'decorations' } });
  const approvalsSection = section('Approvals', approvalsView, approvalsBadge);
  const sections = [
    approvalsSection,
    section('Candidates', candidatesView, candidatesBadge),
    section('Evidence Bundle', bundleView, bundleMark),
    section('Timeline', timelineView, timelineBadge),
  ];
  replaceChildren(root, [runView.element, ...sections]);
  const views = [runView, approvalsView, candidatesView, bundleView, timelineView];

  function updateDecorations(state: PanelState, previous: PanelState | undefined): void {
    const pendingCount = pendingApprovalCount(state.snapshot);
    approvalsBadge.textContent = String(pendingCount);
    approvalsBadge.hidden = pendingCount === 0;
    // A new pending approval opens its section: it is what the run is waiting for.
    if (previous !== undefined && pendingCount > pendingApprovalCount(previous.snapshot)) approvalsSection.open = true;
    const candidates = candidatesView.count(state);
    candidatesBadge.textContent = String(candidates);
    candidatesBadge.hidden = candidates === 0;
    const { shown, total } = timelineView.counts(state);
    timelineBadge.textContent = shown === total ? formatCount(total) : `${formatCount(shown)}/${formatCount(total)}`;
    timelineBadge.hidden = total === 0;
    const verified = bundleView.verified(state);
    replaceChildren(bundleMark, [
      verified === undefined ? null : h('span', { className: `bundle-mark tone-${verified ? 'ok' : 'bad'}` }, [icon(verified ? 'verified-filled' : 'unverified'), verified ? 'verified' : 'NOT verified']),
    ]);
  }

  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  function persistNow(): void {
    if (persistTimer !== undefined) clearTimeout(persistTimer);
    persistTimer = undefined;
    api.setState(toPersisted(store.getState()));
  }
  function persistSoon(): void {
    if (persistTimer === undefined) persistTimer = setTimeout(persistNow, PERSIST_INTERVAL_MS);
  }

  function render(state: PanelState, previous: PanelState | undefined): void {
    for (const view of views) view.update(state, previous);
    updateDecorations(state, previous);
    if (previous === undefined || state.filters !== previous.filters || state.timeline !== previous.timeline || state.snapshot !== previous.snapshot) persistSoon();
    if (state.needsResync) {
      store.dispatch({ type: 'resyncRequested' });
      post({ kind: 'requestState' });
    }
  }
  const unsubscribe = store.subscribe(render);
  render(store.getState(), undefined);

  const onMessage = (event: MessageEvent): void => {
    const parsed = parseHostMessage(event.data);
    if (!parsed.ok) {
      console.warn('Fabric panel: ignoring an invalid message from the extension:', parsed.error.message);
      post(errorMessageFor(parsed.error));
      return;
    }
    store.dispatch({ type: 'hostMessage', message: parsed.value });
  };
  const onHide = (): void => persistNow();
  options.window.addEventListener('message', onMessage);
  options.window.addEventListener('pagehide', onHide);
  // The handshake: only now may the host post.
  post({ kind: 'ready' });

  return {
    store,
    dispose() {
      unsubscribe();
      options.window.removeEventListener('message', onMessage);
      options.window.removeEventListener('pagehide', onHide);
      for (const timer of timers) clearTimeout(timer);
      persistNow();
    },
  };
}
