// Line readers the spec-runner scan and a task's lazy re-read of its block share, so both see lines
// alike: fences, `**Name:** value` fields and their kind, the ids a Traces to / Depends on / Blocks
// value names. Each matches by hand into one reused record: reading a line allocates nothing.

export function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

export function skipBlanks(line: string, from: number): number {
  return skipBlanksTo(line, from, line.length);
}

/** First position in [from, to) that is not a space or tab, else `to`. */
export function skipBlanksTo(s: string, from: number, to: number): number {
  let k = from;
  while (k < to && isBlank(s.charCodeAt(k))) k++;
  return k;
}

/** Length of the ``` / ~~~ run that makes `line` a code fence when it starts at `k`, else 0. */
export function fenceRunAt(line: string, k: number): number {
  const c = line.charCodeAt(k);
  if (c !== 96 && c !== 126) return 0;
  let j = k + 1;
  while (line.charCodeAt(j) === c) j++;
  const run = j - k;
  if (run < 3) return 0;
  // CommonMark: a backtick fence's info string never holds a backtick (```x``` is inline code).
  if (c === 96 && line.indexOf('`', j) >= 0) return 0;
  return run;
}

/**
 * Where `matchField` found the name and the value, as positions in the string it read; one
 * object reused, so a match allocates nothing.
 */
export const FIELD = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/** `matchFieldIn` on a whole line: FIELD then holds columns. */
export function matchField(line: string): boolean {
  return matchFieldIn(line, 0, line.length);
}

/**
 * True when the line s[b, e) is a column-0 `**Name:** value` / `**Name**: value` line, optionally
 * after a `- `/`* ` bullet; fills FIELD. Read by hand, never past `e` (the line may be part of the
 * whole file's text): fields are a fifth of a typical file's lines.
 */
