/// <reference lib="dom" />
/**
 * The event timeline: a virtualised list of fixed-height rows (only the visible ones exist in the
 * DOM, from a small reused pool), filtered by role and action type. It follows the tail while the
 * user is at the bottom and stays put once they scroll up ("Latest" jumps back).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h } from '../dom';
import { actionTypeIcon, formatClock, formatCount, humanize, shortAgent } from '../format';
import { ACTION_TYPES, type ActionType, type TimelineEvent, type TimelineFilters } from '../protocol';
import { facetsOf, filterEvents, memoize, memoize1, roleOf } from '../selectors';
import type { PanelState } from '../store';
import { isAtBottom, maxScrollTop, TIMELINE_ROW_HEIGHT, visibleRange } from '../virtual';
import type { View, ViewContext } from './context';
import { createFacetFilter } from './facetFilter';

const isActionType = (v: string): v is ActionType => (ACTION_TYPES as readonly string[]).includes(v);

/** A pooled row: its element and the parts that change. */
interface Row {
  element: HTMLElement;
  seq: HTMLElement;
  time: HTMLElement;
  icon: HTMLElement;
  agent: HTMLElement;
  type: HTMLElement;
  summary: HTMLElement;
}

function createRow(): Row {
  const row: Row = {
    element: h('div', { className: 'event', attrs: { role: 'listitem' } }),
    seq: h('span', { className: 'event-seq' }),
    time: h('span', { className: 'event-time' }),
    icon: h('span', { attrs: { 'aria-hidden': 'true' } }),
    agent: h('span', { className: 'event-agent' }),
    type: h('span', { className: 'event-type' }),
    summary: h('span', { className: 'event-summary' }),
  };
  row.element.style.height = `${TIMELINE_ROW_HEIGHT}px`;
  row.element.append(row.seq, row.time, row.icon, row.agent, row.type, row.summary);
  return row;
}

function fillRow(row: Row, e: TimelineEvent, position: number, total: number): void {
  row.seq.textContent = String(e.seq);
  row.time.textContent = formatClock(e.timestamp);
  row.icon.className = `codicon codicon-${actionTypeIcon(e.action_type)} event-icon type-${e.action_type}`;
  row.agent.textContent = shortAgent(e.agent_id);
  row.agent.dataset.role = roleOf(e.agent_id);
  row.type.textContent = e.action_type;
  row.summary.textContent = e.summary;
  row.element.title = `#${e.seq} ${e.timestamp}\n${e.agent_id} · ${e.action_type}${e.capability_id ? ` · ${e.capability_id}` : ''}\n${e.summary}`;
  row.element.classList.toggle('is-error', e.action_type === 'error');
  row.element.setAttribute('aria-posinset', String(position + 1));
  row.element.setAttribute('aria-setsize', String(total));
}

