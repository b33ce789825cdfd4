/// <reference lib="dom" />
/**
 * The approval queue: each high-impact action shows exactly what will run — action, branch,
 * remote, commit and args digest (the runtime's one-line summary as the title's tooltip) — with Approve and Deny. Deny
 * asks for a reason inline. Buttons are disabled while a request about that approval is in
 * flight; the reply (then the host's next `state`) updates the card.
 *
 * Cards are keyed by approval id and updated in place, so a `state` arriving while the user
 * types a reason neither clears the text nor steals the focus.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { h, icon, replaceChildren, toggleAttr } from '../dom';
import { approvalActionLook, approvalStatusTone, humanize } from '../format';
import { LIMITS, type ApprovalView } from '../protocol';
import { orderedApprovals } from '../selectors';
import { approvalSubject, isInFlight, type PanelState } from '../store';
import type { View, ViewContext } from './context';

interface Card {
  element: HTMLElement;
  update(approval: ApprovalView, state: PanelState): void;
}

function createCard(ctx: ViewContext, approvalId: string): Card {
  let current: ApprovalView | undefined;
  const title = h('span', { className: 'approval-title' });
  const status = h('span', { className: 'approval-status' });
  const decision = h('p', { className: 'approval-decision muted' });
  const fields = h('dl', { className: 'fields' });
  const approve = h('vscode-button', { attrs: { icon: 'check', 'data-action': 'approve' }, text: 'Approve', on: { click: () => ctx.request({ kind: 'approve', approvalId }) } });
  const deny = h('vscode-button', { attrs: { icon: 'close', secondary: true, 'data-action': 'deny' }, text: 'Deny…', on: { click: () => ctx.store.dispatch({ type: 'denyForm', approvalId, open: true }) } });
  const buttons = h('div', { className: 'button-row' }, [approve, deny]);

  const reason = h('vscode-textfield', {
    className: 'deny-reason',
    attrs: { placeholder: 'Why? (recorded in the event log)', maxlength: String(LIMITS.reason), 'aria-label': 'Reason for denying' },
    on: {
      input: () => syncDenyButton(),
      keydown: (e) => {
        const key = (e as KeyboardEvent).key;
        if (key === 'Enter') submitDeny();
        if (key === 'Escape') ctx.store.dispatch({ type: 'denyForm', approvalId, open: false });
      },
    },
  }) as VscodeTextfield;
  const confirmDeny = h('vscode-button', { attrs: { icon: 'close', 'data-action': 'confirm-deny' }, text: 'Deny', on: { click: () => submitDeny() } });
  const cancelDeny = h('vscode-button', { attrs: { secondary: true, 'data-action': 'cancel-deny' }, text: 'Cancel', on: { click: () => ctx.store.dispatch({ type: 'denyForm', approvalId, open: false }) } });
  const denyForm = h('div', { className: 'deny-form' }, [h('label', { className: 'muted', text: 'Deny with a reason' }), reason, h('div', { className: 'button-row' }, [confirmDeny, cancelDeny])]);
  const error = h('p', { className: 'tone-bad', attrs: { role: 'alert' } });
  const element = h('li', { className: 'approval', attrs: { 'data-approval': approvalId } }, [
    h('div', { className: 'approval-head' }, [title, status]),
    decision,
    fields,
    buttons,
    denyForm,
    error,
  ]);
  let busy = false;

  function reasonText(): string {
    return (reason.value ?? '').trim();
  }
  function syncDenyButton(): void {
    toggleAttr(confirmDeny, 'disabled', busy || reasonText().length === 0);
  }
  function submitDeny(): void {
    const text = reasonText();
    if (busy || text.length === 0) return;
    ctx.request({ kind: 'deny', approvalId, reason: text.slice(0, LIMITS.reason) });
  }

  function update(a: ApprovalView, state: PanelState): void {
    const pending = a.status === 'pending';
    busy = isInFlight(state, approvalSubject(a.id));
    if (current !== a) {
      current = a;
      const look = approvalActionLook(a.action);
      replaceChildren(title, [icon(look.icon), look.label]);
      // The fields below say everything the one-line summary says; it stays as the title's tooltip.
      title.title = a.summary;
      const rows: [string, string][] = [
        ['Branch', a.branch],
        ['Remote', a.remote],
        ['Commit', a.commit],
        ['Args digest', a.argsDigest],
        ['Trace', a.traceId],
      ];
      if (a.expiresAt !== undefined) rows.push(['Expires', a.expiresAt]);
      if (a.reason !== undefined) rows.push(['Reason', a.reason]);
      replaceChildren(
        fields,
        rows.flatMap(([name, value]) => [h('dt', { text: name }), h('dd', { className: name === 'Reason' ? '' : 'mono', text: value || '—', title: value })]),
      );
      // A decided approval shrinks to one line: where it would have gone, and why it was denied.
      decision.textContent = `${a.remote} · ${a.branch}${a.reason ? ` — “${a.reason}”` : ''}`;
      decision.title = a.summary;
      decision.hidden = pending;
      element.classList.toggle('decided', !pending);
      element.classList.toggle('force', a.action === 'force_push');
    }
    status.textContent = busy ? 'Sending…' : humanize(a.status);
    status.className = `approval-status tone-${approvalStatusTone(a.status)}`;
    buttons.hidden = !pending;
    const formOpen = pending && state.denyOpen[a.id] === true;
    const wasOpen = !denyForm.hidden;
    denyForm.hidden = !formOpen;
    deny.hidden = formOpen;
    if (formOpen && !wasOpen) {
      reason.value = '';
      requestAnimationFrame(() => reason.focus());
    }
    toggleAttr(approve, 'disabled', busy || !pending);
    toggleAttr(deny, 'disabled', busy || !pending);
    toggleAttr(reason, 'disabled', busy);
    toggleAttr(cancelDeny, 'disabled', busy);
    syncDenyButton();
    const failure = state.failures[approvalSubject(a.id)];
    error.textContent = failure ? `${failure.message} (${failure.code})` : '';
    error.hidden = failure === undefined;
  }

  return { element, update };
}

export function createApprovalsView(ctx: ViewContext): View {
  const cards = new Map<string, Card>();
  const list = h('ul', { className: 'approvals', attrs: { 'aria-label': 'Approval queue' } });
  const empty = h('p', { className: 'empty muted', text: 'Nothing waits for your approval. Pushing a signed branch asks here first.' });
  const element = h('div', { className: 'section-body' }, [list, empty]);

  function update(state: PanelState, previous: PanelState | undefined): void {
    if (
      previous !== undefined &&
      previous.snapshot?.approvals === state.snapshot?.approvals &&
      previous.pending === state.pending &&
      previous.failures === state.failures &&
      previous.denyOpen === state.denyOpen
    ) {
      return;
    }
    const approvals = orderedApprovals(state.snapshot?.approvals ?? []);
    const seen = new Set<string>();
    const elements: HTMLElement[] = [];
    for (const a of approvals) {
      if (seen.has(a.id)) continue; // a duplicated id would make two cards fight over one form
      seen.add(a.id);
      let card = cards.get(a.id);
      if (card === undefined) {
        card = createCard(ctx, a.id);
        cards.set(a.id, card);
      }
      card.update(a, state);
      elements.push(card.element);
    }
    for (const id of [...cards.keys()]) if (!seen.has(id)) cards.delete(id);
    // Move only what moved, so a focused text field is never detached.
    elements.forEach((el, i) => {
      if (list.children[i] !== el) list.insertBefore(el, list.children[i] ?? null);
    });
    while (list.children.length > elements.length) list.lastElementChild?.remove();
    empty.hidden = elements.length > 0;
    list.hidden = elements.length === 0;
  }

  return { element, update };
}
