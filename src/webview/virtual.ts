/**
 * The arithmetic of the virtualised timeline: a fixed-row-height list renders only the rows that
 * intersect the viewport (plus a few either side), so 10,000 events cost as much as 40.
 */

/** Height of one timeline row, px (VS Code's list rows are 22px). The only place it is defined. */
export const TIMELINE_ROW_HEIGHT = 22;

export interface ViewportInput {
  /** Number of rows in the list. */
  total: number;
  /** Height of every row, px (> 0). */
  rowHeight: number;
  /** The scroller's `scrollTop`, px. */
  scrollTop: number;
  /** The scroller's visible height, px. */
  viewportHeight: number;
  /** Extra rows rendered above and below the visible ones (default 8). */
  overscan?: number;
}

export interface VisibleRange {
  /** First row to render. */
  start: number;
  /** One past the last row to render (`end - start` rows; 0 when the list is empty). */
  end: number;
  /** Where the first rendered row goes: `start * rowHeight` px from the top. */
  offset: number;
  /** Height of the whole list, px: the scroller's content height. */
  totalHeight: number;
}

/** The rows to render for a scroll position; a scrollTop beyond the end is clamped. */
export function visibleRange(input: ViewportInput): VisibleRange {
  const total = Math.max(0, Math.floor(input.total));
  const rowHeight = input.rowHeight > 0 ? input.rowHeight : 1;
  const overscan = Math.max(0, Math.floor(input.overscan ?? 8));
  const viewportHeight = Math.max(0, input.viewportHeight);
  const totalHeight = total * rowHeight;
  const top = clamp(input.scrollTop, 0, maxScrollTop(totalHeight, viewportHeight));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + viewportHeight) / rowHeight);
  const start = clamp(first - overscan, 0, total);
  const end = clamp(last + overscan, start, total);
  return { start, end, offset: start * rowHeight, totalHeight };
}

/** The largest scrollTop of a list `totalHeight` tall in a viewport `viewportHeight` tall. */
export function maxScrollTop(totalHeight: number, viewportHeight: number): number {
  return Math.max(0, totalHeight - viewportHeight);
}

/**
 * Whether the scroller is (within `tolerance` px) at the bottom: the timeline follows new events
 * only then, so a user who scrolled up to read is not yanked down.
 */
export function isAtBottom(scrollTop: number, viewportHeight: number, totalHeight: number, tolerance = 4): boolean {
  return scrollTop >= maxScrollTop(totalHeight, viewportHeight) - tolerance;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
