// Reads spec-runner task files (`spec/tasks.md`: `### TASK-001: Title` blocks with a meta line,
// fields and a checklist) into the shared model. One pass, dispatching on each line's first
// character so plain text costs no regex and no allocation; never throws. The scan reads only what
// the graph and validation need: SpecRunnerTask re-reads the rest of a block on first access.
import type { BlockContext, FormatParser, ParseChunk } from './formatParser';
import type { Diagnostic, DiagnosticCode, Priority, Severity, SpecGroup, Span, Task, TaskRef, TaskStatus, TraceRef } from './model';
import { ACCEPTED_STATUS_WORDS, META, META_EXAMPLE, STATUS_EMOJI, STATUS_WORD, readMetaLine, statusTextAt } from './specRunnerMeta';
import { FIELD, NO_ITEMS, SpecRunnerTask, fenceRunAt, isBlank, knownFieldAt, matchField, skipBlanks } from './specRunnerTask';

const NEAR_ID_RE = /([A-Za-z][A-Za-z0-9]*)-(\d[A-Za-z0-9]*)/y;
const UPPER_PREFIX_RE = /^[A-Z][A-Z0-9]*$/;
const LOWER_PREFIX_RE = /^[a-z][a-z0-9]*$/;
const DIGITS_RE = /^\d+$/;
const MILESTONE_RE = /^milestone\b/i;
const HEADER_FORM = '"### TASK-001: Title"';
const LINE_BREAK_RE = /[\n\r\u2028\u2029]/;

/** The task being read. One object per parse, reset at each header, so a task costs no draft. */
interface Draft {
  open: boolean;
  id: string;
  title: string;
  line: number;
  endLine: number;
  header: Span;
  group: string | null;
  subgroup: string | null;
  expectMeta: boolean;
  meta: Span | null;
  priority: Priority | null;
  status: TaskStatus;
  statusText: string;
  statusSpan: Span | null;
  estimate: string | null;
  mode: string | null;
  /** Set from the scratch lists when the task ends, so the Draft itself can build the Task. */
  dependsOn: readonly TaskRef[];
  blocks: readonly TaskRef[];
  traces: readonly TraceRef[];
  readonly diags: Diagnostic[];
  readonly depsScratch: Scratch<TaskRef>;
  readonly blocksScratch: Scratch<TaskRef>;
  readonly tracesScratch: Scratch<TraceRef>;
  /** The estimate strings this parse has made, for `estimateAt` to share. */
  readonly estimates: string[];
}

/**
 * A list reused across tasks: `length = 0` would free the backing store and every task would pay
 * for a new one, so the list keeps its slots and counts what is in use.
 */
interface Scratch<T> {
  readonly items: T[];
  count: number;
}

function scratch<T>(): Scratch<T> {
  return { items: [], count: 0 };
}

function add<T>(list: Scratch<T>, item: T): void {
  list.items[list.count++] = item;
}

