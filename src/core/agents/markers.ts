// Completion markers and review verdicts, read from an agent's text as whole lines only, so an agent
// that says "I will print TASK_COMPLETE when done" has not completed anything (agent-clis.md).
import type { CompletionMarker, MarkerResult } from './types';

export type ReviewVerdict = 'passed' | 'fixed' | 'failed';

export const NO_MARKER: MarkerResult = { marker: null, reason: '' };

const MARKER_LINE = /^[ \t]*(TASK_COMPLETE|TASK_FAILED|TASK_BLOCKED)[ \t]*(?::[ \t]*(.*?))?[ \t]*$/gm;
const VERDICT_LINE = /^[ \t]*(REVIEW_PASSED|REVIEW_FIXED|REVIEW_FAILED)[ \t]*(?::[ \t]*(.*?))?[ \t]*$/gm;

/**
 * The total order when an agent printed several markers: the most cautious wins, so a run that says
 * both COMPLETE and BLOCKED (or FAILED) is never taken as done. blocked > failed > complete.
 */
const MARKER_RANK: Readonly<Record<CompletionMarker, number>> = { complete: 1, failed: 2, blocked: 3 };

/** The same rule for reviews: any FAILED line fails the review, a FIXED line outranks a PASSED one. */
const VERDICT_RANK: Readonly<Record<ReviewVerdict, number>> = { passed: 1, fixed: 2, failed: 3 };

/**
 * The winning completion marker and the text after its colon. When the winning marker appears more
 * than once, the last one gives the reason (an agent's latest word on why it stopped).
 */
export function parseMarkers(text: string): MarkerResult {
  let best: MarkerResult = NO_MARKER;
  for (const m of normalizeNewlines(text).matchAll(MARKER_LINE)) {
    const marker = markerOf(m[1]);
    if (marker === null) continue;
    if (best.marker === null || MARKER_RANK[marker] >= MARKER_RANK[best.marker]) {
      best = { marker, reason: m[2] ?? '' };
    }
  }
  return best;
}

/** The review's verdict (FAILED > FIXED > PASSED when several lines appear), or null when none does. */
export function parseReviewVerdict(text: string): ReviewVerdict | null {
  let best: ReviewVerdict | null = null;
  for (const m of normalizeNewlines(text).matchAll(VERDICT_LINE)) {
    const verdict = verdictOf(m[1]);
    if (verdict !== null && (best === null || VERDICT_RANK[verdict] > VERDICT_RANK[best])) best = verdict;
  }
  return best;
}

const SIGNAL_LINE = /^[ \t]*(TASK_COMPLETE|TASK_FAILED|TASK_BLOCKED|REVIEW_PASSED|REVIEW_FIXED|REVIEW_FAILED)[ \t]*(?::[ \t]*(.*?))?[ \t]*$/;

/** The marker or verdict word when `line` (one line, no newline) is a whole marker or verdict line. */
export function signalWord(line: string): string | null {
  return SIGNAL_LINE.exec(line)?.[1] ?? null;
}

/** `$` stops before `\n` only: a `\r` left in the text would hide a marker ending a CRLF line. */
function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

function markerOf(word: string | undefined): CompletionMarker | null {
  switch (word) {
    case 'TASK_COMPLETE': return 'complete';
    case 'TASK_FAILED': return 'failed';
    case 'TASK_BLOCKED': return 'blocked';
    default: return null;
  }
}

function verdictOf(word: string | undefined): ReviewVerdict | null {
  switch (word) {
    case 'REVIEW_PASSED': return 'passed';
    case 'REVIEW_FIXED': return 'fixed';
    case 'REVIEW_FAILED': return 'failed';
    default: return null;
  }
}
