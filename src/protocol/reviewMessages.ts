// The review half of the run panel's protocol: the host sends a parked task's review (verdicts,
// changed files, each file's diff); the page answers with a decision. Types only, restating the
// core's review shapes (src/core/review) so the browser bundle never imports core.
import type { Message, RequestMap } from './messages';

export type ReviewVerdictName = 'passed' | 'fixed' | 'failed';

/** One AI reviewer's answer on the latest attempt; `verdict` null: it gave none (counts as failed). */
export interface ReviewVerdictView {
  readonly role: string;
  readonly verdict: ReviewVerdictName | null;
  /** The reviewer's findings as it wrote them: shown as text, never as HTML. */
  readonly findings: string;
  readonly agent: string;
  readonly model: string | null;
  readonly costUsd: number | null;
}

export type ReviewFileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'binary';

export interface ReviewHunkView {
  /** 0-based position in its file: what HunkRef.index and ReviewComment.hunk name. */
  readonly index: number;
  /** `@@ -a,b +c,d @@ ...`: guards a decision against a review that changed meanwhile. */
  readonly header: string;
  /** Rows of the hunk (context, added and removed lines). */
  readonly lines: number;
}

export interface ReviewFileView {
  /** Repository-relative path on the task branch (the old path for a deleted file). */
  readonly path: string;
  /** The path before a rename; null otherwise. */
  readonly oldPath: string | null;
  readonly status: ReviewFileStatus;
  readonly added: number;
  readonly removed: number;
  readonly hunks: readonly ReviewHunkView[];
  /** This file's unified diff (`--- a/..`, `+++ b/..`, hunks), rendered by diff2html in the page. */
  readonly diff: string;
}

/** A parked task's review as the panel shows it. */
export interface ReviewView {
  readonly taskId: string;
  readonly title: string;
  /** The task branch; null when the run used no branch (the working tree vs HEAD). */
  readonly branch: string | null;
  readonly baseBranch: string;
  readonly attempt: number;
  readonly runId: string | null;
  /** Epoch ms when the task parked; null when not known. */
  readonly parkedAt: number | null;
  readonly verdicts: readonly ReviewVerdictView[];
  readonly files: readonly ReviewFileView[];
}

/** A comment on the whole task (path null), one file (hunk null) or one hunk: core's ReviewComment. */
export interface ReviewCommentData {
  readonly path: string | null;
  readonly hunk: number | null;
  readonly text: string;
}

/** One hunk to revert: core's HunkRef. */
export interface HunkRefData {
  readonly path: string;
  readonly index: number;
  readonly header: string;
}

export type ReviewDecisionKind = 'approve' | 'reject' | 'skip';

// ---- host -> webview -------------------------------------------------------------------------

/** Not part of the run output's sequence: each message replaces what the page had. */
export interface HostToReviewPayloads {
  /** The review of the panel's task, or null when it does not await approval (any more). */
  readonly review: {
    readonly review: ReviewView | null;
    /** Switch the panel to its Review tab (the Review command, a notification's Review). */
    readonly focus: boolean;
  };
  /** Whether deciding is possible now and how the last decision went. */
  readonly reviewStatus: {
    /** False in Restricted Mode: the page shows the review without Approve / Reject. */
    readonly trusted: boolean;
    /** The decision being carried out; null when none. */
    readonly busy: ReviewDecisionKind | null;
    /** The last decision's outcome or an error; '' for none. */
    readonly message: string;
    readonly tone: 'info' | 'success' | 'error';
  };
}

// ---- webview -> host -------------------------------------------------------------------------

/** Every decision names its task and the attempt it saw, so a stale page cannot decide a newer review. */
export interface ReviewToHostPayloads {
  readonly approve: { readonly taskId: string; readonly attempt: number };
  readonly reject: {
    readonly taskId: string;
    readonly attempt: number;
    /** Required: why, in the person's words (fenced as data in the next prompt). */
    readonly reason: string;
    readonly comments: readonly ReviewCommentData[];
    /** Hunks the person rejected: reverted on the task branch before the next attempt. */
    readonly revert: readonly HunkRefData[];
  };
  /** Leave the task parked for later. */
  readonly skip: { readonly taskId: string };
  /** VS Code's diff editor: one file, or every changed file when path is null. */
  readonly openDiff: { readonly taskId: string; readonly path: string | null };
}

export type HostToReview<K extends keyof HostToReviewPayloads = keyof HostToReviewPayloads> = Message<HostToReviewPayloads, K>;
export type ReviewToHost<K extends keyof ReviewToHostPayloads = keyof ReviewToHostPayloads> = Message<ReviewToHostPayloads, K>;

export type ReviewToHostRequestMap = RequestMap<ReviewToHostPayloads>;

/** The page posts these types for the review; every other type belongs to the run panel. */
export const REVIEW_TO_HOST_TYPES: readonly (keyof ReviewToHostPayloads)[] = ['approve', 'reject', 'skip', 'openDiff'];
