// Output | Review tabs of the run panel. The Review tab exists only while the task awaits approval;
// the review messages come on the panel's own channel (no `seq`: each replaces the last), so the
// run output's sequence (webview/run/runModel.ts) never sees them.
import type { HostToReview, ReviewToHost, ReviewView } from '../../src/protocol/reviewMessages';
import { el, icon } from '../dom';
import { ReviewPanelView } from './reviewView';

export type RunTab = 'output' | 'review';

export class ReviewTabs {
  /** The tab bar: goes between the run header and the tab contents. */
  readonly bar: HTMLElement;
  readonly review: ReviewPanelView;
  private readonly outputTab: HTMLButtonElement;
  private readonly reviewTab: HTMLButtonElement;
  private readonly reviewCount = el('span', { className: 'badge tab-count' });
  private current: RunTab = 'output';

  constructor(
    /** The Output tab's elements (hidden while Review shows). */
    private readonly outputParts: readonly HTMLElement[],
    post: (message: ReviewToHost) => void,
    draft: ConstructorParameters<typeof ReviewPanelView>[2],
  ) {
    this.outputTab = tab('output', 'output', 'Output');
    this.reviewTab = tab('review', 'eye', 'Review', this.reviewCount);
    this.outputTab.addEventListener('click', () => this.select('output'));
    this.reviewTab.addEventListener('click', () => this.select('review'));
    this.bar = el('div', { className: 'run-tabs', attrs: { role: 'tablist', 'aria-label': 'Run panel' } }, this.outputTab, this.reviewTab);
    this.bar.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const next = this.current === 'output' && !this.reviewTab.hidden ? 'review' : 'output';
      this.select(next);
      (next === 'output' ? this.outputTab : this.reviewTab).focus();
    });
    this.review = new ReviewPanelView(post, (review, focus) => this.onReview(review, focus), draft);
    this.onReview(null, false);
  }

  /** A message of the review protocol, or false when `data` is not one (it belongs to the run view). */
  receive(data: unknown): boolean {
    const message = readReviewMessage(data);
    if (!message) return false;
    this.review.apply(message);
    return true;
  }

  select(which: RunTab): void {
    if (which === 'review' && this.reviewTab.hidden) which = 'output';
    this.current = which;
    for (const [t, on] of [[this.outputTab, which === 'output'], [this.reviewTab, which === 'review']] as const) {
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      t.classList.toggle('selected', on);
    }
    for (const part of this.outputParts) part.classList.toggle('tab-hidden', which !== 'output');
    const wasHidden = this.review.element.hidden;
    this.review.element.hidden = which !== 'review';
    document.body.dataset['tab'] = which;
    if (wasHidden && which === 'review') this.review.shown();
  }

  private onReview(review: ReviewView | null, focus: boolean): void {
    this.reviewTab.hidden = review === null;
    this.bar.hidden = review === null;
    this.reviewCount.textContent = review ? String(review.files.length) : '';
    this.reviewCount.title = review ? `${review.files.length} changed ${review.files.length === 1 ? 'file' : 'files'}` : '';
    if (review === null) this.select('output');
    else if (focus) this.select('review');
    else this.select(this.current);
  }
}

function tab(name: RunTab, iconName: string, label: string, extra?: HTMLElement): HTMLButtonElement {
  return el('button', {
    className: 'run-tab',
    attrs: { type: 'button', role: 'tab', id: `run-tab-${name}`, 'data-tab': name, 'aria-controls': name === 'output' ? 'run-output' : 'review', 'data-key': `run-tab-${name}` },
  }, icon(iconName), ` ${label}`, extra);
}

/** Only our host posts here; the shape check keeps a stray message from breaking the view. */
export function readReviewMessage(data: unknown): HostToReview | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Readonly<Record<string, unknown>>;
  switch (m['type']) {
    case 'review': {
      const r = m['review'];
      const ok = r === null || (typeof r === 'object' && Array.isArray((r as Readonly<Record<string, unknown>>)['files']) && Array.isArray((r as Readonly<Record<string, unknown>>)['verdicts']));
      return ok && typeof m['focus'] === 'boolean' ? (data as HostToReview<'review'>) : null;
    }
    case 'reviewStatus':
      return typeof m['trusted'] === 'boolean' && typeof m['message'] === 'string' ? (data as HostToReview<'reviewStatus'>) : null;
    default:
      return null;
  }
}
