// The run panel's Review tab: the reviewers' verdicts and findings, the changed files with +/-,
// each file's diff (diff2html, rendered only while near the viewport: a 200-file review opens with
// a few tables, the rest are placeholders sized by line count), per-hunk Accept / Reject with a
// comment, and Approve / Reject (reason required) / Skip / Open diff; the person's choices are saved
// as a draft with the page's state. Stable selectors for tests:
// [data-action=approve|reject|send-reject|cancel-reject|skip|open-diff], [data-hunk="path#i"].
import type { HostToReview, ReviewDecisionKind, ReviewFileView, ReviewToHost, ReviewVerdictView, ReviewView } from '../../src/protocol/reviewMessages';
import { el, icon } from '../dom';
import { fileDiffHtml } from './diffHtml';
import { changeCounts, estimatedDiffHeight, formatCount, hunkKey, ReviewModel, reviewTotals, statusLabel, type ReviewDraft } from './reviewModel';

/** Files this far (px) above or below the visible part are rendered; farther ones are released. */
const RENDER_MARGIN_PX = 1200;
const FALLBACK_ROW_PX = 20;

interface FileSlot {
  readonly file: ReviewFileView;
  readonly article: HTMLElement;
  readonly body: HTMLElement;
  rendered: boolean;
  /** Measured height once rendered: a released file keeps it, so the scrollbar does not jump. */
  height: number;
}

export class ReviewPanelView {
  readonly element: HTMLElement;
  private readonly model: ReviewModel;
  private readonly scroll: HTMLElement;
  private readonly summary = el('p', { className: 'review-summary', attrs: { id: 'review-summary' } });
  private readonly status = el('p', { className: 'review-status', attrs: { id: 'review-status', role: 'status' } });
  private readonly restricted = el('p', { className: 'banner review-restricted', attrs: { id: 'review-restricted', role: 'note' } },
    icon('workspace-untrusted'), el('span', {}, 'Restricted Mode: trust this workspace to approve or reject.'));
  private readonly approve: HTMLElement;
  private readonly reject: HTMLElement;
  private readonly skip: HTMLElement;
  private readonly openAll: HTMLElement;
  private readonly rejectForm: HTMLElement;
  private readonly reason: HTMLTextAreaElement;
  private readonly rejectError = el('p', { className: 'review-error', attrs: { id: 'review-reject-error', role: 'alert' } });
  private readonly sendReject: HTMLButtonElement;
  private readonly verdicts = el('ul', { className: 'plain verdicts', attrs: { id: 'review-verdicts', 'aria-label': 'Reviewers' } });
  private readonly fileList = el('ul', { className: 'plain file-list', attrs: { id: 'review-files' } });
  private readonly fileCount = el('span', {});
  private readonly filesBox: HTMLDetailsElement;
  private readonly diffs = el('div', { className: 'review-diffs', attrs: { id: 'review-diffs' } });
  private readonly empty = el('p', { className: 'placeholder', attrs: { id: 'review-empty' } }, 'Nothing awaits approval.');
  private readonly probe = el('div', { className: 'diff-probe', attrs: { 'aria-hidden': 'true' } }, 'x');
  private slots: FileSlot[] = [];
  private readonly slotsByArticle = new Map<Element, FileSlot>();
  private readonly hunks = new Map<string, { readonly path: string; readonly index: number }>();
  private observer: IntersectionObserver | null = null;
  private rowPx = FALLBACK_ROW_PX;
  /** The row height is read once (a forced layout); again only when the tab is shown. */
  private measured = false;
  private trusted = true;
  private busy: ReviewDecisionKind | null = null;
  private readonly saveDraft: (draft: ReviewDraft | null) => void;

