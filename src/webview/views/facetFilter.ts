/// <reference lib="dom" />
/**
 * A multi-select over the values of one facet (roles, action types). All options checked means
 * no filter; the options are rebuilt only when the set of values changes, never in answer to the
 * user's own click (that would reset the open dropdown).
 */
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { VscodeMultiSelect } from '@vscode-elements/elements/dist/vscode-multi-select/vscode-multi-select.js';
import { h, icon, replaceChildren } from '../dom';
import { checkedFor, facetOptions, filterFor } from '../selectors';

export interface FacetFilterOptions {
  /** Visible label before the picker. */
  label: string;
  /** Codicon before the label. */
  icon: string;
  /** Accessible name of the picker. */
  ariaLabel: string;
  /** How an option reads. */
  format(value: string): string;
  /** The user changed the selection; `filter` is empty for "all". */
  onChange(filter: string[]): void;
}

export interface FacetFilter {
  element: HTMLElement;
  /** Shows `seen` values with `filter` applied (empty = all). */
  update(seen: readonly string[], filter: readonly string[]): void;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function createFacetFilter(options: FacetFilterOptions): FacetFilter {
  let listed: string[] = [];
  /** The last filter this picker produced itself: no need to push it back into the picker. */
  let own: readonly string[] | undefined;
  const select = h('vscode-multi-select', {
    className: 'filter',
    attrs: { 'aria-label': options.ariaLabel },
    on: {
      change: () => {
        own = filterFor(select.value, listed);
        options.onChange([...own]);
      },
      // Left with nothing checked (which means "all"): show it as all checked.
      focusout: () => {
        if (select.value.length === 0 && listed.length > 0) select.value = [...listed];
      },
    },
  }) as VscodeMultiSelect;
  const element = h('label', { className: 'filter-label' }, [icon(options.icon), h('span', { text: options.label }), select]);

  function update(seen: readonly string[], filter: readonly string[]): void {
    const next = facetOptions(seen, filter);
    const checked = checkedFor(filter, next);
    if (!sameList(next, listed)) {
      listed = next;
      replaceChildren(
        select,
        next.map((v) => h('vscode-option', { text: options.format(v), attrs: { value: v, selected: checked.includes(v) } })),
      );
    } else if (own === undefined || !sameList(own, filter)) {
      select.value = checked;
    }
    own = undefined;
  }

  return { element, update };
}
