/**
 * Derived data for the views: pure functions of the state, memoised on the identity of their
 * inputs (the reducer never mutates, so identity is enough).
 */
import type { ActionType, ApprovalView, BundleSummary, CandidateView, TimelineEvent, TimelineFilters, ViewSnapshot } from './protocol';

/** The role of an `agent_id` (`verifier:2` → `verifier`). */
export function roleOf(agentId: string): string {
  const colon = agentId.indexOf(':');
  return colon < 0 ? agentId : agentId.slice(0, colon);
}

/** The events the filters let through (all of them when both filter lists are empty). */
export function filterEvents(items: readonly TimelineEvent[], filters: TimelineFilters): readonly TimelineEvent[] {
  if (filters.roles.length === 0 && filters.actionTypes.length === 0) return items;
  const roles = new Set(filters.roles);
  const types = new Set<ActionType>(filters.actionTypes);
  return items.filter((e) => (roles.size === 0 || roles.has(roleOf(e.agent_id))) && (types.size === 0 || types.has(e.action_type)));
}

/** Every role and action type seen in `items`, sorted, for the filter pickers. */
export function facetsOf(items: readonly TimelineEvent[]): { roles: string[]; actionTypes: ActionType[] } {
  const roles = new Set<string>();
  const types = new Set<ActionType>();
  for (const e of items) {
    roles.add(roleOf(e.agent_id));
    types.add(e.action_type);
  }
  return { roles: [...roles].sort(), actionTypes: [...types].sort() };
}

/** Memoises a one-argument function on the identity of its argument (last call only). */
export function memoize1<A, R>(fn: (a: A) => R): (a: A) => R {
  let last: { a: A; result: R } | undefined;
  return (a) => {
    if (last === undefined || last.a !== a) last = { a, result: fn(a) };
    return last.result;
  };
}

/** Memoises a two-argument function on the identity of its arguments (last call only). */
export function memoize<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let last: { a: A; b: B; result: R } | undefined;
  return (a, b) => {
    if (last === undefined || last.a !== a || last.b !== b) last = { a, b, result: fn(a, b) };
    return last.result;
  };
}

/** Pending approvals first (newest first as the host sends them), then decided ones. */
export function orderedApprovals(approvals: readonly ApprovalView[]): ApprovalView[] {
  return [...approvals.filter((a) => a.status === 'pending'), ...approvals.filter((a) => a.status !== 'pending')];
}

export function pendingApprovalCount(snapshot: ViewSnapshot | null): number {
  return snapshot === null ? 0 : snapshot.approvals.filter((a) => a.status === 'pending').length;
}

/** Whether "Push signed branch" makes sense now: a successful, released bundle and no push waiting. */
export function canPush(snapshot: ViewSnapshot | null): snapshot is ViewSnapshot & { bundle: BundleSummary } {
  if (snapshot === null || snapshot.bundle === null) return false;
  if (snapshot.bundle.outcome !== 'success') return false;
  if (snapshot.run.status === 'running' || snapshot.run.status === 'cancelling') return false;
  const traceId = snapshot.bundle.trace_id;
  return !snapshot.approvals.some((a) => a.traceId === traceId && (a.action === 'push' || a.action === 'force_push') && a.status === 'pending');
}

/** The candidate Compile chose, if the host marked one. */
export function winnerOf(candidates: readonly CandidateView[]): CandidateView | undefined {
  return candidates.find((c) => c.winner === true);
}

/**
 * The options a facet filter lists: every value seen, plus selected values not seen (yet), sorted.
 */
export function facetOptions(seen: readonly string[], filter: readonly string[]): string[] {
  return [...new Set([...seen, ...filter])].sort();
}

/** What a facet picker shows checked for a filter: everything when the filter is empty ("all"). */
export function checkedFor(filter: readonly string[], options: readonly string[]): string[] {
  return filter.length === 0 ? [...options] : [...filter];
}

/**
 * The filter a picker selection means: every option checked is "all" (empty filter, so values
 * that appear later show too); nothing checked is also "all" (a filter that hides everything is
 * never what a person wants while picking); anything else is that list.
 */
export function filterFor(checked: readonly string[], options: readonly string[]): string[] {
  const set = new Set(checked);
  if (set.size === 0 || options.every((o) => set.has(o))) return [];
  return options.filter((o) => set.has(o));
}
