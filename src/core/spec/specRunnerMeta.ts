// spec-runner's meta line (`🔴 P0 | ✅ DONE | Est: 1d`): its emoji tables, a tolerant reader that
// keeps the exact columns write-back needs, and the canonical status text write-back puts back.
import type { Priority, TaskStatus } from './model';

export type KnownStatus = Exclude<TaskStatus, 'unknown'>;

export const PRIORITY_EMOJI: Readonly<Record<Priority, string>> = { p0: '🔴', p1: '🟠', p2: '🟡', p3: '🟢' };

/** `⏸️` is written as U+23F8 U+FE0F; U+23F8 alone is read too. */
export const STATUS_EMOJI: Readonly<Record<KnownStatus, string>> = {
  todo: '⬜',
  in_progress: '🔄',
  review: '🔍',
  done: '✅',
  blocked: '⏸\uFE0F',
};

export const STATUS_WORD: Readonly<Record<KnownStatus, string>> = {
  todo: 'TODO',
  in_progress: 'IN_PROGRESS',
  review: 'REVIEW',
  done: 'DONE',
  blocked: 'BLOCKED',
};

const CANONICAL_STATUS_TEXTS: readonly string[] = [
  ...Object.values(STATUS_WORD),
  ...(Object.keys(STATUS_WORD) as KnownStatus[]).map((s) => `${STATUS_EMOJI[s]} ${STATUS_WORD[s]}`),
  '⏸ BLOCKED',
];

/** `line.slice(col, endCol)`, sharing one string per canonical status text (`✅ DONE`, `TODO`). */
export function statusTextAt(line: string, col: number, endCol: number): string {
  const len = endCol - col;
  for (let k = 0; k < CANONICAL_STATUS_TEXTS.length; k++) {
    const text = CANONICAL_STATUS_TEXTS[k]!;
    if (text.length === len && line.startsWith(text, col)) return text;
  }
  return line.slice(col, endCol);
}

export const ACCEPTED_STATUS_WORDS = 'TODO, IN_PROGRESS, REVIEW, DONE, BLOCKED';
export const META_EXAMPLE = '🟠 P1 | ⬜ TODO | Est: 1d';

/** What write-back puts in place of `task.statusSpan`: emoji, one space, upper-case word. */
export function formatSpecRunnerStatus(status: KnownStatus): string {
  return `${STATUS_EMOJI[status]} ${STATUS_WORD[status]}`;
}

/** Columns [col, endCol) on the meta line and the text between them. */
export interface MetaPart {
  readonly col: number;
  readonly endCol: number;
  readonly text: string;
}

export interface ParsedMeta {
  /** The P-token (or the priority emoji when no token follows it); null when the line names none. */
  readonly priorityPart: MetaPart | null;
  /** Null when the line names no priority or an unknown one (`P7`, `PX`). */
  readonly priority: Priority | null;
  readonly emoji: (MetaPart & { readonly status: KnownStatus }) | null;
  /** The status word; `status` is 'unknown' for a word spec-runner does not know (`WIP`). */
  readonly word: (MetaPart & { readonly status: TaskStatus }) | null;
  /** The value after `Est:` (or a bare `2d` segment) as written, null when absent or empty. */
  readonly estimate: string | null;
}

const PRIORITY_EMOJIS: readonly string[] = ['🔴', '🟠', '🟡', '🟢'];
const PRIORITIES: readonly Priority[] = ['p0', 'p1', 'p2', 'p3'];
const STATUS_EMOJIS: readonly string[] = ['⬜', '🔄', '🔍', '✅', '⏸'];
const EMOJI_STATUSES: readonly KnownStatus[] = ['todo', 'in_progress', 'review', 'done', 'blocked'];

const LABEL_RE = /(?:priority|prio|status|state)[ \t]*:[ \t*]*/iy;
const EST_RE = /est(?:imate)?[ \t]*:[ \t*]*/iy;
const DURATION_RE = /^\d+(?:\.\d+)?(?:[ \t]*[-–][ \t]*\d+(?:\.\d+)?)?[ \t]*(?:h|d|w|hrs?|hours?|days?|weeks?)$/i;
const PRIORITY_RE = /(?:[Pp]\d{1,2}|P[A-Z])(?![A-Za-z0-9_])/y;
const KNOWN_PRIORITY_RE = /^[Pp][0-3]$/;
const STATUS_WORD_RE = /(todo|in[ \t_-]*progress|review|done|blocked)(?![A-Za-z0-9_])/iy;

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function statusOfWord(word: string): KnownStatus {
  const c = word.charCodeAt(0) | 0x20;
  if (c === 0x74) return 'todo'; // t
  if (c === 0x72) return 'review'; // r
  if (c === 0x64) return 'done'; // d
  if (c === 0x62) return 'blocked'; // b
  return 'in_progress';
}

/** Index in `emojis` of the emoji at `pos`, or -1. */
function emojiAt(line: string, pos: number, emojis: readonly string[]): number {
  for (let k = 0; k < emojis.length; k++) if (line.startsWith(emojis[k]!, pos)) return k;
  return -1;
}

/** End column of the emoji at `pos` (which `emojiAt` found), past an optional U+FE0F. */
function emojiEnd(line: string, pos: number, emoji: string): number {
  const end = pos + emoji.length;
  return line.charCodeAt(end) === 0xfe0f ? end + 1 : end;
}