/** An exact-size copy of what the list holds, which is emptied for the next task. */
function takeAll<T>(list: Scratch<T>): readonly T[] {
  const n = list.count;
  list.count = 0;
  const items = list.items;
  // Most tasks name one to three refs of each kind: a literal is cheaper than a slice call.
  switch (n) {
    case 0: return NO_ITEMS;
    case 1: return [items[0]!];
    case 2: return [items[0]!, items[1]!];
    case 3: return [items[0]!, items[1]!, items[2]!];
    default: return items.slice(0, n);
  }
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function indentOf(line: string): number {
  return skipBlanks(line, 0);
}

/** Level of a `#` heading (`#`, `## x`), or 0 when `line` is not one. */
function headingLevel(line: string): number {
  let level = 0;
  while (line.charCodeAt(level) === 35) level++;
  if (level === 0 || level > 6) return 0;
  return level === line.length || isBlank(line.charCodeAt(level)) ? level : 0;
}

/**
 * The end column of the id when `line` (a level-3 heading) is a task header as formats.md defines
 * it, `^### ([A-Z][A-Z0-9]*-\d+): (.+)$`, else -1. By hand: no match array and no copies per header.
 */
function headerIdEnd(line: string): number {
  const len = line.length;
  if (line.charCodeAt(3) !== 32) return -1;
  let c = line.charCodeAt(4);
  if (c < 65 || c > 90) return -1;
  let p = 5;
  for (c = line.charCodeAt(p); (c >= 65 && c <= 90) || (c >= 48 && c <= 57); c = line.charCodeAt(++p));
  if (c !== 45) return -1;
  const digits = ++p;
  for (c = line.charCodeAt(p); c >= 48 && c <= 57; c = line.charCodeAt(++p));
  if (p === digits || c !== 58 || line.charCodeAt(p + 1) !== 32 || p + 2 >= len) return -1;
  // `.` matches anything but a line terminator. One native search: reading a long line a
  // character at a time costs more than the rest of the header.
  return LINE_BREAK_RE.test(line) ? -1 : p;
}

export function isSpecRunnerContextLine(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 35) {
    const level = headingLevel(line);
    return level === 1 || level === 2;
  }
  const k = c === 32 || c === 9 ? indentOf(line) : 0;
  return k <= 3 && fenceRunAt(line, k) > 0;
}

export const specRunnerParser: FormatParser = {
  format: 'spec-runner',
  parse: parseSpecRunner,
  isContextLine: isSpecRunnerContextLine,
};

function parseSpecRunner(lines: readonly string[], from: number, to: number, ctx: BlockContext, file: string): ParseChunk {
  const tasks: Task[] = [];
  const groups: SpecGroup[] = [];
  const diagnostics: Diagnostic[] = [];
  const contextLines: number[] = [];
  let group = ctx.group;
  let subgroup = ctx.subgroup;
  const cur: Draft = {
    open: false, id: '', title: '', line: 0, endLine: 0, header: { line: 0, col: 0, endCol: 0 },
    group: null, subgroup: null, expectMeta: false, meta: null, priority: null, status: 'todo',
    statusText: '', statusSpan: null, estimate: null, mode: null, dependsOn: NO_ITEMS, blocks: NO_ITEMS, traces: NO_ITEMS,
    diags: [], depsScratch: scratch(), blocksScratch: scratch(), tracesScratch: scratch(), estimates: [],
  };
  let fenceChar = 0;
  let fenceLen = 0;
  const end = Math.min(to, lines.length);

  for (let i = Math.max(from, 0); i < end; i++) {
    const line = lines[i] ?? '';
    const len = line.length;
    if (len === 0) continue;
    let c = line.charCodeAt(0);
    let k = 0;
    if (c === 32 || c === 9) {
      k = indentOf(line);
      if (k === len) continue;
      c = line.charCodeAt(k);
    }

    if (fenceChar !== 0) {
      if (k <= 3 && (c === 96 || c === 126)) {
        const run = fenceRunAt(line, k);
        if (run > 0) {
          contextLines.push(i);
          if (c === fenceChar && run >= fenceLen && skipBlanks(line, k + run) === len) fenceChar = 0;
        }
      } else if (k === 0 && c === 35) {
        const level = headingLevel(line);
        if (level === 1 || level === 2) contextLines.push(i);
      }
      if (cur.open) cur.endLine = i;
      continue;
    }

    if (cur.open && cur.expectMeta) {
      cur.expectMeta = false;
      if (c !== 35 && c !== 96 && c !== 126) {
        if (readMetaLine(line)) {
          applyMeta(cur, line, i, file);
          cur.endLine = i;
          continue;
        }
      }
    }

    if (k === 0 && c === 35) {
      const level = headingLevel(line);
      if (level === 1 || level === 2) {
        if (cur.open) finishTask(cur, lines, tasks, diagnostics, file);
        contextLines.push(i);
        subgroup = null;
        const title = line.slice(level).trim();
        if (level === 1 || title === '') group = null;
        else {
          group = title;
          const kind = MILESTONE_RE.test(title) ? 'milestone' : 'group';
          groups.push({ title, kind, line: i, span: { line: i, col: 0, endCol: len } });
        }
        const miss = nearMiss(line, i, file);
        if (miss !== null) diagnostics.push(miss);
        continue;
      }
      if (level === 3) {
        const idEnd = headerIdEnd(line);
        if (idEnd > 0) {
          const titleStart = skipBlanks(line, idEnd + 2);
          const title = line.slice(titleStart).trimEnd();
          if (title !== '') {
            if (cur.open) finishTask(cur, lines, tasks, diagnostics, file);
            openTask(cur, line.slice(4, idEnd), title, i, len, group, subgroup);
            continue;
          }
        }
      }
      const miss = nearMiss(line, i, file);
      if (miss !== null) (cur.open ? cur.diags : diagnostics).push(miss);
    } else if (c === 96 || c === 126) {
      if (k <= 3) {
        const run = fenceRunAt(line, k);
        if (run > 0) {
          fenceChar = c;
          fenceLen = run;
          contextLines.push(i);
        }
      }
    } else if (cur.open && (c === 45 || c === 42)) {
      // A column-0 item is never a field ("[" is not "**"): only fields are read here, items lazily.
      if (k === 0) {
        if (matchField(line)) readField(cur, line, i);
      } else if (line.charCodeAt(k + 1) === 32 && line.charCodeAt(k + 2) === 91 && line.charCodeAt(k + 4) === 93
        && (k + 5 === len || isBlank(line.charCodeAt(k + 5)))) {
        cur.diags.push(diag('info', 'indented-checklist',
          'This checklist item is indented, so spec-runner does not read it: checklist items are "- [ ] text" '
          + 'lines at column 0. Move it to column 0 to make it an item, or keep it as a note.',
          file, { line: i, col: k, endCol: len }));
      }
    }
    if (cur.open) cur.endLine = i;
  }
  if (cur.open) finishTask(cur, lines, tasks, diagnostics, file);
  return { tasks, groups, diagnostics, contextLines };
}