export function matchFieldIn(s: string, b: number, e: number): boolean {
  let p = b;
  const c1 = b + 1 < e ? s.charCodeAt(b + 1) : -1;
  if (c1 !== 42) {
    if (!isBlank(c1)) return false;
    p = skipBlanksTo(s, b + 1, e);
  }
  if (p + 1 >= e || s.charCodeAt(p) !== 42 || s.charCodeAt(p + 1) !== 42) return false;
  const nameStart = p + 2;
  // The first `**` after the opening one (String#indexOf would search past the line).
  let close = nameStart;
  while (close + 1 < e && !(s.charCodeAt(close) === 42 && s.charCodeAt(close + 1) === 42)) close++;
  if (close + 1 >= e || close === nameStart) return false;
  let vs: number;
  let nameEnd: number;
  if (s.charCodeAt(close - 1) === 58) {
    nameEnd = close - 1;
    vs = close + 2;
  } else {
    const q = skipBlanksTo(s, close + 2, e);
    if (q >= e || s.charCodeAt(q) !== 58) return false;
    nameEnd = close;
    vs = q + 1;
  }
  vs = skipBlanksTo(s, vs, e);
  const ns = skipBlanksTo(s, nameStart, e);
  while (nameEnd > ns && isBlank(s.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd <= ns) return false;
  let ve = e;
  while (ve > vs && isBlank(s.charCodeAt(ve - 1))) ve--;
  FIELD.nameStart = ns;
  FIELD.nameEnd = nameEnd;
  FIELD.valueStart = vs;
  FIELD.valueEnd = ve;
  return true;
}

const KNOWN_FIELDS: readonly string[] = ['Checklist', 'Traces to', 'Depends on', 'Blocks', 'Mode', 'Estimate'];

/** Index in KNOWN_FIELDS of the name at [from, to), or -1. Their first letters tell them apart. */
export function knownFieldAt(line: string, from: number, to: number): number {
  let k: number;
  switch (line.charCodeAt(from)) {
    case 67: k = 0; break; // C
    case 84: k = 1; break; // T
    case 68: k = 2; break; // D
    case 66: k = 3; break; // B
    case 77: k = 4; break; // M
    case 69: k = 5; break; // E
    default: return -1;
  }
  const known = KNOWN_FIELDS[k]!;
  return known.length === to - from && sameAt(line, from, known) ? k : -1;
}

/**
 * s.startsWith(word, at), by hand: the builtin calls into the runtime on a slice of a large
 * two-byte text (a line of a file with emoji), which costs more than comparing a few characters.
 */
export function sameAt(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** The field's name, sharing one string per known name. */
export function fieldName(line: string, from: number, to: number): string {
  const k = knownFieldAt(line, from, to);
  return k >= 0 ? KNOWN_FIELDS[k]! : line.slice(from, to);
}

const TRACES_NAME_RE = /^traces?(?: to)?$/i;
const DEPENDS_NAME_RE = /^(?:depends(?: on)?|dependencies|blocked by)$/i;
const BLOCKS_NAME_RE = /^blocks$/i;
const MODE_NAME_RE = /^mode$/i;
const ESTIMATE_NAME_RE = /^est(?:imate)?$/i;

export const FIELD_OTHER = 0;
export const FIELD_TRACES = 1;
export const FIELD_DEPENDS = 2;
export const FIELD_BLOCKS = 3;
export const FIELD_MODE = 4;
export const FIELD_ESTIMATE = 5;

/** What each of KNOWN_FIELDS is, in its order. */
const KNOWN_KINDS: readonly number[] = [FIELD_OTHER, FIELD_TRACES, FIELD_DEPENDS, FIELD_BLOCKS, FIELD_MODE, FIELD_ESTIMATE];

/**
 * Which field the name at [from, to) is. Every name the graph needs starts with t, d, b, m or e
 * (any case), so the most common field, Checklist, is told apart by one character.
 */
export function fieldKind(line: string, from: number, to: number): number {
  const first = line.charCodeAt(from) | 0x20;
  if (first !== 0x74 && first !== 0x64 && first !== 0x62 && first !== 0x6d && first !== 0x65) return FIELD_OTHER;
  const known = knownFieldAt(line, from, to);
  if (known >= 0) return KNOWN_KINDS[known]!;
  const name = line.slice(from, to);
  if (TRACES_NAME_RE.test(name)) return FIELD_TRACES;
  if (DEPENDS_NAME_RE.test(name)) return FIELD_DEPENDS;
  if (BLOCKS_NAME_RE.test(name)) return FIELD_BLOCKS;
  if (MODE_NAME_RE.test(name)) return FIELD_MODE;
  return ESTIMATE_NAME_RE.test(name) ? FIELD_ESTIMATE : FIELD_OTHER;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Where `scanIds` found its ids: start and end column of the n-th at [2n] and [2n + 1]. One list
 * reused, so a scan allocates nothing; read it before the next scan.
 */
export const IDS: number[] = [];

/**
 * Finds the task/requirement ids in [from, to), at most `limit` of them, into IDS, and returns
 * how many: every `[ID]`, and a bare `ID` that starts a list item (after the start, `,`, `;`, `&`,
 * `/`, `and`, or another id). A bare id in parentheses or inside prose is not a reference:
 * `[TASK-001] (needs DB-2)` names TASK-001 only. Reads each character once.
 */
export function scanIds(line: string, from: number, to: number, limit: number): number {
  let found = 0;
  let depth = 0;
  let lastEnd = -1;
  let prev = line.charCodeAt(from - 1);
  let k = from;
  while (k < to) {
    const ch = line.charCodeAt(k);
    if (!isUpper(ch) || isWordChar(prev) || prev === 45) {
      if (ch === 40) depth++;
      else if (ch === 41) depth = depth > 0 ? depth - 1 : 0;
      prev = ch;
      k++;
      continue;
    }
    // A word that starts with a capital: an id when it reads [A-Z][A-Z0-9]*-\d+ and ends there.
    let j = k + 1;
    let c = line.charCodeAt(j);
    while (j < to && (isUpper(c) || isDigit(c))) c = line.charCodeAt(++j);
    let d = j + 1;
    if (j < to && c === 45) {
      c = line.charCodeAt(d);
      while (d < to && isDigit(c)) c = line.charCodeAt(++d);
    }
    if (j >= to || line.charCodeAt(j) !== 45 || d === j + 1 || (d < to && isWordChar(c))) {
      // Not an id: skip the rest of the word, dashes included.
      k = j;
      c = line.charCodeAt(k);
      while (k < to && (isWordChar(c) || c === 45)) c = line.charCodeAt(++k);
      prev = line.charCodeAt(k - 1);
      continue;
    }
    const bracketed = prev === 91 && d < to && c === 93;
    if (bracketed || (depth === 0 && startsItem(line, from, k, lastEnd))) {
      IDS[2 * found] = k;
      IDS[2 * found + 1] = d;
      if (++found === limit) break;
      lastEnd = bracketed ? d + 1 : d;
    }
    prev = line.charCodeAt(d - 1);
    k = d;
  }
  return found;
}

function startsItem(line: string, from: number, k: number, lastEnd: number): boolean {
  let p = k - 1;
  while (p >= from && isBlank(line.charCodeAt(p))) p--;
  if (p < from || p === lastEnd - 1) return true;
  const ch = line.charCodeAt(p);
  if (ch === 44 || ch === 59 || ch === 38 || ch === 47 || ch === 93) return true;
  return p - 2 >= from && line.slice(p - 2, p + 1).toLowerCase() === 'and' && (p - 3 < from || !isWordChar(line.charCodeAt(p - 3)));
}