interface MetaDraft {
  priorityPart: MetaPart | null;
  priority: Priority | null;
  emoji: (MetaPart & { readonly status: KnownStatus }) | null;
  word: (MetaPart & { readonly status: TaskStatus }) | null;
  estimate: string | null;
}

/**
 * Reads a meta line, tolerating a `- `/`* ` bullet, bold, extra or missing spaces around `|`,
 * fields in any order and `Priority:`/`Status:` labels. Returns null when the line is not a meta
 * line: it needs a `|` and a priority or status, or (without `|`) both a priority and a status.
 */
export function parseMetaLine(line: string): ParsedMeta | null {
  const len = line.length;
  let start = 0;
  while (start < len && isBlank(line.charCodeAt(start))) start++;
  const c0 = line.charCodeAt(start);
  if ((c0 === 45 || c0 === 42) && isBlank(line.charCodeAt(start + 1))) start += 2;
  const d: MetaDraft = { priorityPart: null, priority: null, emoji: null, word: null, estimate: null };
  let hasPipe = false;
  let s = start;
  for (;;) {
    let e = line.indexOf('|', s);
    if (e < 0) e = len;
    else hasPipe = true;
    readSegment(line, s, e, d);
    if (e >= len) break;
    s = e + 1;
  }
  const knownStatus = d.emoji !== null || (d.word !== null && d.word.status !== 'unknown');
  const isMeta = hasPipe ? d.priorityPart !== null || knownStatus : d.priorityPart !== null && knownStatus;
  if (!isMeta) return null;
  return d;
}

function readSegment(line: string, from: number, to: number, d: MetaDraft): void {
  let s = from;
  let e = to;
  while (s < e && (isBlank(line.charCodeAt(s)) || line.charCodeAt(s) === 42)) s++;
  while (e > s && (isBlank(line.charCodeAt(e - 1)) || line.charCodeAt(e - 1) === 42)) e--;
  if (s >= e) return;
  EST_RE.lastIndex = s;
  if (EST_RE.test(line) && EST_RE.lastIndex <= e) {
    if (d.estimate === null && EST_RE.lastIndex < e) d.estimate = line.slice(EST_RE.lastIndex, e);
    return;
  }
  LABEL_RE.lastIndex = s;
  if (LABEL_RE.test(line) && LABEL_RE.lastIndex <= e) s = LABEL_RE.lastIndex;
  if (s >= e) return;

  let pos = s;
  const pIndex = emojiAt(line, pos, PRIORITY_EMOJIS);
  const pEnd = pIndex < 0 ? s : emojiEnd(line, s, PRIORITY_EMOJIS[pIndex]!);
  if (pIndex >= 0) {
    pos = pEnd;
    while (pos < e && isBlank(line.charCodeAt(pos))) pos++;
  }
  PRIORITY_RE.lastIndex = pos;
  const hasToken = PRIORITY_RE.test(line) && PRIORITY_RE.lastIndex <= e;
  if (hasToken || pIndex >= 0) {
    if (d.priorityPart === null) {
      if (hasToken) {
        const text = line.slice(pos, PRIORITY_RE.lastIndex);
        d.priorityPart = { col: pos, endCol: PRIORITY_RE.lastIndex, text };
        d.priority = KNOWN_PRIORITY_RE.test(text) ? (`p${text.charAt(1)}` as Priority) : null;
      } else {
        d.priorityPart = { col: s, endCol: pEnd, text: line.slice(s, pEnd) };
        d.priority = PRIORITIES[pIndex]!;
      }
    }
    if (hasToken) pos = PRIORITY_RE.lastIndex;
    while (pos < e && isBlank(line.charCodeAt(pos))) pos++;
    // The rest of a priority segment is a status only when it is recognisably one (`P0 ✅ DONE`).
    if (pos < e) readStatus(line, pos, e, d, true);
    return;
  }
  if (d.estimate === null && DURATION_RE.test(line.slice(s, e))) {
    d.estimate = line.slice(s, e);
    return;
  }
  readStatus(line, s, e, d, false);
}

function readStatus(line: string, s: number, e: number, d: MetaDraft, knownOnly: boolean): void {
  if (d.word !== null || d.emoji !== null) return;
  let pos = s;
  const sIndex = emojiAt(line, pos, STATUS_EMOJIS);
  const sEnd = sIndex < 0 ? s : emojiEnd(line, s, STATUS_EMOJIS[sIndex]!);
  if (sIndex >= 0) {
    pos = sEnd;
    while (pos < e && isBlank(line.charCodeAt(pos))) pos++;
  }
  STATUS_WORD_RE.lastIndex = pos;
  let word: (MetaPart & { readonly status: TaskStatus }) | null = null;
  if (pos < e && STATUS_WORD_RE.test(line) && STATUS_WORD_RE.lastIndex <= e) {
    const text = line.slice(pos, STATUS_WORD_RE.lastIndex);
    word = { col: pos, endCol: STATUS_WORD_RE.lastIndex, text, status: statusOfWord(text) };
  } else if (pos < e && (!knownOnly || sIndex >= 0)) {
    word = { col: pos, endCol: e, text: line.slice(pos, e), status: 'unknown' };
  }
  if (knownOnly && sIndex < 0 && word === null) return;
  if (sIndex >= 0) d.emoji = { col: s, endCol: sEnd, text: line.slice(s, sEnd), status: EMOJI_STATUSES[sIndex]! };
  d.word = word;
}