function openTask(
  cur: Draft, id: string, title: string, line: number, len: number, group: string | null, subgroup: string | null,
): void {
  cur.open = true;
  cur.id = id;
  cur.title = title;
  cur.line = line;
  cur.endLine = line;
  cur.header = { line, col: 0, endCol: len };
  cur.group = group;
  cur.subgroup = subgroup;
  cur.expectMeta = true;
  cur.meta = null;
  cur.priority = 'p0';
  cur.status = 'todo';
  cur.statusText = '';
  cur.statusSpan = null;
  cur.estimate = null;
  cur.mode = null;
}

function diag(severity: Severity, code: DiagnosticCode, message: string, file: string, span: Span): Diagnostic {
  return { severity, code, message, file, span };
}

/** Records the meta line that `readMetaLine` just read into META. */
function applyMeta(cur: Draft, line: string, i: number, file: string): void {
  const m = META;
  const metaSpan: Span = { line: i, col: 0, endCol: line.length };
  cur.meta = metaSpan;
  cur.priority = m.priority;
  cur.estimate = m.estimateCol < 0 ? null : estimateAt(cur, line, m.estimateCol, m.estimateEnd);
  if (m.priorityCol < 0) {
    cur.diags.push(diag('error', 'unknown-priority',
      `${cur.id}'s meta line has no priority: expected P0, P1, P2 or P3 before the status, as in "${META_EXAMPLE}".`,
      file, metaSpan));
  } else if (m.priority === null) {
    cur.diags.push(diag('error', 'unknown-priority',
      `Priority "${line.slice(m.priorityCol, m.priorityEnd)}" is not a spec-runner priority: expected P0, P1, P2 or P3 (optionally after its emoji 🔴 🟠 🟡 🟢).`,
      file, { line: i, col: m.priorityCol, endCol: m.priorityEnd }));
  }
  const hasEmoji = m.emojiCol >= 0;
  const hasWord = m.wordCol >= 0;
  if (hasWord && m.wordStatus !== 'unknown') {
    cur.status = m.wordStatus;
    if (hasEmoji && m.emojiStatus !== m.wordStatus) {
      cur.diags.push(diag('warning', 'status-mismatch',
        `The status emoji ${line.slice(m.emojiCol, m.emojiEnd)} means ${STATUS_WORD[m.emojiStatus]} but the word says ${STATUS_WORD[m.wordStatus]}: `
        + `the word wins; expected "${STATUS_EMOJI[m.wordStatus]} ${line.slice(m.wordCol, m.wordEnd)}".`,
        file, { line: i, col: m.emojiCol, endCol: m.emojiEnd }));
    }
  } else if (hasWord) {
    cur.status = 'unknown';
    cur.diags.push(diag('error', 'unknown-status',
      `Status "${line.slice(m.wordCol, m.wordEnd)}" is not a spec-runner status: expected one of ${ACCEPTED_STATUS_WORDS} `
      + '(any case, optionally after its emoji ⬜ 🔄 🔍 ✅ ⏸️).',
      file, { line: i, col: m.wordCol, endCol: m.wordEnd }));
  } else if (hasEmoji) {
    cur.status = m.emojiStatus;
    const emoji = line.slice(m.emojiCol, m.emojiEnd);
    cur.diags.push(diag('warning', 'unknown-status',
      `The status emoji ${emoji} has no word after it: spec-runner reads the word, expected "${emoji} ${STATUS_WORD[m.emojiStatus]}".`,
      file, { line: i, col: m.emojiCol, endCol: m.emojiEnd }));
  } else {
    cur.status = 'unknown';
    cur.diags.push(diag('error', 'unknown-status',
      `${cur.id}'s meta line has no status: expected one of ${ACCEPTED_STATUS_WORDS} after the priority, as in "${META_EXAMPLE}".`,
      file, metaSpan));
  }
  const col = hasEmoji ? m.emojiCol : hasWord ? m.wordCol : -1;
  if (col >= 0) {
    const endCol = hasWord ? m.wordEnd : m.emojiEnd;
    cur.statusSpan = { line: i, col, endCol };
    cur.statusText = statusTextAt(line, col, endCol);
  }
}