  constructor(
    private readonly post: (message: ReviewToHost) => void,
    /** Called with the review's file count (0: none) so the tab label can show it. */
    private readonly onReview: (review: ReviewView | null, focus: boolean) => void,
    /** The draft the page saved before it was torn down, and where to save the next one. */
    draft: { readonly saved: unknown; readonly save: (draft: ReviewDraft | null) => void },
  ) {
    this.model = new ReviewModel(draft.saved);
    this.saveDraft = draft.save;
    this.approve = actionButton('approve', 'Approve', 'check', 'Approve: commit and merge the task branch');
    this.reject = actionButton('reject', 'Reject…', 'close', 'Reject: say why; the next attempt gets the reason, your comments and reverts the hunks you rejected', true);
    this.skip = actionButton('skip', 'Skip', 'debug-step-over', 'Leave the task awaiting approval for later', true);
    this.openAll = actionButton('open-diff', 'Open diff', 'diff', 'Open every changed file in VS Code\'s diff editor (base ↔ task branch)', true);
    this.reason = el('textarea', {
      className: 'review-reason',
      attrs: { id: 'review-reason', 'data-field': 'reason', rows: '3', 'aria-label': 'Reason for rejecting (required)', placeholder: 'Why do you reject it? (required; the next attempt gets it as context)', 'data-key': 'review-reason' },
    });
    this.reason.addEventListener('input', () => {
      this.model.reason = this.reason.value;
      this.saveDraft(this.model.draft());
      if (this.reason.value.trim()) this.rejectError.textContent = '';
    });
    this.sendReject = el('button', {
      className: 'primary',
      attrs: { type: 'button', 'data-action': 'send-reject', id: 'review-send-reject', 'data-key': 'review-send-reject' },
      onClick: () => this.sendRejection(),
    }, icon('close'), ' Reject and retry');
    const cancel = el('button', {
      className: 'secondary',
      attrs: { type: 'button', 'data-action': 'cancel-reject', 'data-key': 'review-cancel-reject' },
      onClick: () => this.showRejectForm(false),
    }, 'Cancel');
    this.rejectForm = el('div', { className: 'reject-form', attrs: { id: 'review-reject-form', role: 'group', 'aria-label': 'Reject' } },
      el('label', { className: 'visually-hidden', attrs: { for: 'review-reason' } }, 'Reason'),
      this.reason,
      this.rejectError,
      el('p', { className: 'muted reject-note', attrs: { id: 'review-reject-note' } }),
      el('div', { className: 'actions' }, this.sendReject, cancel));
    this.rejectForm.hidden = true;

    this.approve.addEventListener('click', () => this.decide('approve'));
    this.reject.addEventListener('click', () => this.showRejectForm(true));
    this.skip.addEventListener('click', () => this.decide('skip'));
    this.openAll.addEventListener('click', () => this.openDiff(null));

    const bar = el('div', { className: 'review-bar' },
      this.summary,
      el('div', { className: 'actions review-actions' }, this.approve, this.reject, this.skip, this.openAll),
      this.restricted,
      this.rejectForm,
      this.status);
    this.filesBox = el('details', { className: 'review-file-box', attrs: { id: 'review-file-box', open: '' } },
      el('summary', {}, 'Changed files ', this.fileCount),
      this.fileList);
    this.scroll = el('div', { className: 'review-scroll', attrs: { id: 'review-scroll', tabindex: '-1' } },
      el('section', { className: 'review-section', attrs: { 'aria-label': 'Reviewers\' verdicts' } }, el('h2', {}, 'Reviewers'), this.verdicts),
      this.filesBox,
      this.diffs,
      this.probe);
    this.diffs.addEventListener('click', (e) => this.onDiffClick(e));
    this.diffs.addEventListener('input', (e) => this.onDiffInput(e));
    this.element = el('section', { className: 'review', attrs: { id: 'review', role: 'tabpanel', 'aria-labelledby': 'run-tab-review' } },
      bar, this.empty, this.scroll);
    this.render(null);
  }

