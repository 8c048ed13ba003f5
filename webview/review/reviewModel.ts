// The page's state of one review: the host's ReviewView plus what the person chose so far (per-hunk
// Accept / Reject, comments, the reject reason), kept here until Approve or Reject turns it into a
// message, and as a draft in the page's saved state: VS Code tears a hidden panel's page down (Open
// diff hides it), and the rebuilt page takes the draft back. Pure (no DOM), so unit-tested in Node.
import type {
  HunkRefData, ReviewCommentData, ReviewFileView, ReviewToHost, ReviewView,
} from '../../src/protocol/reviewMessages';

export interface HunkChoice {
  readonly rejected: boolean;
  readonly comment: string;
}

const ACCEPTED: HunkChoice = { rejected: false, comment: '' };

export type RejectDraft = { readonly ok: true; readonly message: ReviewToHost<'reject'> } | { readonly ok: false; readonly error: string };

/** `src/app.ts#2`: the key of a hunk, also its `data-hunk` selector in the page. */
export function hunkKey(path: string, index: number): string {
  return `${path}#${index}`;
}

/** What the person chose on one review (task and attempt), as the page saves it. */
export interface ReviewDraft {
  readonly taskId: string;
  readonly attempt: number;
  readonly reason: string;
  /** `[hunkKey, choice]` of the hunks marked Reject or commented. */
  readonly hunks: readonly (readonly [string, HunkChoice])[];
  /** `[path, comment]` of the files commented. */
  readonly files: readonly (readonly [string, string])[];
}

export class ReviewModel {
  private review_: ReviewView | null = null;
  private readonly choices = new Map<string, HunkChoice>();
  private readonly fileComments = new Map<string, string>();
  reason = '';
  /** A saved draft waiting for its review to arrive (the page was rebuilt). */
  private pending: ReviewDraft | null;

  /** `saved` is whatever the page's state held: anything but a well-formed draft is ignored. */
  constructor(saved: unknown = null) {
    this.pending = readDraft(saved);
  }

  get review(): ReviewView | null {
    return this.review_;
  }

  /**
   * Takes the host's review. The same task and attempt again (a re-sent review, the panel shown
   * again) keeps the person's choices; another review starts fresh.
   */
  set(review: ReviewView | null): void {
    const same = review !== null && this.review_ !== null && review.taskId === this.review_.taskId && review.attempt === this.review_.attempt;
    this.review_ = review;
    if (same) return;
    this.choices.clear();
    this.fileComments.clear();
    this.reason = '';
    if (review === null) return;
    const draft = this.pending;
    this.pending = null;
    if (draft && draft.taskId === review.taskId && draft.attempt === review.attempt) this.restore(review, draft);
  }

  /** The person's choices on the current review; null when there is none or nothing was chosen. */
  draft(): ReviewDraft | null {
    const r = this.review_;
    if (!r || (this.choices.size === 0 && this.fileComments.size === 0 && this.reason === '')) return null;
    return { taskId: r.taskId, attempt: r.attempt, reason: this.reason, hunks: [...this.choices], files: [...this.fileComments] };
  }

  /** Only choices on hunks and files this review still has come back. */
  private restore(review: ReviewView, draft: ReviewDraft): void {
    const hunks = new Set(review.files.flatMap((f) => f.hunks.map((h) => hunkKey(f.path, h.index))));
    const paths = new Set(review.files.map((f) => f.path));
    for (const [key, choice] of draft.hunks) if (hunks.has(key)) this.choices.set(key, choice);
    for (const [path, comment] of draft.files) if (paths.has(path)) this.fileComments.set(path, comment);
    this.reason = draft.reason;
  }

  choice(path: string, index: number): HunkChoice {
    return this.choices.get(hunkKey(path, index)) ?? ACCEPTED;
  }

  setRejected(path: string, index: number, rejected: boolean): void {
    this.put(path, index, { ...this.choice(path, index), rejected });
  }

  setComment(path: string, index: number, comment: string): void {
    this.put(path, index, { ...this.choice(path, index), comment });
  }

  fileComment(path: string): string {
    return this.fileComments.get(path) ?? '';
  }

  setFileComment(path: string, comment: string): void {
    if (comment === '') this.fileComments.delete(path);
    else this.fileComments.set(path, comment);
  }

