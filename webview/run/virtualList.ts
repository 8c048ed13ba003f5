// The output list's DOM: only the rows in view (plus a few) exist, placed by virtualWindow.ts over a
// spacer as tall as the whole list; rendering happens at most once per animation frame, however
// fast rows arrive. It follows the tail until the user scrolls up, and `jumpToLatest` resumes that.
import { bottomScrollTop, virtualWindow, type ExtraHeight } from './virtualWindow';

export interface VirtualListSource {
  /** Rows held. */
  count(): number;
  /** Index (since the run started) of the first row held. */
  base(): number;
  /** Builds row `index` (since the run started). */
  render(index: number, expanded: boolean): HTMLElement;
}

const OVERSCAN = 10;

export class VirtualList {
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private rowHeight = 20;
  private following = true;
  /** Expanded rows by index since the run started, with their measured extra height. */
  private readonly expanded = new Map<number, number>();
  private rendered = new Map<number, HTMLElement>();
  private renderedKey = '';
  private frame: number | null = null;
  /** A row whose toggle had focus before it was rebuilt: focus goes back to it. */
  private refocus: number | null = null;

  constructor(
    readonly container: HTMLElement,
    private readonly source: VirtualListSource,
    private readonly onFollowChange: (following: boolean) => void,
  ) {
    this.spacer = document.createElement('div');
    this.spacer.className = 'run-spacer';
    this.rows = document.createElement('div');
    this.rows.className = 'run-rows';
    container.append(this.spacer, this.rows);
    this.measureRowHeight();
    container.addEventListener('scroll', () => {
      this.setFollowing(this.atBottom());
      this.invalidate();
    }, { passive: true });
    // Intent to read back: stop following at once, before the scroll event of that gesture.
    container.addEventListener('wheel', (e) => {
      if (e.deltaY < 0 && this.scrollable()) this.setFollowing(false);
    }, { passive: true });
    container.addEventListener('keydown', (e) => {
      if ((e.key === 'PageUp' || e.key === 'ArrowUp' || e.key === 'Home') && this.scrollable()) this.setFollowing(false);
    });
    new ResizeObserver(() => {
      this.measureRowHeight();
      this.invalidate();
    }).observe(container);
  }

  get isFollowing(): boolean {
    return this.following;
  }

  /** Schedules one render on the next animation frame. */
  invalidate(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.render();
    });
  }

  /** A snapshot replaced the rows: nothing cached or expanded still applies. */
  reset(): void {
    this.rendered.clear();
    this.expanded.clear();
    this.renderedKey = '';
    this.invalidate();
  }

  toggle(index: number): void {
    if (this.expanded.has(index)) this.expanded.delete(index);
    else this.expanded.set(index, 0);
    const row = this.rendered.get(index);
    if (row?.contains(document.activeElement)) this.refocus = index;
    this.rendered.delete(index);
    this.renderedKey = '';
    this.invalidate();
  }

  jumpToLatest(): void {
    this.setFollowing(true);
    this.invalidate();
  }

  private render(): void {
    const count = this.source.count();
    const base = this.source.base();
    const extras = this.extras(base, count);
    const viewportHeight = this.container.clientHeight;
    const input = { viewportHeight, rowHeight: this.rowHeight, count, overscan: OVERSCAN, extras };
    let w = virtualWindow({ ...input, scrollTop: this.container.scrollTop });
    this.spacer.style.height = `${w.totalHeight}px`;
    // Everything fits: there is nothing to scroll back to, so the list follows again.
    if (!this.following && w.totalHeight <= viewportHeight) this.setFollowing(true);
    if (this.following) {
      const bottom = bottomScrollTop(w.totalHeight, viewportHeight);
      if (Math.abs(this.container.scrollTop - bottom) >= 1) this.container.scrollTop = bottom;
      w = virtualWindow({ ...input, scrollTop: this.container.scrollTop });
    }
    const key = `${base}:${w.first}:${w.last}`;
    if (key !== this.renderedKey) {
      const next = new Map<number, HTMLElement>();
      const nodes: HTMLElement[] = [];
      for (let i = w.first; i <= w.last; i++) {
        const index = base + i;
        const row = this.rendered.get(index) ?? this.source.render(index, this.expanded.has(index));
        next.set(index, row);
        nodes.push(row);
      }
      this.rows.replaceChildren(...nodes);
      this.rendered = next;
      this.renderedKey = key;
    }
    this.rows.style.transform = `translateY(${w.offsetY}px)`;
    this.restoreFocus();
    if (this.measureExpanded()) this.invalidate();
  }

  /** Expanded rows in the list, sorted, as the window arithmetic wants them. */
  private extras(base: number, count: number): ExtraHeight[] {
    const out: ExtraHeight[] = [];
    for (const [index, extra] of this.expanded) {
      if (index < base || index >= base + count) continue;
      out.push({ index: index - base, extra });
    }
    return out.sort((a, b) => a.index - b.index);
  }

  /** Records the real height of expanded rows in view; true when one changed (render again). */
  private measureExpanded(): boolean {
    let changed = false;
    for (const [index, extra] of this.expanded) {
      const row = this.rendered.get(index);
      if (!row) continue;
      const measured = Math.max(0, row.getBoundingClientRect().height - this.rowHeight);
      if (Math.abs(measured - extra) >= 1) {
        this.expanded.set(index, measured);
        changed = true;
      }
    }
    return changed;
  }

  private restoreFocus(): void {
    if (this.refocus === null) return;
    const row = this.rendered.get(this.refocus);
    this.refocus = null;
    row?.querySelector<HTMLElement>('.row-toggle')?.focus();
  }

  /** The fixed row height comes from the stylesheet (font size, zoom): measured on a probe row. */
  private measureRowHeight(): void {
    const probe = document.createElement('div');
    probe.className = 'run-line';
    probe.textContent = 'M';
    probe.style.visibility = 'hidden';
    this.rows.append(probe);
    // Fractional: 1.5em of a 13px font is 19.5px, and offsetHeight's rounding would add up over rows.
    const h = probe.getBoundingClientRect().height;
    probe.remove();
    if (h > 0 && Math.abs(h - this.rowHeight) > 0.01) {
      this.rowHeight = h;
      this.renderedKey = '';
    }
  }

  private scrollable(): boolean {
    return this.container.scrollHeight > this.container.clientHeight;
  }

  private atBottom(): boolean {
    const c = this.container;
    return c.scrollTop + c.clientHeight >= c.scrollHeight - this.rowHeight;
  }

  private setFollowing(on: boolean): void {
    if (on === this.following) return;
    this.following = on;
    this.onFollowChange(on);
  }
}