  /** Takes a host message of the review protocol. */
  apply(message: HostToReview): void {
    switch (message.type) {
      case 'review':
        performance.mark('review-start');
        this.model.set(message.review);
        this.saveDraft(this.model.draft());
        // The tab first: a review laid out while hidden cannot measure what is on screen.
        this.onReview(message.review, message.focus);
        this.render(message.review);
        markPainted();
        break;
      case 'reviewStatus':
        this.trusted = message.trusted;
        this.busy = message.busy;
        this.status.textContent = message.message;
        this.status.className = `review-status tone-${message.tone}`;
        if (message.busy === null && message.tone === 'error') this.sendReject.disabled = false;
        this.updateControls();
        break;
    }
  }

  /** Lays out placeholders and renders what is visible now; the observer renders the rest on scroll. */
  private render(review: ReviewView | null): void {
    this.observer?.disconnect();
    this.slots = [];
    this.slotsByArticle.clear();
    this.hunks.clear();
    this.empty.hidden = review !== null;
    this.scroll.hidden = review === null;
    this.showRejectForm(false);
    this.reason.value = this.model.reason;
    if (!review) {
      this.summary.textContent = '';
      this.verdicts.replaceChildren();
      this.fileList.replaceChildren();
      this.diffs.replaceChildren();
      this.updateControls();
      return;
    }
    const totals = reviewTotals(review);
    this.summary.replaceChildren(
      el('strong', {}, `${formatCount(totals.files)} ${totals.files === 1 ? 'file' : 'files'} changed`),
      ' ',
      el('span', { className: 'counts' }, changeCounts(totals.added, totals.removed)),
      el('span', { className: 'muted' }, ` · ${review.branch ? `${review.branch} → ${review.baseBranch}` : `working tree vs ${review.baseBranch}`} · attempt ${review.attempt}`));
    this.verdicts.replaceChildren(...(review.verdicts.length > 0 ? review.verdicts.map(verdictItem) : [el('li', { className: 'muted' }, 'No AI review ran for this attempt.')]));
    this.fileCount.textContent = `(${formatCount(totals.files)})`;
    this.fileList.replaceChildren(...review.files.map((f, i) => el('li', {},
      el('button', { className: 'link file-link', attrs: { type: 'button', 'data-action': 'jump-file', 'data-path': f.path, 'data-key': `review-jump-${i}`, title: `Show the diff of ${f.path}` }, onClick: () => this.jumpTo(i) },
        el('span', { className: 'file-path' }, f.path)),
      el('span', { className: `file-status status-${f.status}` }, statusLabel(f.status)),
      el('span', { className: 'counts' }, changeCounts(f.added, f.removed)))));
    this.filesBox.open = review.files.length <= 30;

    if (!this.measured) this.measureRow();
    const articles: HTMLElement[] = [];
    for (const file of review.files) {
      const slot = this.fileSlot(file);
      this.slots.push(slot);
      this.slotsByArticle.set(slot.article, slot);
      articles.push(slot.article);
    }
    this.diffs.replaceChildren(...articles);
    this.updateControls();

    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { root: this.scroll, rootMargin: `${RENDER_MARGIN_PX}px 0px` });
    for (const slot of this.slots) this.observer.observe(slot.article);
    if (this.element.hidden) return;
    // What shows on the first screen renders now, so the first paint has diffs, not placeholders;
    // the observer's callbacks come only after a paint.
    const visibleBottom = this.scroll.clientHeight + RENDER_MARGIN_PX;
    let top = this.diffs.offsetTop - this.scroll.offsetTop;
    for (const slot of this.slots) {
      if (top > visibleBottom) break;
      top += slot.height + this.rowPx * 2;
      this.renderSlot(slot);
    }
  }

  /** The tab became visible: placeholders laid out while it was hidden get their real row height. */
  shown(): void {
    const before = this.rowPx;
    if (!this.measureRow() || this.rowPx === before) return;
    for (const slot of this.slots) {
      if (slot.rendered) continue;
      slot.height = estimatedDiffHeight(slot.file, this.rowPx);
      slot.body.style.height = `${slot.height}px`;
    }
  }

  /** Reads the row height off the probe; false while the tab is hidden (nothing to measure). */
  private measureRow(): boolean {
    const rowPx = this.probe.getBoundingClientRect().height;
    if (rowPx > 0) this.rowPx = rowPx;
    this.measured = rowPx > 0;
    return rowPx > 0;
  }

  private fileSlot(file: ReviewFileView): FileSlot {
    const openOne = el('button', {
      className: 'link',
      attrs: { type: 'button', 'data-action': 'open-diff', 'data-path': file.path, title: `Open ${file.path} in VS Code's diff editor` },
      onClick: () => this.openDiff(file.path),
    }, icon('diff'), ' Open diff');
    const body = el('div', { className: 'diff-body', attrs: { 'data-state': 'placeholder' } });
    const height = estimatedDiffHeight(file, this.rowPx);
    body.style.height = `${height}px`;
    const article = el('article', { className: 'review-file', attrs: { 'data-path': file.path, 'aria-label': file.path } },
      el('header', { className: 'review-file-header' },
        el('span', { className: 'file-path' }, file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ${file.path}` : file.path),
        el('span', { className: `file-status status-${file.status}` }, statusLabel(file.status)),
        el('span', { className: 'counts' }, changeCounts(file.added, file.removed)),
        openOne),
      body);
    return { file, article, body, rendered: false, height };
  }

  private onIntersect(entries: readonly IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const slot = this.slotsByArticle.get(entry.target);
      if (!slot) continue;
      if (entry.isIntersecting) this.renderSlot(slot);
      else this.releaseSlot(slot);
    }
  }

  private renderSlot(slot: FileSlot): void {
    if (slot.rendered) return;
    slot.rendered = true;
    const { file, body } = slot;
    body.style.height = '';
    body.dataset['state'] = 'rendered';
    if (file.status === 'binary' || file.hunks.length === 0) {
      body.replaceChildren(el('p', { className: 'muted diff-note' }, file.status === 'binary' ? 'Binary file: not shown.' : 'No textual change (mode or rename only).'));
      return;
    }
    // diff2html escapes every line of the diff (webview/review/diffHtml.ts): the one innerHTML here.
    body.innerHTML = fileDiffHtml(file.diff);
    for (const header of Array.from(body.querySelectorAll('.d2h-file-header'))) header.remove();
    const rows = Array.from(body.querySelectorAll<HTMLTableRowElement>('tr'));
    let index = -1;
    for (const row of rows) {
      const info = row.querySelector('td.d2h-info:not(.d2h-code-linenumber)');
      if (info) {
        index++;
        const hunk = file.hunks[index];
        if (hunk) info.append(this.hunkTools(file, hunk.index));
        row.classList.add('hunk-header-row');
      }
      row.dataset['h'] = String(index);
    }
    for (const h of file.hunks) this.reflectHunk(file.path, h.index, body);
  }

  private releaseSlot(slot: FileSlot): void {
    if (!slot.rendered || slot.article.contains(document.activeElement)) return;
    const height = slot.body.getBoundingClientRect().height;
    if (height > 0) slot.height = height;
    slot.rendered = false;
    slot.body.replaceChildren();
    slot.body.style.height = `${slot.height}px`;
    slot.body.dataset['state'] = 'placeholder';
    for (const h of slot.file.hunks) this.hunks.delete(hunkKey(slot.file.path, h.index));
  }

  private hunkTools(file: ReviewFileView, index: number): HTMLElement {
    const key = hunkKey(file.path, index);
    this.hunks.set(key, { path: file.path, index });
    const choice = this.model.choice(file.path, index);
    const button = (action: string, iconName: string, label: string, title: string): HTMLButtonElement =>
      el('button', { className: `hunk-button ${action}`, attrs: { type: 'button', 'data-action': action, title } }, icon(iconName), ` ${label}`);
    const comment = el('textarea', {
      className: 'hunk-comment',
      attrs: { 'data-field': 'hunk-comment', rows: '2', 'aria-label': `Comment on hunk ${index + 1} of ${file.path}`, placeholder: 'Comment on this hunk (sent with Reject)' },
    });
    comment.value = choice.comment;
    comment.hidden = choice.comment === '';
    return el('div', { className: 'hunk-tools', attrs: { 'data-hunk': key, role: 'group', 'aria-label': `Hunk ${index + 1} of ${file.path}` } },
      button('accept-hunk', 'check', 'Accept', 'Keep this hunk'),
      button('reject-hunk', 'close', 'Reject', 'Reject this hunk: it is reverted on the task branch when you reject the task'),
      button('comment-hunk', 'comment', 'Comment', 'Add a comment on this hunk for the next attempt'),
      comment);
  }

  private onDiffClick(e: MouseEvent): void {
    const target = e.target instanceof Element ? e.target.closest('button[data-action]') : null;
    const tools = target?.closest('[data-hunk]');
    const ref = tools ? this.hunks.get(tools.getAttribute('data-hunk') ?? '') : undefined;
    if (!target || !tools || !ref) return;
    switch (target.getAttribute('data-action')) {
      case 'accept-hunk':
        this.model.setRejected(ref.path, ref.index, false);
        break;
      case 'reject-hunk':
        this.model.setRejected(ref.path, ref.index, true);
        break;
      case 'comment-hunk': {
        const box = tools.querySelector<HTMLTextAreaElement>('textarea[data-field="hunk-comment"]');
        if (box) {
          box.hidden = false;
          box.focus();
        }
        return;
      }
      default:
        return;
    }
    this.saveDraft(this.model.draft());
    const slot = this.slots.find((s) => s.file.path === ref.path);
    if (slot) this.reflectHunk(ref.path, ref.index, slot.body);
    this.updateControls();
  }

  private onDiffInput(e: Event): void {
    const box = e.target;
    if (!(box instanceof HTMLTextAreaElement) || box.getAttribute('data-field') !== 'hunk-comment') return;
    const ref = this.hunks.get(box.closest('[data-hunk]')?.getAttribute('data-hunk') ?? '');
    if (!ref) return;
    this.model.setComment(ref.path, ref.index, box.value);
    this.saveDraft(this.model.draft());
    this.updateControls();
  }

  /** Shows a hunk's choice: the pressed toggle and its rows marked rejected. */
  private reflectHunk(path: string, index: number, body: HTMLElement): void {
    const rejected = this.model.choice(path, index).rejected;
    const tools = Array.from(body.querySelectorAll('[data-hunk]')).find((t) => t.getAttribute('data-hunk') === hunkKey(path, index));
    if (!tools) return;
    tools.classList.toggle('rejected', rejected);
    tools.querySelector('[data-action="accept-hunk"]')?.setAttribute('aria-pressed', String(!rejected));
    tools.querySelector('[data-action="reject-hunk"]')?.setAttribute('aria-pressed', String(rejected));
    for (const row of Array.from(body.querySelectorAll<HTMLElement>(`tr[data-h="${index}"]`))) row.classList.toggle('hunk-rejected', rejected);
  }

  private updateControls(): void {
    const review = this.model.review;
    const idle = this.busy === null && review !== null;
    const rejected = this.model.rejectedHunks().length;
    const comments = this.model.comments().length;
    this.restricted.hidden = this.trusted || review === null;
    for (const b of [this.approve, this.reject]) b.hidden = !this.trusted;
    setDisabled(this.approve, !idle || rejected > 0);
    this.approve.title = rejected > 0
      ? `${rejected} ${rejected === 1 ? 'hunk is' : 'hunks are'} marked Reject: reject the task to send ${rejected === 1 ? 'it' : 'them'} back, or accept ${rejected === 1 ? 'it' : 'them'} to approve`
      : 'Approve: commit and merge the task branch';
    setDisabled(this.reject, !idle);
    setDisabled(this.skip, !idle);
    setDisabled(this.openAll, review === null);
    this.sendReject.disabled = !idle;
    const note = this.rejectForm.querySelector('.reject-note');
    if (note) {
      const parts = [rejected > 0 ? `${rejected} rejected ${rejected === 1 ? 'hunk' : 'hunks'} will be reverted` : 'No hunk is reverted', comments > 0 ? `${comments} ${comments === 1 ? 'comment goes' : 'comments go'} with the reason` : ''];
      note.textContent = `${parts.filter(Boolean).join('; ')}.`;
    }
  }

  private showRejectForm(show: boolean): void {
    this.rejectForm.hidden = !show;
    this.rejectError.textContent = '';
    if (show) {
      this.updateControls();
      this.reason.focus();
    }
  }

  private sendRejection(): void {
    const draft = this.model.rejectDraft();
    if (!draft.ok) {
      this.rejectError.textContent = draft.error;
      this.reason.focus();
      return;
    }
    this.sendReject.disabled = true;
    this.post(draft.message);
  }

  private decide(kind: 'approve' | 'skip'): void {
    const review = this.model.review;
    if (!review || this.busy !== null) return;
    if (kind === 'skip') {
      this.post({ type: 'skip', taskId: review.taskId });
      return;
    }
    const message = this.model.approveMessage();
    if (message) this.post(message);
  }

  private openDiff(path: string | null): void {
    const review = this.model.review;
    if (review) this.post({ type: 'openDiff', taskId: review.taskId, path });
  }

  private jumpTo(index: number): void {
    const slot = this.slots[index];
    if (!slot) return;
    this.renderSlot(slot);
    slot.article.scrollIntoView({ block: 'start' });
  }
}

function verdictItem(v: ReviewVerdictView): HTMLLIElement {
  const look = v.verdict === 'passed' ? { icon: 'pass-filled', tone: 'success', label: 'passed' }
    : v.verdict === 'fixed' ? { icon: 'tools', tone: 'info', label: 'fixed' }
      : v.verdict === 'failed' ? { icon: 'error', tone: 'error', label: 'failed' }
        : { icon: 'question', tone: 'warning', label: 'no verdict' };
  const who = [v.agent, v.model].filter(Boolean).join(' · ');
  const cost = v.costUsd === null ? '' : ` · $${v.costUsd.toFixed(2)}`;
  const findings = el('pre', { className: 'findings' });
  findings.textContent = v.findings.trim() || '(no findings)';
  return el('li', { className: `verdict verdict-${v.verdict ?? 'none'}`, attrs: { 'data-role': v.role } },
    el('div', { className: 'verdict-head' },
      icon(look.icon, `tone-${look.tone}`),
      el('strong', { className: 'verdict-role' }, v.role),
      el('span', { className: `badge tone-${look.tone}` }, look.label),
      el('span', { className: 'muted' }, `${who}${cost}`)),
    findings);
}

function actionButton(action: string, label: string, iconName: string, title: string, secondary = false): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('data-action', action);
  b.setAttribute('data-key', `review-${action}`);
  b.setAttribute('title', title);
  if (secondary) b.setAttribute('secondary', '');
  const glyph = icon(iconName);
  glyph.setAttribute('slot', 'content-before');
  b.append(glyph, label);
  return b;
}

function setDisabled(b: HTMLElement, disabled: boolean): void {
  b.toggleAttribute('disabled', disabled);
}

/** Marks the first paint after a review arrived (performance entry `review-first-paint`, read by the bench). */
function markPainted(): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      performance.mark('review-painted');
      performance.measure('review-first-paint', 'review-start', 'review-painted');
    }, 0);
  });
}
