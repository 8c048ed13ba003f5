// The run panel's virtual list arithmetic (webview/run/virtualWindow.ts): from scrollTop, viewport
// height, row height and row count to the rows to render and where they sit, with expanded rows
// taller than the rest and a scroll range capped below the browsers' element-height limits.
import assert from 'node:assert/strict';
import { bottomScrollTop, rowAt, rowTop, virtualWindow } from '../../../webview/run/virtualWindow';

describe('virtualWindow', () => {
  it('an empty list renders nothing', () => {
    assert.deepEqual(virtualWindow({ scrollTop: 0, viewportHeight: 400, rowHeight: 20, count: 0 }), { first: 0, last: -1, offsetY: 0, totalHeight: 0, virtualHeight: 0 });
  });

  it('the top of a list: the rows that fit, from 0', () => {
    assert.deepEqual(virtualWindow({ scrollTop: 0, viewportHeight: 400, rowHeight: 20, count: 1_000 }), { first: 0, last: 19, offsetY: 0, totalHeight: 20_000, virtualHeight: 20_000 });
  });

  it('a partly scrolled row counts as visible at both edges', () => {
    assert.deepEqual(virtualWindow({ scrollTop: 110, viewportHeight: 400, rowHeight: 20, count: 1_000 }), { first: 5, last: 25, offsetY: 100, totalHeight: 20_000, virtualHeight: 20_000 });
  });

  it('overscan adds rows on both sides, clamped to the list', () => {
    const w = virtualWindow({ scrollTop: 100, viewportHeight: 400, rowHeight: 20, count: 1_000, overscan: 10 });
    assert.deepEqual([w.first, w.last, w.offsetY], [0, 34, 0]);
    const end = virtualWindow({ scrollTop: 19_600, viewportHeight: 400, rowHeight: 20, count: 1_000, overscan: 10 });
    assert.deepEqual([end.first, end.last, end.offsetY], [970, 999, 19_400]);
  });

  it('fewer rows than the viewport: all of them', () => {
    assert.deepEqual(virtualWindow({ scrollTop: 0, viewportHeight: 400, rowHeight: 20, count: 3 }), { first: 0, last: 2, offsetY: 0, totalHeight: 60, virtualHeight: 60 });
  });

  it('a scrollTop past the end (the list shrank) is clamped', () => {
    const w = virtualWindow({ scrollTop: 99_999, viewportHeight: 100, rowHeight: 10, count: 50 });
    assert.deepEqual([w.first, w.last, w.offsetY], [40, 49, 400]);
  });

  it('expanded rows push the rows after them down', () => {
    const extras = [{ index: 2, extra: 100 }, { index: 10, extra: 50 }];
    assert.equal(rowTop(2, 20, extras), 40);
    assert.equal(rowTop(3, 20, extras), 160);
    assert.equal(rowTop(11, 20, extras), 370);
    assert.equal(rowAt(45, 100, 20, extras), 2);
    assert.equal(rowAt(159, 100, 20, extras), 2);
    assert.equal(rowAt(160, 100, 20, extras), 3);
    assert.equal(rowAt(369, 100, 20, extras), 10);
    assert.equal(rowAt(370, 100, 20, extras), 11);
    const w = virtualWindow({ scrollTop: 150, viewportHeight: 100, rowHeight: 20, count: 100, extras });
    assert.deepEqual(w, { first: 2, last: 7, offsetY: 40, totalHeight: 2_150, virtualHeight: 2_150 });
  });

  it('1,000,000 rows: the scroll range is capped and maps proportionally, the ends stay exact', () => {
    const input = { viewportHeight: 500, rowHeight: 20, count: 1_000_000, maxPhysicalHeight: 10_000_000 };
    const top = virtualWindow({ ...input, scrollTop: 0 });
    assert.deepEqual(top, { first: 0, last: 24, offsetY: 0, totalHeight: 10_000_000, virtualHeight: 20_000_000 });
    const bottom = virtualWindow({ ...input, scrollTop: bottomScrollTop(top.totalHeight, 500) });
    assert.deepEqual([bottom.first, bottom.last], [999_975, 999_999]);
    // The last row's bottom edge meets the viewport's bottom edge.
    assert.equal(bottom.offsetY + (bottom.last - bottom.first + 1) * 20, 10_000_000);
    const middle = virtualWindow({ ...input, scrollTop: (10_000_000 - 500) / 2 });
    assert.deepEqual([middle.first, middle.last], [499_987, 500_012]);
  });

  it('bottomScrollTop shows the last row at the bottom', () => {
    assert.equal(bottomScrollTop(20_000, 400), 19_600);
    assert.equal(bottomScrollTop(100, 400), 0);
  });
});