export function createTimelineView(ctx: ViewContext): View & { counts(state: PanelState): { shown: number; total: number } } {
  const visible = memoize((items: readonly TimelineEvent[], filters: TimelineFilters) => filterEvents(items, filters));
  const facets = memoize1(facetsOf);

  const setFilters = (filters: TimelineFilters): void => {
    ctx.store.dispatch({ type: 'setFilters', filters });
    ctx.post({ kind: 'setFilter', ...filters });
  };
  const roleFilter = createFacetFilter({
    label: 'Roles',
    icon: 'person',
    ariaLabel: 'Filter by role',
    format: (v) => v,
    onChange: (roles) => setFilters({ ...ctx.store.getState().filters, roles }),
  });
  const typeFilter = createFacetFilter({
    label: 'Types',
    icon: 'filter',
    ariaLabel: 'Filter by action type',
    format: humanize,
    onChange: (types) => setFilters({ ...ctx.store.getState().filters, actionTypes: types.filter(isActionType) }),
  });
  const clear = h('vscode-button', {
    attrs: { icon: 'clear-all', 'data-action': 'clear-filters', secondary: true, 'icon-only': true, title: 'Clear filters', 'aria-label': 'Clear filters' },
    on: { click: () => setFilters({ roles: [], actionTypes: [] }) },
  });
  const count = h('span', { className: 'timeline-count muted', attrs: { 'aria-live': 'off' } });
  const latest = h('vscode-button', {
    className: 'timeline-latest',
    attrs: { icon: 'arrow-down', 'data-action': 'latest', secondary: true, title: 'Jump to the latest event and follow new ones' },
    text: 'Latest',
    on: { click: () => followTail() },
  });
  const sizer = h('div', { className: 'timeline-sizer' });
  const rowsBox = h('div', { className: 'timeline-rows' });
  const viewport = h('div', { className: 'timeline-viewport', attrs: { tabindex: '0', role: 'list', 'aria-label': 'Event timeline' } }, [sizer, rowsBox]);
  const empty = h('p', { className: 'empty muted' });
  const toolbar = h('div', { className: 'timeline-toolbar' }, [
    roleFilter.element,
    typeFilter.element,
    clear,
    count,
    latest,
  ]);
  const element = h('div', { className: 'section-body timeline' }, [
    toolbar,
    viewport,
    empty,
  ]);

  const pool: Row[] = [];
  let rendered: { list: readonly TimelineEvent[]; start: number; end: number; height: number } | undefined;
  let frame = 0;
  let programmaticTop: number | undefined;
  /** A non-following scroll position restored from saved state, applied once there is something to scroll. */
  let restoreTop: number | undefined = ctx.store.getState().timeline.followTail ? undefined : ctx.store.getState().timeline.scrollTop;

  function currentList(): readonly TimelineEvent[] {
    const state = ctx.store.getState();
    return visible(state.events.items, state.filters);
  }

  function scrollTo(top: number): void {
    programmaticTop = top;
    viewport.scrollTop = top;
  }

  function followTail(): void {
    const list = currentList();
    scrollTo(maxScrollTop(list.length * TIMELINE_ROW_HEIGHT, viewport.clientHeight));
    ctx.store.dispatch({ type: 'scrolled', scrollTop: viewport.scrollTop, followTail: true });
    renderRows(true);
  }

  /** Renders the rows in view (re-using pooled elements); cheap when nothing moved. */
  function renderRows(force = false): void {
    const list = currentList();
    const height = viewport.clientHeight;
    const range = visibleRange({ total: list.length, rowHeight: TIMELINE_ROW_HEIGHT, scrollTop: viewport.scrollTop, viewportHeight: height });
    if (!force && rendered && rendered.list === list && rendered.start === range.start && rendered.end === range.end && rendered.height === height) return;
    sizer.style.height = `${range.totalHeight}px`;
    rowsBox.style.transform = `translateY(${range.offset}px)`;
    const needed = range.end - range.start;
    while (pool.length < needed) pool.push(createRow());
    for (let i = 0; i < needed; i++) fillRow(pool[i], list[range.start + i], range.start + i, list.length);
    // Attach exactly the needed rows, in order, without touching the ones already in place.
    for (let i = 0; i < needed; i++) if (rowsBox.children[i] !== pool[i].element) rowsBox.insertBefore(pool[i].element, rowsBox.children[i] ?? null);
    while (rowsBox.children.length > needed) rowsBox.lastElementChild?.remove();
    rendered = { list, start: range.start, end: range.end, height };
  }

  function scheduleRender(): void {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderRows();
    });
  }

  viewport.addEventListener('scroll', () => {
    const top = viewport.scrollTop;
    const list = currentList();
    // Our own scrolls keep the follow mode; the user's decide it (and cancel a pending restore).
    const ours = programmaticTop !== undefined && Math.abs(programmaticTop - top) < 1;
    const follow = ours ? ctx.store.getState().timeline.followTail : isAtBottom(top, viewport.clientHeight, list.length * TIMELINE_ROW_HEIGHT);
    if (!ours) restoreTop = undefined;
    programmaticTop = undefined;
    ctx.store.dispatch({ type: 'scrolled', scrollTop: top, followTail: follow });
    scheduleRender();
  });
  new ResizeObserver(() => {
    if (ctx.store.getState().timeline.followTail) followTail();
    else scheduleRender();
  }).observe(viewport);

  function updateFilters(state: PanelState): void {
    const f = facets(state.events.items);
    roleFilter.update(f.roles, state.filters.roles);
    typeFilter.update(f.actionTypes, state.filters.actionTypes);
    clear.hidden = state.filters.roles.length === 0 && state.filters.actionTypes.length === 0;
  }

  function update(state: PanelState, previous: PanelState | undefined): void {
    if (previous !== undefined && previous.events === state.events && previous.filters === state.filters && previous.timeline.followTail === state.timeline.followTail) return;
    updateFilters(state);
    const list = visible(state.events.items, state.filters);
    const total = state.events.items.length;
    count.textContent =
      list.length === total ? `${formatCount(total)} events` : `${formatCount(list.length)} of ${formatCount(total)}`;
    count.title = state.events.dropped > 0 ? `${formatCount(state.events.dropped)} older events are not shown (open the event log for all).` : '';
    empty.textContent = total === 0 ? 'Events appear here as the run records them.' : 'No events match the filters.';
    empty.hidden = list.length > 0;
    viewport.hidden = list.length === 0;
    toolbar.hidden = total === 0;
    latest.hidden = state.timeline.followTail || list.length === 0;
    if (list.length === 0) return;
    // The seq column is as wide as the largest seq.
    viewport.style.setProperty('--fabric-seq-width', `${Math.max(3, String(list[list.length - 1].seq).length)}ch`);
    if (restoreTop !== undefined) {
      // Events arrive in batches: retry until the list is long enough to scroll that far.
      sizer.style.height = `${list.length * TIMELINE_ROW_HEIGHT}px`;
      scrollTo(Math.min(restoreTop, maxScrollTop(list.length * TIMELINE_ROW_HEIGHT, viewport.clientHeight)));
      if (viewport.scrollTop >= restoreTop - 1) restoreTop = undefined;
    } else if (state.timeline.followTail) {
      sizer.style.height = `${list.length * TIMELINE_ROW_HEIGHT}px`;
      scrollTo(maxScrollTop(list.length * TIMELINE_ROW_HEIGHT, viewport.clientHeight));
    }
    renderRows();
  }

  return {
    element,
    update,
    counts: (state) => ({ shown: visible(state.events.items, state.filters).length, total: state.events.items.length }),
  };
}