  /** Hunks marked Reject, in file then hunk order. */
  rejectedHunks(): HunkRefData[] {
    const out: HunkRefData[] = [];
    for (const file of this.review_?.files ?? []) {
      for (const h of file.hunks) if (this.choice(file.path, h.index).rejected) out.push({ path: file.path, index: h.index, header: h.header });
    }
    return out;
  }

  /** Non-empty comments, file comments before that file's hunk comments. */
  comments(): ReviewCommentData[] {
    const out: ReviewCommentData[] = [];
    for (const file of this.review_?.files ?? []) {
      const fc = this.fileComment(file.path).trim();
      if (fc) out.push({ path: file.path, hunk: null, text: fc });
      for (const h of file.hunks) {
        const text = this.choice(file.path, h.index).comment.trim();
        if (text) out.push({ path: file.path, hunk: h.index, text });
      }
    }
    return out;
  }

  /** Approve merges every hunk as it is: not while some are marked Reject. */
  canApprove(): boolean {
    return this.review_ !== null && this.rejectedHunks().length === 0;
  }

  approveMessage(): ReviewToHost<'approve'> | null {
    const r = this.review_;
    return r && this.canApprove() ? { type: 'approve', taskId: r.taskId, attempt: r.attempt } : null;
  }

  /** The Reject message, or why it cannot be sent yet (the reason is required). */
  rejectDraft(): RejectDraft {
    const r = this.review_;
    if (!r) return { ok: false, error: 'There is no review to reject.' };
    const reason = this.reason.trim();
    if (!reason) return { ok: false, error: 'Say why you reject it: the reason goes to the next attempt.' };
    return { ok: true, message: { type: 'reject', taskId: r.taskId, attempt: r.attempt, reason, comments: this.comments(), revert: this.rejectedHunks() } };
  }

  private put(path: string, index: number, choice: HunkChoice): void {
    const key = hunkKey(path, index);
    if (!choice.rejected && choice.comment === '') this.choices.delete(key);
    else this.choices.set(key, choice);
  }
}

/** A draft from the page's saved state, checked field by field (it outlives the code that wrote it). */
export function readDraft(value: unknown): ReviewDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const d = value as Readonly<Record<string, unknown>>;
  const { taskId, attempt, reason, hunks, files } = d;
  if (typeof taskId !== 'string' || typeof attempt !== 'number' || typeof reason !== 'string' || !Array.isArray(hunks) || !Array.isArray(files)) return null;
  const goodHunks: (readonly [string, HunkChoice])[] = [];
  for (const entry of hunks as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const c = entry[1] as Readonly<Record<string, unknown>> | null;
    if (typeof c === 'object' && c !== null && typeof c['rejected'] === 'boolean' && typeof c['comment'] === 'string') {
      goodHunks.push([entry[0], { rejected: c['rejected'], comment: c['comment'] }]);
    }
  }
  const goodFiles: (readonly [string, string])[] = [];
  for (const entry of files as unknown[]) {
    if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') goodFiles.push([entry[0], entry[1]]);
  }
  return { taskId, attempt, reason, hunks: goodHunks, files: goodFiles };
}

export interface ReviewTotals {
  readonly files: number;
  readonly added: number;
  readonly removed: number;
  readonly hunks: number;
}

export function reviewTotals(review: ReviewView): ReviewTotals {
  let added = 0;
  let removed = 0;
  let hunks = 0;
  for (const f of review.files) {
    added += f.added;
    removed += f.removed;
    hunks += f.hunks.length;
  }
  return { files: review.files.length, added, removed, hunks };
}

/** Pixel height a file's diff will take, so its placeholder keeps the scrollbar honest before it renders. */
export function estimatedDiffHeight(file: ReviewFileView, rowPx: number): number {
  if (file.status === 'binary' || file.hunks.length === 0) return 2 * rowPx;
  let rows = 0;
  for (const h of file.hunks) rows += h.lines + 2; // the hunk header row and its toolbar
  return rows * rowPx;
}

/** One formatter: toLocaleString builds a new one per call, which 400 counts of a big review notice. */
const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** `+12 −3`, the same in the file list and each file header. */
export function changeCounts(added: number, removed: number): string {
  return `+${COUNT.format(added)} −${COUNT.format(removed)}`;
}

export function statusLabel(status: ReviewFileView['status']): string {
  switch (status) {
    case 'added':
      return 'added';
    case 'deleted':
      return 'deleted';
    case 'modified':
      return 'modified';
    case 'renamed':
      return 'renamed';
    case 'binary':
      return 'binary';
  }
}
