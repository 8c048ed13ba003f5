// Reads spec-runner task files (`spec/tasks.md`: `### TASK-001: Title` blocks with a meta line,
// fields and a checklist) into the shared model. One pass over the lines (or a whole file's text,
// unsplit), reading lines in place; never throws. The scan reads only what the graph and
// validation need: SpecRunnerTask re-reads the rest of a block on first access.
import type { BlockContext, FormatParser, TextChunk } from './formatParser';
import type { Diagnostic, DiagnosticCode, Priority, Severity, SpecGroup, Span, Task, TaskRef, TaskStatus } from './model';
import { isWs } from './checkbox';
import {
  FIELD, FIELD_BLOCKS, FIELD_DEPENDS, FIELD_ESTIMATE, FIELD_MODE, FIELD_TRACES, IDS, fenceRunAt, fieldKind, isBlank, matchFieldIn,
  sameAt, scanIds, skipBlanks, skipBlanksTo,
} from './specRunnerLines';
import { ACCEPTED_STATUS_WORDS, META, META_EXAMPLE, STATUS_EMOJI, STATUS_WORD, readMetaIn, statusTextAt } from './specRunnerMeta';
import { NO_ITEMS, SpecRunnerTask } from './specRunnerTask';

const NEAR_ID_RE = /([A-Za-z][A-Za-z0-9]*)-(\d[A-Za-z0-9]*)/y;
const UPPER_PREFIX_RE = /^[A-Z][A-Z0-9]*$/;
const LOWER_PREFIX_RE = /^[a-z][a-z0-9]*$/;
const DIGITS_RE = /^\d+$/;
const MILESTONE_RE = /^milestone\b/i;
const HEADER_FORM = '"### TASK-001: Title"';

/** The task being read. One object per parse, reset at each header, so a task costs no draft. */
interface Draft {
  open: boolean;
  id: string;
  title: string;
  line: number;
  endLine: number;
  /** Reading text: where the header line starts, and the '\n' (or the end) after line `endLine`. */
  startOff: number;
  endOff: number;
  /** The header line's length. */
  headerEnd: number;
  group: string | null;
  subgroup: string | null;
  expectMeta: boolean;
  /** The meta line and its length, metaLine -1 while none is read. */
  metaLine: number;
  metaEnd: number;
  priority: Priority | null;
  status: TaskStatus;
  statusText: string;
  /** The status columns on the meta line, statusCol -1 when it names no status. */
  statusCol: number;
  statusEnd: number;
  estimate: string | null;
  mode: string | null;
  /** Set from the scratch lists when the task ends, so the Draft itself can build the Task. */
  dependsOn: readonly TaskRef[];
  blocks: readonly TaskRef[];
  /** Whether a Traces to field names an id: the task reads the traces themselves when asked. */
  hasTraces: boolean;
  readonly diags: Diagnostic[];
  readonly depsScratch: Scratch<TaskRef>;
  readonly blocksScratch: Scratch<TaskRef>;
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


/** Level of a `#` heading (`#`, `## x`), or 0 when `line` is not one. */
function headingLevel(line: string): number {
  return headingLevelIn(line, 0, line.length);
}

/** `headingLevel` of the line s[b, e). */
function headingLevelIn(s: string, b: number, e: number): number {
  let p = b;
  while (p < e && s.charCodeAt(p) === 35) p++;
  const level = p - b;
  if (level === 0 || level > 6) return 0;
  return p === e || isBlank(s.charCodeAt(p)) ? level : 0;
}

/**
 * Where the id ends (at its `:`) when the line s[b, e) (a level-3 heading) is a task header as
 * formats.md defines it, `^### ([A-Z][A-Z0-9]*-\d+): (.+)$`, else -1. By hand, on the line in
 * place: no match array and no copies per header. The one character past `e` it may read ('\r',
 * '\n' or none) matches nothing it looks for.
 */
function headerIdEnd(s: string, b: number, e: number): number {
  if (s.charCodeAt(b + 3) !== 32) return -1;
  let c = s.charCodeAt(b + 4);
  if (c < 65 || c > 90) return -1;
  let p = b + 5;
  for (c = s.charCodeAt(p); (c >= 65 && c <= 90) || (c >= 48 && c <= 57); c = s.charCodeAt(++p));
  if (c !== 45) return -1;
  const digits = ++p;
  for (c = s.charCodeAt(p); c >= 48 && c <= 57; c = s.charCodeAt(++p));
  if (p === digits || c !== 58 || s.charCodeAt(p + 1) !== 32 || p + 2 >= e) return -1;
  // `.` matches anything but a line terminator.
  for (let k = p + 2; k < e; k++) {
    const t = s.charCodeAt(k);
    if (t === 10 || t === 13 || t === 0x2028 || t === 0x2029) return -1;
  }
  return p;
}

export function isSpecRunnerContextLine(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 35) {
    const level = headingLevel(line);
    return level === 1 || level === 2;
  }
  const k = c === 32 || c === 9 ? skipBlanks(line, 0) : 0;
  return k <= 3 && fenceRunAt(line, k) > 0;
}

