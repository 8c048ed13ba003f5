// spec-runner's meta line (`🔴 P0 | ✅ DONE | Est: 1d`): its emoji tables, a tolerant reader that
// keeps the exact columns write-back needs, and the canonical status text write-back puts back.
// The reader matches by hand into one reused record: it runs once per task of a 10k-task file.
import type { Priority, TaskStatus } from './model';
import { sameAt } from './specRunnerLines';

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

/** Each canonical text by its first UTF-16 unit and length, which tell them all apart. */
const CANONICAL_BY_KEY = new Map<number, string>(CANONICAL_STATUS_TEXTS.map((t) => [t.charCodeAt(0) * 64 + t.length, t]));

/** `line.slice(col, endCol)`, sharing one string per canonical status text (`✅ DONE`, `TODO`). */
export function statusTextAt(line: string, col: number, endCol: number): string {
  const text = CANONICAL_BY_KEY.get(line.charCodeAt(col) * 64 + endCol - col);
  return text !== undefined && sameAt(line, col, text) ? text : line.slice(col, endCol);
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

const DURATION_RE = /^\d+(?:\.\d+)?(?:[ \t]*[-–][ \t]*\d+(?:\.\d+)?)?[ \t]*(?:h|d|w|hrs?|hours?|days?|weeks?)$/i;

/**
 * What `readMetaLine` found, as columns on the line (-1 when absent; positions in the text for
 * `readMetaIn`). One record, overwritten by each call: the parser reads it at once and slices only
 * what it keeps.
 */
export interface MetaColumns {
  priorityCol: number;
  priorityEnd: number;
  /** Null when the line names no priority or an unknown one (`P7`, `PX`). */
  priority: Priority | null;
  emojiCol: number;
  emojiEnd: number;
  emojiStatus: KnownStatus;
  wordCol: number;
  wordEnd: number;
  /** 'unknown' for a word spec-runner does not know (`WIP`). */
  wordStatus: TaskStatus;
  estimateCol: number;
  estimateEnd: number;
}

export const META: MetaColumns = {
  priorityCol: -1, priorityEnd: -1, priority: null, emojiCol: -1, emojiEnd: -1, emojiStatus: 'todo',
  wordCol: -1, wordEnd: -1, wordStatus: 'unknown', estimateCol: -1, estimateEnd: -1,
};

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True when `word` (lower-case ASCII letters) is at `pos`, in any case. */
function wordAt(line: string, pos: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if ((line.charCodeAt(pos + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** End of `[ \t]*:[ \t*]*` from `pos` (a label's colon and what follows it), or -1. */
function colonEnd(line: string, pos: number): number {
  let p = pos;
  while (isBlank(line.charCodeAt(p))) p++;
  if (line.charCodeAt(p) !== 58) return -1;
  p++;
  for (let c = line.charCodeAt(p); isBlank(c) || c === 42; c = line.charCodeAt(++p));
  return p;
}

/** `/est(?:imate)?[ \t]*:[ \t*]*\/iy` at `pos`: the end of the label, or -1. */
function estimateLabelEnd(line: string, pos: number): number {
  if (!wordAt(line, pos, 'est')) return -1;
  return colonEnd(line, wordAt(line, pos + 3, 'imate') ? pos + 8 : pos + 3);
}

/** `/(?:priority|prio|status|state)[ \t]*:[ \t*]*\/iy` at `pos`: the end of the label, or -1. */
function fieldLabelEnd(line: string, pos: number): number {
  if (wordAt(line, pos, 'prio')) return colonEnd(line, wordAt(line, pos + 4, 'rity') ? pos + 8 : pos + 4);
  if (wordAt(line, pos, 'stat')) {
    if (wordAt(line, pos + 4, 'us')) return colonEnd(line, pos + 6);
    if (wordAt(line, pos + 4, 'e')) return colonEnd(line, pos + 5);
  }
  return -1;
}

/** `/(?:[Pp]\d{1,2}|P[A-Z])(?![A-Za-z0-9_])/y` at `pos`: the end of the token, or -1. */
function priorityTokenEnd(line: string, pos: number): number {
  const c = line.charCodeAt(pos);
  if (c !== 80 && c !== 112) return -1;
  const c1 = line.charCodeAt(pos + 1);
  if (isDigit(c1)) {
    const end = isDigit(line.charCodeAt(pos + 2)) ? pos + 3 : pos + 2;
    return isWordChar(line.charCodeAt(end)) ? -1 : end;
  }
  if (c === 80 && c1 >= 65 && c1 <= 90 && !isWordChar(line.charCodeAt(pos + 2))) return pos + 2;
  return -1;
}

/** `/(todo|in[ \t_-]*progress|review|done|blocked)(?![A-Za-z0-9_])/iy` at `pos`: the end of the word, or -1. */
function statusWordEnd(line: string, pos: number): number {
  let end = -1;
  switch (line.charCodeAt(pos) | 0x20) {
    case 0x74: // t
      if (wordAt(line, pos, 'todo')) end = pos + 4;
      break;
    case 0x69: { // i
      if ((line.charCodeAt(pos + 1) | 0x20) !== 0x6e) break;
      let p = pos + 2;
      for (let c = line.charCodeAt(p); isBlank(c) || c === 95 || c === 45; c = line.charCodeAt(++p));
      if (wordAt(line, p, 'progress')) end = p + 8;
      break;
    }
    case 0x72: // r
      if (wordAt(line, pos, 'review')) end = pos + 6;
      break;
    case 0x64: // d
      if (wordAt(line, pos, 'done')) end = pos + 4;
      break;
    case 0x62: // b
      if (wordAt(line, pos, 'blocked')) end = pos + 7;
      break;
    default:
      break;
  }
  return end >= 0 && !isWordChar(line.charCodeAt(end)) ? end : -1;
}

function statusOfWordAt(line: string, pos: number): KnownStatus {
  const c = line.charCodeAt(pos) | 0x20;
  if (c === 0x74) return 'todo'; // t
  if (c === 0x72) return 'review'; // r
  if (c === 0x64) return 'done'; // d
  if (c === 0x62) return 'blocked'; // b
  return 'in_progress';
}

/** Index in PRIORITY_EMOJIS of the emoji at `pos`, or -1; by code unit, which is cheaper than startsWith. */
function priorityEmojiAt(line: string, pos: number): number {
  if (line.charCodeAt(pos) !== 0xd83d) return -1;
  const low = line.charCodeAt(pos + 1);
  return low === 0xdd34 ? 0 : low === 0xdfe0 ? 1 : low === 0xdfe1 ? 2 : low === 0xdfe2 ? 3 : -1;
}

/** Index in STATUS_EMOJIS of the emoji at `pos`, or -1. */
function statusEmojiAt(line: string, pos: number): number {
  const c = line.charCodeAt(pos);
  if (c === 0x2b1c) return 0;
  if (c === 0xd83d) {
    const low = line.charCodeAt(pos + 1);
    return low === 0xdd04 ? 1 : low === 0xdd0d ? 2 : -1;
  }
  return c === 0x2705 ? 3 : c === 0x23f8 ? 4 : -1;
}

/** End column of the emoji at `pos` (which `emojiAt` found), past an optional U+FE0F. */
function emojiEnd(line: string, pos: number, emoji: string): number {
  const end = pos + emoji.length;
  return line.charCodeAt(end) === 0xfe0f ? end + 1 : end;
}

/**
 * Reads a meta line into META, tolerating a `- `/`* ` bullet, bold, extra or missing spaces
 * around `|`, fields in any order and `Priority:`/`Status:` labels. False when the line is not a
 * meta line: it needs a `|` and a priority or status, or (without `|`) both a priority and a status.
 */
export function readMetaLine(line: string): boolean {
  return readMetaIn(line, 0, line.length);
}

/**
 * `readMetaLine` on the line text[b, e), which may be part of the whole file's text: META then
 * holds positions in `text`. Never reads a character past `e` that could change the answer.
 */
export function readMetaIn(text: string, b: number, e: number): boolean {
  const d = META;
  d.priorityCol = d.priorityEnd = d.emojiCol = d.emojiEnd = d.wordCol = d.wordEnd = d.estimateCol = d.estimateEnd = -1;
  d.priority = null;
  let start = b;
  while (start < e && isBlank(text.charCodeAt(start))) start++;
  const c0 = start < e ? text.charCodeAt(start) : -1;
  if ((c0 === 45 || c0 === 42) && start + 1 < e && isBlank(text.charCodeAt(start + 1))) start += 2;
  let hasPipe = false;
  let s = start;
  for (;;) {
    // The next `|` by hand: String#indexOf would search past the line, and is slow on a slice.
    let end = s;
    while (end < e && text.charCodeAt(end) !== 124) end++;
    if (end < e) hasPipe = true;
    readSegment(text, s, end, d);
    if (end >= e) break;
    s = end + 1;
  }
  const knownStatus = d.emojiCol >= 0 || (d.wordCol >= 0 && d.wordStatus !== 'unknown');
  return hasPipe ? d.priorityCol >= 0 || knownStatus : d.priorityCol >= 0 && knownStatus;
}

/** `readMetaLine` as one value, for callers that keep it; null when the line is not a meta line. */
export function parseMetaLine(line: string): ParsedMeta | null {
  if (!readMetaLine(line)) return null;
  const d = META;
  const part = (col: number, endCol: number): MetaPart => ({ col, endCol, text: line.slice(col, endCol) });
  return {
    priorityPart: d.priorityCol < 0 ? null : part(d.priorityCol, d.priorityEnd),
    priority: d.priority,
    emoji: d.emojiCol < 0 ? null : { ...part(d.emojiCol, d.emojiEnd), status: d.emojiStatus },
    word: d.wordCol < 0 ? null : { ...part(d.wordCol, d.wordEnd), status: d.wordStatus },
    estimate: d.estimateCol < 0 ? null : line.slice(d.estimateCol, d.estimateEnd),
  };
}

function readSegment(line: string, from: number, to: number, d: MetaColumns): void {
  let s = from;
  let e = to;
  while (s < e && (isBlank(line.charCodeAt(s)) || line.charCodeAt(s) === 42)) s++;
  while (e > s && (isBlank(line.charCodeAt(e - 1)) || line.charCodeAt(e - 1) === 42)) e--;
  if (s >= e) return;
  // The labels' trailing `[ \t*]*` may run past `e` (into a trimmed `**`): then it is no label.
  const first = line.charCodeAt(s) | 0x20;
  if (first === 0x65) { // e
    const est = estimateLabelEnd(line, s);
    if (est >= 0 && est <= e) {
      if (d.estimateCol < 0 && est < e) {
        d.estimateCol = est;
        d.estimateEnd = e;
      }
      return;
    }
  } else if (first === 0x70 || first === 0x73) { // p, s
    const label = fieldLabelEnd(line, s);
    if (label >= 0 && label <= e) s = label;
    if (s >= e) return;
  }

  let pos = s;
  const pIndex = priorityEmojiAt(line, pos);
  const pEnd = pIndex < 0 ? s : emojiEnd(line, s, PRIORITY_EMOJIS[pIndex]!);
  if (pIndex >= 0) {
    pos = pEnd;
    while (pos < e && isBlank(line.charCodeAt(pos))) pos++;
  }
  const tokenEnd = priorityTokenEnd(line, pos);
  const hasToken = tokenEnd >= 0 && tokenEnd <= e;
  if (hasToken || pIndex >= 0) {
    if (d.priorityCol < 0) {
      if (hasToken) {
        d.priorityCol = pos;
        d.priorityEnd = tokenEnd;
        const digit = line.charCodeAt(pos + 1);
        d.priority = tokenEnd === pos + 2 && digit >= 48 && digit <= 51 ? PRIORITIES[digit - 48]! : null;
      } else {
        d.priorityCol = s;
        d.priorityEnd = pEnd;
        d.priority = PRIORITIES[pIndex]!;
      }
    }
    if (hasToken) pos = tokenEnd;
    while (pos < e && isBlank(line.charCodeAt(pos))) pos++;
    // The rest of a priority segment is a status only when it is recognisably one (`P0 ✅ DONE`).
    if (pos < e) readStatus(line, pos, e, d, true);
    return;
  }
  if (d.estimateCol < 0 && isDigit(line.charCodeAt(s)) && DURATION_RE.test(line.slice(s, e))) {
    d.estimateCol = s;
    d.estimateEnd = e;
    return;
  }
  readStatus(line, s, e, d, false);
}

function readStatus(line: string, s: number, e: number, d: MetaColumns, knownOnly: boolean): void {
  if (d.wordCol >= 0 || d.emojiCol >= 0) return;
  let pos = s;
  const sIndex = statusEmojiAt(line, pos);
  const sEnd = sIndex < 0 ? s : emojiEnd(line, s, STATUS_EMOJIS[sIndex]!);
  if (sIndex >= 0) {
    pos = sEnd;
    while (pos < e && isBlank(line.charCodeAt(pos))) pos++;
  }
  const wordEnd = pos < e ? statusWordEnd(line, pos) : -1;
  if (wordEnd >= 0 && wordEnd <= e) {
    d.wordCol = pos;
    d.wordEnd = wordEnd;
    d.wordStatus = statusOfWordAt(line, pos);
  } else if (pos < e && (!knownOnly || sIndex >= 0)) {
    d.wordCol = pos;
    d.wordEnd = e;
    d.wordStatus = 'unknown';
  } else if (knownOnly && sIndex < 0) {
    return;
  }
  if (sIndex >= 0) {
    d.emojiCol = s;
    d.emojiEnd = sEnd;
    d.emojiStatus = EMOJI_STATUSES[sIndex]!;
  }
}
