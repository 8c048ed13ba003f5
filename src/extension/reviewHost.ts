// The run panel's review half, host side: one ReviewPart per open run panel sends the task's
// parked review to the page (when it is ready, when the task parks, on the Review command) and
// carries out what the page decides (checked by parseReviewMessage) through a ReviewBackend.
import type * as vscode from 'vscode';
import { isReviewMessage, parseReviewMessage } from '../protocol/parseReviewMessage';
import type { HostToReview, HunkRefData, ReviewCommentData, ReviewDecisionKind, ReviewToHost, ReviewToHostPayloads, ReviewToHostRequestMap, ReviewView } from '../protocol/reviewMessages';

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** What a decision did, in words for the panel's status line. */
export interface DecisionOutcome {
  readonly ok: boolean;
  readonly message: string;
}

export interface RejectInput {
  readonly reason: string;
  readonly comments: readonly ReviewCommentData[];
  readonly revert: readonly HunkRefData[];
}

/** The review side of the extension as a panel needs it (src/extension/reviewService.ts). */
export interface ReviewBackend {
  trusted(): boolean;
  /** The review of a task awaiting approval; null when it does not await one. */
  load(taskId: string): Promise<Loaded<ReviewView | null>>;
  approve(taskId: string): Promise<DecisionOutcome>;
  reject(taskId: string, input: RejectInput): Promise<DecisionOutcome>;
  openDiff(taskId: string, path: string | null): Promise<void>;
}

export class ReviewPart {
  private ready = false;
  private focusNext = false;
  private busy: ReviewDecisionKind | null = null;
  /** The attempt the page was last sent: a decision about another one is stale. */
  private shownAttempt: number | null = null;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly taskId: string,
    private readonly post: (message: HostToReview) => Thenable<boolean>,
    private readonly backend: () => ReviewBackend | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** True when the page's message belongs to the review (then `receive` handles it). */
  static claims(raw: unknown): boolean {
    return isReviewMessage(raw);
  }

  /** The page said `ready` (first load, or shown again after being hidden): send the review. */
  onReady(): Promise<void> {
    this.ready = true;
    return this.refresh(this.focusNext);
  }

  onHidden(): void {
    this.ready = false;
  }

  /** Reloads the review and sends it; `focus` switches the page to its Review tab (now or once ready). */
  refresh(focus: boolean): Promise<void> {
    if (!this.ready) {
      this.focusNext ||= focus;
      return Promise.resolve();
    }
    this.focusNext = false;
    // One load at a time, in order: a park and a Review click close together must not race.
    this.loading = this.loading.then(() => this.load(focus));
    return this.loading;
  }

  async receive(raw: unknown): Promise<void> {
    const parsed = parseReviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`run panel ${this.taskId}: ignored a malformed review message: ${parsed.error}`);
      return;
    }
    const message = parsed.value;
    if (message.taskId !== this.taskId) {
      this.log.warn(`run panel ${this.taskId}: ignored a ${message.type} for ${message.taskId}`);
      return;
    }
    const handlers: ReviewToHostRequestMap = {
      approve: (m) => this.decide('approve', m.attempt, (b) => b.approve(this.taskId)),
      reject: (m) => this.decide('reject', m.attempt, (b) => b.reject(this.taskId, { reason: m.reason, comments: m.comments, revert: m.revert })),
      skip: () => this.status(null, `${this.taskId} stays awaiting approval; approve or reject it later (CodeLens, the Tasks view, or specpilot approve / reject).`, 'info'),
      openDiff: async (m) => {
        await this.backend()?.openDiff(this.taskId, m.path);
      },
    };
    await dispatch(handlers, message);
  }

  private async load(focus: boolean): Promise<void> {
    const backend = this.backend();
    if (!backend) return;
    const trusted = backend.trusted();
    const loaded = trusted ? await backend.load(this.taskId) : { ok: true as const, value: null };
    if (!this.ready) return;
    if (!loaded.ok) {
      this.log.warn(`run panel ${this.taskId}: review not shown: ${loaded.error}`);
      await this.post({ type: 'review', review: null, focus: false });
      await this.status(null, loaded.error, 'error');
      return;
    }
    this.shownAttempt = loaded.value?.attempt ?? null;
    await this.post({ type: 'review', review: loaded.value, focus });
    await this.status(this.busy, trusted ? '' : 'Restricted Mode: trust this workspace to see and decide the review.', 'info');
  }

  private async decide(kind: 'approve' | 'reject', attempt: number, run: (b: ReviewBackend) => Promise<DecisionOutcome>): Promise<void> {
    const backend = this.backend();
    if (!backend) return;
    if (!backend.trusted()) {
      await this.status(null, 'Restricted Mode: approving and rejecting need a trusted workspace.', 'error');
      return;
    }
    if (this.busy !== null) return;
    if (this.shownAttempt !== attempt) {
      await this.status(null, `This review is of attempt ${attempt}, the task is now at ${this.shownAttempt === null ? 'no review' : `attempt ${this.shownAttempt}`}: look again before deciding.`, 'error');
      await this.refresh(false);
      return;
    }
    this.busy = kind;
    await this.status(kind, kind === 'approve' ? `Approving ${this.taskId}: commit and merge…` : `Rejecting ${this.taskId}: the next attempt starts with your reason…`, 'info');
    let outcome: DecisionOutcome;
    try {
      outcome = await run(backend);
    } catch (err) {
      outcome = { ok: false, message: `${kind} failed: ${err instanceof Error ? err.message : String(err)}` };
    } finally {
      this.busy = null;
    }
    await this.refresh(false);
    await this.status(null, outcome.message, outcome.ok ? 'success' : 'error');
  }

  private async status(busy: ReviewDecisionKind | null, message: string, tone: 'info' | 'success' | 'error'): Promise<void> {
    if (!this.ready) return;
    await this.post({ type: 'reviewStatus', trusted: this.backend()?.trusted() ?? false, busy, message, tone });
  }
}

function dispatch<K extends keyof ReviewToHostPayloads>(handlers: ReviewToHostRequestMap, message: ReviewToHost<K>): void | Promise<void> {
  return handlers[message.type](message);
}