export const specRunnerParser: FormatParser = {
  format: 'spec-runner',
  parse: (lines, from, to, ctx, file) => scan(null, lines, 0, Math.max(from, 0), Math.min(to, lines.length), ctx, file),
  parseText: (text, offset, line, file) => scan(text, NO_ITEMS, offset, line, Number.MAX_SAFE_INTEGER, ctx0, file),
  isContextLine: isSpecRunnerContextLine,
};

const ctx0: BlockContext = { group: null, subgroup: null };

/**
 * Reads lines [from, to) of `lines`, or, when `text` is given, every line of `text` from `offset`
 * (line `from`) to its end. A line of the text ends at '\n' and drops one '\r' before it, as
 * splitText's lines do; the loop sees each line as `s` from `b` to `e` either way, and makes it a
 * string of its own only where a helper must read it.
 */
function scan(
  text: string | null, lines: readonly string[], offset: number, from: number, to: number, ctx: BlockContext, file: string,
): TextChunk {
  const tasks: Task[] = [];
  const groups: SpecGroup[] = [];
  const diagnostics: Diagnostic[] = [];
  const contextLines: number[] = [];
  let group = ctx.group;
  let subgroup = ctx.subgroup;
  const cur: Draft = {
    open: false, id: '', title: '', line: 0, endLine: 0, startOff: 0, endOff: 0, headerEnd: 0,
    group: null, subgroup: null, expectMeta: false, metaLine: -1, metaEnd: 0, priority: null, status: 'todo',
    statusText: '', statusCol: -1, statusEnd: 0, estimate: null, mode: null, dependsOn: NO_ITEMS, blocks: NO_ITEMS, hasTraces: false,
    diags: [], depsScratch: scratch(), blocksScratch: scratch(), estimates: [],
  };
  let fenceChar = 0;
  let fenceLen = 0;
  let i = from - 1;
  let next = offset;

  for (;;) {
    i++;
    // The line: s[b, e). From an array it is the whole string; in text, up to '\n' or the end.
    let s: string;
    let b: number;
    let e: number;
    if (text === null) {
      if (i >= to) break;
      s = lines[i] ?? '';
      b = 0;
      e = s.length;
    } else {
      if (next > text.length) break;
      s = text;
      b = next;
      // A third of a typical file's lines are empty: they need no search for their end.
      const c0 = text.charCodeAt(b);
      if (c0 === 10 || (c0 === 13 && text.charCodeAt(b + 1) === 10)) {
        next = c0 === 10 ? b + 1 : b + 2;
        continue;
      }
      let nl = text.indexOf('\n', b);
      if (nl < 0) nl = text.length;
      next = nl + 1;
      e = nl > b && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    }
    if (e === b) continue;
    let c = s.charCodeAt(b);
    let p = b;
    if (c === 32 || c === 9) {
      p = skipBlanksTo(s, b, e);
      if (p === e) continue;
      c = s.charCodeAt(p);
    }
    // Indentation: k columns, the first non-blank at p.
    const k = p - b;

    if (fenceChar !== 0) {
      if (k <= 3 && (c === 96 || c === 126)) {
        const line = ownLine(s, b, e);
        const run = fenceRunAt(line, k);
        if (run > 0) {
          contextLines.push(i);
          if (c === fenceChar && run >= fenceLen && skipBlanks(line, k + run) === line.length) fenceChar = 0;
        }
      } else if (k === 0 && c === 35) {
        const level = headingLevel(ownLine(s, b, e));
        if (level === 1 || level === 2) contextLines.push(i);
      }
      if (cur.open) {
        cur.endLine = i;
        cur.endOff = next - 1;
      }
      continue;
    }

    if (cur.open && cur.expectMeta) {
      cur.expectMeta = false;
      if (c !== 35 && c !== 96 && c !== 126 && readMetaIn(s, b, e)) {
        applyMeta(cur, s, b, e, i, file);
        cur.endLine = i;
        cur.endOff = next - 1;
        continue;
      }
    }

    if (k === 0 && c === 35) {
      const level = headingLevelIn(s, b, e);
      if (level === 3) {
        const idEnd = headerIdEnd(s, b, e);
        if (idEnd > 0) {
          const titleStart = skipBlanksTo(s, idEnd + 2, e);
          // String#trimEnd's whitespace, by hand.
          let titleEnd = e;
          while (titleEnd > titleStart && isWs(s.charCodeAt(titleEnd - 1))) titleEnd--;
          if (titleEnd > titleStart) {
            if (cur.open) finishTask(cur, text, lines, tasks, diagnostics, file);
            openTask(cur, s.slice(b + 4, idEnd), s.slice(titleStart, titleEnd), i, e - b, group, subgroup);
            cur.startOff = b;
            cur.endOff = next - 1;
            continue;
          }
        }
      }
      // Group headings and near misses are a few lines a file: read them as strings of their own.
      const line = ownLine(s, b, e);
      const len = line.length;
      if (level === 1 || level === 2) {
        if (cur.open) finishTask(cur, text, lines, tasks, diagnostics, file);
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
      const miss = nearMiss(line, i, file);
      if (miss !== null) (cur.open ? cur.diags : diagnostics).push(miss);
    } else if (c === 96 || c === 126) {
      if (k <= 3) {
        const run = fenceRunAt(ownLine(s, b, e), k);
        if (run > 0) {
          fenceChar = c;
          fenceLen = run;
          contextLines.push(i);
        }
      }
    } else if (cur.open && (c === 45 || c === 42)) {
      // A column-0 item is never a field ("[" is not "**"): only fields are read here, items lazily.
      if (k === 0) {
        if (matchFieldIn(s, b, e)) readField(cur, s, b, i);
      } else if (p + 4 < e && s.charCodeAt(p + 1) === 32 && s.charCodeAt(p + 2) === 91 && s.charCodeAt(p + 4) === 93
        && (p + 5 === e || isBlank(s.charCodeAt(p + 5)))) {
        cur.diags.push(diag('info', 'indented-checklist',
          'This checklist item is indented, so spec-runner does not read it: checklist items are "- [ ] text" '
          + 'lines at column 0. Move it to column 0 to make it an item, or keep it as a note.',
          file, { line: i, col: k, endCol: e - b }));
      }
    }
    if (cur.open) {
      cur.endLine = i;
      cur.endOff = next - 1;
    }
  }
  if (cur.open) finishTask(cur, text, lines, tasks, diagnostics, file);
  return { tasks, groups, diagnostics, contextLines, lineCount: i };
}

/** The line s[b, e) as a string of its own: `s` itself when it is the whole line. */
function ownLine(s: string, b: number, e: number): string {
  return b === 0 && e === s.length ? s : s.slice(b, e);
}

function openTask(
  cur: Draft, id: string, title: string, line: number, len: number, group: string | null, subgroup: string | null,
): void {
  cur.open = true;
  cur.id = id;
  cur.title = title;
  cur.line = line;
  cur.endLine = line;
  cur.headerEnd = len;
  cur.group = group;
  cur.subgroup = subgroup;
  cur.expectMeta = true;
  cur.metaLine = -1;
  cur.priority = 'p0';
  cur.status = 'todo';
  cur.statusText = '';
  cur.statusCol = -1;
  cur.estimate = null;
  cur.mode = null;
  cur.hasTraces = false;
}

function diag(severity: Severity, code: DiagnosticCode, message: string, file: string, span: Span): Diagnostic {
  return { severity, code, message, file, span };
}

/** Records the meta line text[b, e) (line `i`) that `readMetaIn` just read into META. */
function applyMeta(cur: Draft, text: string, b: number, e: number, i: number, file: string): void {
  const m = META;
  cur.metaLine = i;
  cur.metaEnd = e - b;
  cur.priority = m.priority;
  cur.estimate = m.estimateCol < 0 ? null : estimateAt(cur, text, m.estimateCol, m.estimateEnd);
  if (m.priorityCol < 0) {
    cur.diags.push(diag('error', 'unknown-priority',
      `${cur.id}'s meta line has no priority: expected P0, P1, P2 or P3 before the status, as in "${META_EXAMPLE}".`,
      file, { line: i, col: 0, endCol: e - b }));
  } else if (m.priority === null) {
    cur.diags.push(diag('error', 'unknown-priority',
      `Priority "${text.slice(m.priorityCol, m.priorityEnd)}" is not a spec-runner priority: expected P0, P1, P2 or P3 (optionally after its emoji 🔴 🟠 🟡 🟢).`,
      file, { line: i, col: m.priorityCol - b, endCol: m.priorityEnd - b }));
  }
  const hasEmoji = m.emojiCol >= 0;
  const hasWord = m.wordCol >= 0;
  if (hasWord && m.wordStatus !== 'unknown') {
    cur.status = m.wordStatus;
    if (hasEmoji && m.emojiStatus !== m.wordStatus) {
      cur.diags.push(diag('warning', 'status-mismatch',
        `The status emoji ${text.slice(m.emojiCol, m.emojiEnd)} means ${STATUS_WORD[m.emojiStatus]} but the word says ${STATUS_WORD[m.wordStatus]}: `
        + `the word wins; expected "${STATUS_EMOJI[m.wordStatus]} ${text.slice(m.wordCol, m.wordEnd)}".`,
        file, { line: i, col: m.emojiCol - b, endCol: m.emojiEnd - b }));
    }
  } else if (hasWord) {
    cur.status = 'unknown';
    cur.diags.push(diag('error', 'unknown-status',
      `Status "${text.slice(m.wordCol, m.wordEnd)}" is not a spec-runner status: expected one of ${ACCEPTED_STATUS_WORDS} `
      + '(any case, optionally after its emoji ⬜ 🔄 🔍 ✅ ⏸️).',
      file, { line: i, col: m.wordCol - b, endCol: m.wordEnd - b }));
  } else if (hasEmoji) {
    cur.status = m.emojiStatus;
    const emoji = text.slice(m.emojiCol, m.emojiEnd);
    cur.diags.push(diag('warning', 'unknown-status',
      `The status emoji ${emoji} has no word after it: spec-runner reads the word, expected "${emoji} ${STATUS_WORD[m.emojiStatus]}".`,
      file, { line: i, col: m.emojiCol - b, endCol: m.emojiEnd - b }));
  } else {
    cur.status = 'unknown';
    cur.diags.push(diag('error', 'unknown-status',
      `${cur.id}'s meta line has no status: expected one of ${ACCEPTED_STATUS_WORDS} after the priority, as in "${META_EXAMPLE}".`,
      file, { line: i, col: 0, endCol: e - b }));
  }
  const col = hasEmoji ? m.emojiCol : hasWord ? m.wordCol : -1;
  if (col >= 0) {
    const endCol = hasWord ? m.wordEnd : m.emojiEnd;
    cur.statusCol = col - b;
    cur.statusEnd = endCol - b;
    cur.statusText = statusTextAt(text, col, endCol);
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
    if (known.length === len && sameAt(line, col, known)) return known;
  }
  const text = line.slice(col, endCol);
  if (seen.length < 16) seen.push(text);
  return text;
}

/** The part of the field line at `b` (line `i`, which `matchFieldIn` just read into FIELD) that the graph needs. */
function readField(cur: Draft, line: string, b: number, i: number): void {
  const vs = FIELD.valueStart;
  const ve = FIELD.valueEnd;
  switch (fieldKind(line, FIELD.nameStart, FIELD.nameEnd)) {
    case FIELD_TRACES:
      if (!cur.hasTraces) cur.hasTraces = scanIds(line, vs, ve, 1) > 0;
      break;
    case FIELD_DEPENDS:
      addRefs(cur.depsScratch, line, b, i, scanIds(line, vs, ve, Number.MAX_SAFE_INTEGER));
      break;
    case FIELD_BLOCKS:
      addRefs(cur.blocksScratch, line, b, i, scanIds(line, vs, ve, Number.MAX_SAFE_INTEGER));
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

/** The `count` ids scanIds just found on the line at `b` (line `i`), as field refs. */
function addRefs(list: Scratch<TaskRef>, line: string, b: number, i: number, count: number): void {
  for (let n = 0; n < count; n++) {
    const from = IDS[2 * n]!;
    const to = IDS[2 * n + 1]!;
    add(list, { id: line.slice(from, to), span: { line: i, col: from - b, endCol: to - b }, via: 'field' });
  }
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

/** The open task's header line, made only for a diagnostic: the task makes its own when asked. */
function headerSpan(cur: Draft): Span {
  return { line: cur.line, col: 0, endCol: cur.headerEnd };
}

function finishTask(cur: Draft, text: string | null, lines: readonly string[], tasks: Task[], out: Diagnostic[], file: string): void {
  cur.open = false;
  const diags = cur.diags;
  if (cur.metaLine < 0) {
    diags.push(diag('error', 'missing-meta',
      `${cur.id} has no meta line: expected a line like "${META_EXAMPLE}" right after the header; `
      + 'without it the task would default to P0/TODO and look ready',
      file, headerSpan(cur)));
  } else if (cur.estimate === null) {
    diags.push(diag('warning', 'missing-estimate',
      `${cur.id} has no estimate: expected "| Est: 1d" (or 4h, 2-3d, 0.5d) at the end of the meta line.`,
      file, { line: cur.metaLine, col: 0, endCol: cur.metaEnd }));
  }
  cur.dependsOn = takeAll(cur.depsScratch);
  cur.blocks = takeAll(cur.blocksScratch);
  if (cur.status === 'blocked' && cur.dependsOn.length === 0) {
    diags.push(diag('warning', 'blocked-without-deps',
      `${cur.id} is BLOCKED but names no task it waits for: expected a line like "**Depends on:** [TASK-001]".`,
      file, cur.statusCol < 0 ? headerSpan(cur) : { line: cur.metaLine, col: cur.statusCol, endCol: cur.statusEnd }));
  }
  if (!cur.hasTraces) {
    diags.push(diag('warning', 'no-traces',
      `${cur.id} has no "**Traces to:**" references: expected a line like "**Traces to:** [REQ-001]" tying it to a requirement or design.`,
      file, headerSpan(cur)));
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
  tasks.push(text === null
    ? new SpecRunnerTask(cur, lines.slice(cur.line, cur.endLine + 1), '', 0, 0)
    : new SpecRunnerTask(cur, null, text, cur.startOff, cur.endOff));
}
