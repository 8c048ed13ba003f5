// The virtual output list's arithmetic: which rows a scroll position shows and where they sit. One
// fixed row height plus the measured extra of expanded rows; past `maxPhysicalHeight` (browsers cap
// element heights) the scrollbar maps proportionally onto the content. Pure, so tested in Node.

export interface ExtraHeight {
  /** Row index (0 = the first row the list holds). */
  readonly index: number;
  /** Pixels beyond the fixed row height. */
  readonly extra: number;
}

export interface WindowInput {
  readonly scrollTop: number;
  readonly viewportHeight: number;
  readonly rowHeight: number;
  readonly count: number;
  /** Rows rendered beyond each edge, so a fast scroll shows no blank band. */
  readonly overscan?: number;
  /** Expanded rows, sorted by index, each index once. */
  readonly extras?: readonly ExtraHeight[];
  readonly maxPhysicalHeight?: number;
}

export interface ListWindow {
  /** First row to render; 0 when the list is empty. */
  readonly first: number;
  /** Last row to render, inclusive; -1 when the list is empty. */
  readonly last: number;
  /** Where row `first` starts, in the scroll container's pixels (the rendered rows' translateY). */
  readonly offsetY: number;
  /** Height to give the scrolled content (capped at maxPhysicalHeight). */
  readonly totalHeight: number;
  /** The uncapped height of every row. */
  readonly virtualHeight: number;
}

/** Chromium caps near 33.5 M px and Firefox near 17.8 M px; stay well under both. */
export const MAX_PHYSICAL_HEIGHT = 15_000_000;

export function virtualWindow(input: WindowInput): ListWindow {
  const rowHeight = Math.max(1, input.rowHeight);
  const count = Math.max(0, Math.floor(input.count));
  const extras = input.extras ?? [];
  const overscan = Math.max(0, Math.floor(input.overscan ?? 0));
  const maxPhysical = input.maxPhysicalHeight ?? MAX_PHYSICAL_HEIGHT;
  const viewport = Math.max(0, input.viewportHeight);
  const virtualHeight = rowTop(count, rowHeight, extras);
  const totalHeight = Math.min(virtualHeight, maxPhysical);
  if (count === 0) return { first: 0, last: -1, offsetY: 0, totalHeight: 0, virtualHeight: 0 };
  const physicalScroll = Math.max(0, totalHeight - viewport);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), physicalScroll);
  // Scrolled fraction of the physical range = scrolled fraction of the virtual range.
  const virtualScroll = Math.max(0, virtualHeight - viewport);
  const virtualTop = totalHeight === virtualHeight || physicalScroll === 0 ? scrollTop : (scrollTop / physicalScroll) * virtualScroll;
  const firstVisible = rowAt(virtualTop, count, rowHeight, extras);
  const lastVisible = rowAt(virtualTop + Math.max(viewport, 1) - 1, count, rowHeight, extras);
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(count - 1, lastVisible + overscan);
  const offsetY = scrollTop + (rowTop(first, rowHeight, extras) - virtualTop);
  return { first, last, offsetY, totalHeight, virtualHeight };
}

/** Where row `index` starts in the virtual content. */
export function rowTop(index: number, rowHeight: number, extras: readonly ExtraHeight[]): number {
  let top = index * rowHeight;
  for (const e of extras) {
    if (e.index >= index) break;
    top += e.extra;
  }
  return top;
}

/** The row that covers virtual pixel `y` (clamped to the rows there are). */
export function rowAt(y: number, count: number, rowHeight: number, extras: readonly ExtraHeight[]): number {
  if (count <= 0) return 0;
  let before = 0;
  for (const e of extras) {
    if (e.index >= count) break;
    const start = e.index * rowHeight + before;
    if (y < start) break;
    if (y < start + rowHeight + e.extra) return e.index;
    before += e.extra;
  }
  const index = Math.floor((y - before) / rowHeight);
  return Math.min(count - 1, Math.max(0, index));
}

/** The scrollTop that shows the last row at the bottom: where "follow the tail" scrolls to. */
export function bottomScrollTop(totalHeight: number, viewportHeight: number): number {
  return Math.max(0, totalHeight - viewportHeight);
}
