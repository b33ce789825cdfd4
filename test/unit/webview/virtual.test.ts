import { strict as assert } from 'node:assert';
import { isAtBottom, maxScrollTop, visibleRange } from '../../../src/webview/virtual';

const ROW = 22;
const TOTAL = 10_000;
const VIEWPORT = 440; // 20 rows

describe('#visibleRange', () => {
  describe('with 10,000 rows of 22px in a 440px viewport', () => {
    it('renders only the first screen (plus overscan) at the top', () => {
      const r = visibleRange({ total: TOTAL, rowHeight: ROW, scrollTop: 0, viewportHeight: VIEWPORT, overscan: 5 });
      assert.deepEqual(r, { start: 0, end: 25, offset: 0, totalHeight: TOTAL * ROW });
    });
    it('renders the rows around a scroll offset in the middle', () => {
      const r = visibleRange({ total: TOTAL, rowHeight: ROW, scrollTop: 5000 * ROW + 11, viewportHeight: VIEWPORT, overscan: 5 });
      // Rows 5000 (half visible) … 5020 (half visible), plus 5 either side.
      assert.equal(r.start, 4995);
      assert.equal(r.end, 5026);
      assert.equal(r.offset, 4995 * ROW);
    });
    it('renders the last screen at the bottom, never past the end', () => {
      const bottom = maxScrollTop(TOTAL * ROW, VIEWPORT);
      const r = visibleRange({ total: TOTAL, rowHeight: ROW, scrollTop: bottom, viewportHeight: VIEWPORT, overscan: 5 });
      assert.equal(r.end, TOTAL);
      assert.equal(r.start, TOTAL - 20 - 5);
    });
    it('clamps a scroll offset beyond the end (e.g. after the filter shrank the list)', () => {
      const r = visibleRange({ total: TOTAL, rowHeight: ROW, scrollTop: 10 * TOTAL * ROW, viewportHeight: VIEWPORT, overscan: 0 });
      assert.deepEqual([r.start, r.end], [TOTAL - 20, TOTAL]);
    });
    it('keeps the rendered row count bounded by the viewport whatever the offset', () => {
      for (let top = 0; top <= TOTAL * ROW; top += 7919) {
        const r = visibleRange({ total: TOTAL, rowHeight: ROW, scrollTop: top, viewportHeight: VIEWPORT });
        assert.ok(r.end - r.start <= Math.ceil(VIEWPORT / ROW) + 1 + 16, `at ${top}: ${r.end - r.start} rows`);
        assert.ok(r.start <= Math.floor(Math.min(top, maxScrollTop(TOTAL * ROW, VIEWPORT)) / ROW));
      }
    });
  });

  describe('with few or no rows', () => {
    it('renders nothing for an empty list', () => {
      assert.deepEqual(visibleRange({ total: 0, rowHeight: ROW, scrollTop: 100, viewportHeight: VIEWPORT }), { start: 0, end: 0, offset: 0, totalHeight: 0 });
    });
    it('renders every row of a list shorter than the viewport', () => {
      const r = visibleRange({ total: 3, rowHeight: ROW, scrollTop: 0, viewportHeight: VIEWPORT });
      assert.deepEqual([r.start, r.end], [0, 3]);
    });
    it('renders nothing visible in a zero-height viewport but the overscan', () => {
      const r = visibleRange({ total: TOTAL, rowHeight: ROW, scrollTop: 0, viewportHeight: 0, overscan: 2 });
      assert.deepEqual([r.start, r.end], [0, 2]);
    });
  });
});

describe('#isAtBottom', () => {
  const total = TOTAL * ROW;
  it('is true at the bottom and within the tolerance', () => {
    assert.ok(isAtBottom(maxScrollTop(total, VIEWPORT), VIEWPORT, total));
    assert.ok(isAtBottom(maxScrollTop(total, VIEWPORT) - 3, VIEWPORT, total));
  });
  it('is false once the user scrolled up a row', () => {
    assert.ok(!isAtBottom(maxScrollTop(total, VIEWPORT) - ROW, VIEWPORT, total));
  });
  it('is true when everything fits', () => {
    assert.ok(isAtBottom(0, VIEWPORT, 5 * ROW));
  });
});