/**
 * `line.slice(col, endCol)`, sharing one string per estimate among a file's tasks: a file uses a
 * handful (`1d`, `4h`, `2-3d`). Kept per parse: a cache that outlived it could hold a file's text.
 */
function estimateAt(cur: Draft, line: string, col: number, endCol: number): string {
  const seen = cur.estimates;
  const len = endCol - col;
  for (let k = 0; k < seen.length; k++) {
    const known = seen[k]!;
    if (known.length === len && line.startsWith(known, col)) return known;
  }
  const text = line.slice(col, endCol);
  if (seen.length < 16) seen.push(text);
  return text;
}

const TRACES_NAME_RE = /^traces?(?: to)?$/i;
const DEPENDS_NAME_RE = /^(?:depends(?: on)?|dependencies|blocked by)$/i;
const BLOCKS_NAME_RE = /^blocks$/i;
const MODE_NAME_RE = /^mode$/i;
const ESTIMATE_NAME_RE = /^est(?:imate)?$/i;

const FIELD_OTHER = 0;
const FIELD_TRACES = 1;
const FIELD_DEPENDS = 2;
const FIELD_BLOCKS = 3;
const FIELD_MODE = 4;
const FIELD_ESTIMATE = 5;

/** What each of specRunnerTask's KNOWN_FIELDS is, in its order. */
const KNOWN_KINDS: readonly number[] = [FIELD_OTHER, FIELD_TRACES, FIELD_DEPENDS, FIELD_BLOCKS, FIELD_MODE, FIELD_ESTIMATE];

