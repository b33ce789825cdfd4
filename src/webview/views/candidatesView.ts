/// <reference lib="dom" />
/** The Explore candidates: verdict, score, where; a click opens the candidate's diff. */
import { h, icon, replaceChildren } from '../dom';
import { humanize, verdictLook } from '../format';
import type { CandidateView } from '../protocol';
import type { PanelState } from '../store';
import type { View, ViewContext } from './context';

function candidateRow(ctx: ViewContext, c: CandidateView): HTMLElement {
  const look = verdictLook(c.verdict);
  const where = c.line > 0 ? `${c.file}:${c.line}` : c.file;
  // The runtime's descriptions often start with the location shown on the line below.
  const description = c.description.startsWith(`${where} `) ? c.description.slice(where.length + 1) : c.description;
  const open = (): void => ctx.post({ kind: 'openDiff', candidateId: c.id });
  return h('li', {}, [
    h(
      'button',
      {
        className: `candidate${c.winner ? ' winner' : ''}`,
        title: `Open the diff of ${c.id}`,
        attrs: { type: 'button', 'data-candidate': c.id, 'aria-label': `${c.id}, ${humanize(c.verdict)}, score ${c.score}, ${c.operator} at ${where}. Open diff.` },
        on: { click: open },
      },
      [
        icon(look.icon, `verdict tone-${look.tone}${c.verdict === 'pending' ? ' codicon-modifier-spin' : ''}`),
        h('span', { className: 'candidate-main' }, [
          h('span', { className: 'candidate-head' }, [
            h('span', { className: 'candidate-id', text: c.id }),
            h('span', { className: 'candidate-operator muted', text: c.operator }),
            c.winner ? h('span', { className: 'winner-mark tone-ok', title: 'Chosen by Compile' }, [icon('star-full'), 'winner']) : null,
          ]),
          h('span', { className: 'candidate-desc', text: description, title: c.description }),
          h('span', { className: 'candidate-where muted', text: where, title: where }),
          c.detail ? h('span', { className: `candidate-detail tone-${look.tone}`, text: c.detail, title: c.detail }) : null,
        ]),
        h('span', { className: 'candidate-side' }, [
          h('span', { className: 'candidate-score', text: Number.isInteger(c.score) ? String(c.score) : c.score.toFixed(2), title: 'Verification score' }),
          h('span', { className: `candidate-verdict tone-${look.tone}`, text: humanize(c.verdict) }),
        ]),
      ],
    ),
  ]);
}

const NONE: readonly CandidateView[] = [];

export function createCandidatesView(ctx: ViewContext): View & { count(state: PanelState): number } {
  const list = h('ul', { className: 'candidates', attrs: { 'aria-label': 'Candidates' } });
  const empty = h('p', { className: 'empty muted', text: 'Candidates appear here while Explore runs.' });
  const element = h('div', { className: 'section-body' }, [list, empty]);

  function update(state: PanelState, previous: PanelState | undefined): void {
    const candidates = state.snapshot?.candidates ?? NONE;
    if (previous !== undefined && (previous.snapshot?.candidates ?? NONE) === candidates) return;
    // Rebuilt on every change (a few hundred rows at most); keyboard focus stays on its candidate.
    const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement.dataset.candidate : undefined;
    replaceChildren(
      list,
      candidates.map((c) => candidateRow(ctx, c)),
    );
    if (focused !== undefined) list.querySelector<HTMLElement>(`[data-candidate="${CSS.escape(focused)}"]`)?.focus();
    empty.hidden = candidates.length > 0;
    list.hidden = candidates.length === 0;
  }

  return { element, update, count: (state) => state.snapshot?.candidates.length ?? 0 };
}