/**
 * Which field the name at [from, to) is. Every name the graph needs starts with t, d, b, m or e
 * (any case), so the most common field, Checklist, is told apart by one character.
 */
function fieldKind(line: string, from: number, to: number): number {
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

const REF_TRACE = 0;
const REF_DEPENDS = 1;
const REF_BLOCKS = 2;

/** The part of a field line (which `matchField` just matched into FIELD) that the graph needs. */
function readField(cur: Draft, line: string, i: number): void {
  const vs = FIELD.valueStart;
  const ve = FIELD.valueEnd;
  switch (fieldKind(line, FIELD.nameStart, FIELD.nameEnd)) {
    case FIELD_TRACES:
      scanIds(cur, REF_TRACE, line, i, vs, ve);
      break;
    case FIELD_DEPENDS:
      scanIds(cur, REF_DEPENDS, line, i, vs, ve);
      break;
    case FIELD_BLOCKS:
      scanIds(cur, REF_BLOCKS, line, i, vs, ve);
      break;
    case FIELD_MODE:
      if (cur.mode === null && ve > vs) cur.mode = line.slice(vs, ve);
      break;
    case FIELD_ESTIMATE:
      if (cur.estimate === null && ve > vs) cur.estimate = estimateAt(cur, line, vs, ve);
      break;
    default:
      break;
  }
}

function addRef(cur: Draft, kind: number, line: string, i: number, col: number, endCol: number): void {
  const id = line.slice(col, endCol);
  const span: Span = { line: i, col, endCol };
  if (kind === REF_TRACE) add(cur.tracesScratch, { text: id, span, ids: [id] });
  else add(kind === REF_DEPENDS ? cur.depsScratch : cur.blocksScratch, { id, span, via: 'field' });
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Records each task/requirement id in [from, to): every `[ID]`, and a bare `ID` that
 * starts a list item (after the start, `,`, `;`, `&`, `/`, `and`, or another id). A bare id in
 * parentheses or inside prose is not a reference: `[TASK-001] (needs DB-2)` names TASK-001 only.
 * Reads each character once: on a line sliced out of a large file every read costs.
 */
function scanIds(cur: Draft, kind: number, line: string, i: number, from: number, to: number): void {
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
      addRef(cur, kind, line, i, k, d);
      lastEnd = bracketed ? d + 1 : d;
    }
    prev = line.charCodeAt(d - 1);
    k = d;
  }
}

function startsItem(line: string, from: number, k: number, lastEnd: number): boolean {
  let p = k - 1;
  while (p >= from && isBlank(line.charCodeAt(p))) p--;
  if (p < from || p === lastEnd - 1) return true;
  const ch = line.charCodeAt(p);
  if (ch === 44 || ch === 59 || ch === 38 || ch === 47 || ch === 93) return true;
  return p - 2 >= from && line.slice(p - 2, p + 1).toLowerCase() === 'and' && (p - 3 < from || !isWordChar(line.charCodeAt(p - 3)));
}

/** Explains why a `#` line that starts like a task header is not one, or returns null. */
function nearMiss(line: string, i: number, file: string): Diagnostic | null {
  let level = 0;
  while (line.charCodeAt(level) === 35) level++;
  let p = level;
  while (p < line.length && isBlank(line.charCodeAt(p))) p++;
  const afterHashes = p;
  let bold = false;
  if (line.charCodeAt(p) === 42 && line.charCodeAt(p + 1) === 42) {
    bold = true;
    p += 2;
    while (p < line.length && isBlank(line.charCodeAt(p))) p++;
  }
  NEAR_ID_RE.lastIndex = p;
  const m = NEAR_ID_RE.exec(line);
  if (m === null) return null;
  const prefix = m[1]!;
  const upper = UPPER_PREFIX_RE.test(prefix);
  if (!upper && !LOWER_PREFIX_RE.test(prefix)) return null;
  const id = m[0];
  const q = NEAR_ID_RE.lastIndex;
  let why: string;
  let expected: string;
  if (level !== 3) {
    why = `has ${level} "#"`;
    expected = 'with exactly three "#"';
  } else if (afterHashes !== 4 || line.charCodeAt(3) !== 32) {
    why = afterHashes === 3 ? 'has no space after "###"' : 'has more than one space after "###"';
    expected = 'with one space after "###"';
  } else if (bold || line.startsWith('**', q)) {
    why = 'its id is bold';
    expected = 'with a plain id (no "**")';
  } else if (!upper) {
    why = `its id prefix "${prefix}" is lower-case`;
    expected = 'with an upper-case prefix';
  } else if (!DIGITS_RE.test(m[2]!)) {
    why = `its id "${id}" does not end in digits`;
    expected = 'where the id is an upper-case prefix, "-" and digits';
  } else if (line.charCodeAt(q) !== 58) {
    why = `has no ":" right after "${id}"`;
    expected = 'with ":" right after the id';
  } else if (line.slice(q + 1).trim() === '') {
    why = 'has no title';
    expected = 'with a title after ": "';
  } else if (line.charCodeAt(q + 1) !== 32) {
    why = 'has no space after ":"';
    expected = 'with one space after ":"';
  } else {
    return null;
  }
  return diag('warning', 'not-a-task',
    `This heading looks like a task but ${why}: spec-runner task headers are ${HEADER_FORM} ${expected}.`,
    file, { line: i, col: 0, endCol: line.length });
}

function finishTask(cur: Draft, lines: readonly string[], tasks: Task[], out: Diagnostic[], file: string): void {
  cur.open = false;
  const diags = cur.diags;
  if (cur.meta === null) {
    diags.push(diag('error', 'missing-meta',
      `${cur.id} has no meta line: expected a line like "${META_EXAMPLE}" right after the header; `
      + 'without it the task would default to P0/TODO and look ready',
      file, cur.header));
  } else if (cur.estimate === null) {
    diags.push(diag('warning', 'missing-estimate',
      `${cur.id} has no estimate: expected "| Est: 1d" (or 4h, 2-3d, 0.5d) at the end of the meta line.`,
      file, cur.meta));
  }
  cur.dependsOn = takeAll(cur.depsScratch);
  cur.blocks = takeAll(cur.blocksScratch);
  cur.traces = takeAll(cur.tracesScratch);
  if (cur.status === 'blocked' && cur.dependsOn.length === 0) {
    diags.push(diag('warning', 'blocked-without-deps',
      `${cur.id} is BLOCKED but names no task it waits for: expected a line like "**Depends on:** [TASK-001]".`,
      file, cur.statusSpan ?? cur.header));
  }
  if (cur.traces.length === 0) {
    diags.push(diag('warning', 'no-traces',
      `${cur.id} has no "**Traces to:**" references: expected a line like "**Traces to:** [REQ-001]" tying it to a requirement or design.`,
      file, cur.header));
  }
  if (diags.length > 0) {
    // Diagnostics are gathered out of order (header ones last); report them in line order.
    for (let a = 1; a < diags.length; a++) {
      const d = diags[a]!;
      let b = a - 1;
      while (b >= 0 && (diags[b]!.span.line > d.span.line || (diags[b]!.span.line === d.span.line && diags[b]!.span.col > d.span.col))) {
        diags[b + 1] = diags[b]!;
        b--;
      }
      diags[b + 1] = d;
    }
    for (const d of diags) out.push(d);
    diags.length = 0;
  }
  tasks.push(new SpecRunnerTask(cur, lines.slice(cur.line, cur.endLine + 1)));
}
