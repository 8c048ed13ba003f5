// Reads spec-runner task files (`spec/tasks.md`: `### TASK-001: Title` blocks with a meta line,
// fields and a checklist) into the shared model. One pass, dispatching on each line's first
// character so plain text costs no regex and no allocation; never throws.
import type { BlockContext, FormatParser, ParseChunk } from './formatParser';
import type {
  ChecklistItem,
  Diagnostic,
  DiagnosticCode,
  Priority,
  Severity,
  SpecGroup,
  Span,
  Task,
  TaskField,
  TaskRef,
  TaskStatus,
  TraceRef,
} from './model';
import { ACCEPTED_STATUS_WORDS, META_EXAMPLE, STATUS_EMOJI, STATUS_WORD, parseMetaLine, statusTextAt } from './specRunnerMeta';
import type { ParsedMeta } from './specRunnerMeta';

const TASK_HEADER_RE = /^### ([A-Z][A-Z0-9]*-\d+): (.+)$/;
const NEAR_ID_RE = /([A-Za-z][A-Za-z0-9]*)-(\d[A-Za-z0-9]*)/y;
const UPPER_PREFIX_RE = /^[A-Z][A-Z0-9]*$/;
const LOWER_PREFIX_RE = /^[a-z][a-z0-9]*$/;
const DIGITS_RE = /^\d+$/;
const MILESTONE_RE = /^milestone\b/i;
const HEADER_FORM = '"### TASK-001: Title"';

/** Mutable state of the task being read; frozen into a Task when its block ends. */
interface Draft {
  readonly id: string;
  readonly title: string;
  readonly line: number;
  readonly header: Span;
  readonly idSpan: Span;
  readonly titleSpan: Span;
  readonly group: string | null;
  readonly subgroup: string | null;
  expectMeta: boolean;
  meta: Span | null;
  priority: Priority | null;
  status: TaskStatus;
  statusText: string;
  statusSpan: Span | null;
  estimate: string | null;
  inDesc: boolean;
  descFirst: number;
  descLast: number;
  last: number;
  mode: string | null;
  readonly checklist: ChecklistItem[];
  readonly dependsOn: TaskRef[];
  readonly blocks: TaskRef[];
  readonly traces: TraceRef[];
  readonly fields: TaskField[];
  readonly diags: Diagnostic[];
}

/** The lists every Draft fills, reused across tasks and copied to exact size when a task ends. */
type Scratch = Pick<Draft, 'checklist' | 'dependsOn' | 'blocks' | 'traces' | 'fields' | 'diags'>;

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Length of the ``` / ~~~ run that makes `line` a code fence when it starts at `k`, else 0. */
function fenceRunAt(line: string, k: number): number {
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

function skipBlanks(line: string, from: number): number {
  let k = from;
  while (k < line.length && isBlank(line.charCodeAt(k))) k++;
  return k;
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
  let cur: Draft | null = null;
  const scratch: Scratch = { checklist: [], dependsOn: [], blocks: [], traces: [], fields: [], diags: [] };
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
      if (cur !== null) noteContent(cur, i);
      continue;
    }

    if (cur !== null && cur.expectMeta) {
      cur.expectMeta = false;
      if (c !== 35 && c !== 96 && c !== 126) {
        const meta = parseMetaLine(line);
        if (meta !== null) {
          applyMeta(cur, meta, line, i, file);
          cur.last = i;
          continue;
        }
      }
    }

    if (k === 0 && c === 35) {
      const level = headingLevel(line);
      if (level === 1 || level === 2) {
        if (cur !== null) {
          finishTask(cur, lines, tasks, diagnostics, file);
          cur = null;
        }
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
        const m = TASK_HEADER_RE.exec(line);
        if (m !== null) {
          const id = m[1]!;
          const ts = 6 + id.length;
          const titleStart = skipBlanks(line, ts);
          const title = line.slice(titleStart).trimEnd();
          if (title !== '') {
            if (cur !== null) finishTask(cur, lines, tasks, diagnostics, file);
            cur = newDraft(id, title, i, len, titleStart, group, subgroup, scratch);
            continue;
          }
        }
      }
      const miss = nearMiss(line, i, file);
      if (miss !== null) (cur !== null ? cur.diags : diagnostics).push(miss);
    } else if (c === 96 || c === 126) {
      if (k <= 3) {
        const run = fenceRunAt(line, k);
        if (run > 0) {
          fenceChar = c;
          fenceLen = run;
          contextLines.push(i);
        }
      }
    } else if (cur !== null && (c === 45 || c === 42)) {
      if (k === 0) {
        if (c === 45 && readChecklistItem(cur, line, i)) continue;
        if ((line.charCodeAt(1) === 42 || isBlank(line.charCodeAt(1))) && readField(cur, line, i)) continue;
      } else if (line.charCodeAt(k + 1) === 32 && line.charCodeAt(k + 2) === 91 && line.charCodeAt(k + 4) === 93
        && (k + 5 === len || isBlank(line.charCodeAt(k + 5)))) {
        cur.diags.push(diag('info', 'indented-checklist',
          'This checklist item is indented, so spec-runner does not read it: checklist items are "- [ ] text" '
          + 'lines at column 0. Move it to column 0 to make it an item, or keep it as a note.',
          file, { line: i, col: k, endCol: len }));
      }
    }
    if (cur !== null) noteContent(cur, i);
  }
  if (cur !== null) finishTask(cur, lines, tasks, diagnostics, file);
  return { tasks, groups, diagnostics, contextLines };
}

function noteContent(cur: Draft, i: number): void {
  cur.last = i;
  if (cur.inDesc) {
    if (cur.descFirst < 0) cur.descFirst = i;
    cur.descLast = i;
  }
}

function newDraft(
  id: string, title: string, line: number, len: number, titleStart: number,
  group: string | null, subgroup: string | null, scratch: Scratch,
): Draft {
  return {
    id,
    title,
    line,
    header: { line, col: 0, endCol: len },
    idSpan: { line, col: 4, endCol: 4 + id.length },
    titleSpan: { line, col: titleStart, endCol: titleStart + title.length },
    group,
    subgroup,
    expectMeta: true,
    meta: null,
    priority: 'p0',
    status: 'todo',
    statusText: '',
    statusSpan: null,
    estimate: null,
    inDesc: true,
    descFirst: -1,
    descLast: -1,
    last: line,
    mode: null,
    checklist: scratch.checklist,
    dependsOn: scratch.dependsOn,
    blocks: scratch.blocks,
    traces: scratch.traces,
    fields: scratch.fields,
    diags: scratch.diags,
  };
}

function diag(severity: Severity, code: DiagnosticCode, message: string, file: string, span: Span): Diagnostic {
  return { severity, code, message, file, span };
}

function applyMeta(cur: Draft, m: ParsedMeta, line: string, i: number, file: string): void {
  const metaSpan: Span = { line: i, col: 0, endCol: line.length };
  cur.meta = metaSpan;
  cur.priority = m.priority;
  cur.estimate = m.estimate;
  if (m.priorityPart === null) {
    cur.diags.push(diag('error', 'unknown-priority',
      `${cur.id}'s meta line has no priority: expected P0, P1, P2 or P3 before the status, as in "${META_EXAMPLE}".`,
      file, metaSpan));
  } else if (m.priority === null) {
    cur.diags.push(diag('error', 'unknown-priority',
      `Priority "${m.priorityPart.text}" is not a spec-runner priority: expected P0, P1, P2 or P3 (optionally after its emoji 🔴 🟠 🟡 🟢).`,
      file, { line: i, col: m.priorityPart.col, endCol: m.priorityPart.endCol }));
  }
  const { emoji, word } = m;
  if (word !== null && word.status !== 'unknown') {
    cur.status = word.status;
    if (emoji !== null && emoji.status !== word.status) {
      cur.diags.push(diag('warning', 'status-mismatch',
        `The status emoji ${emoji.text} means ${STATUS_WORD[emoji.status]} but the word says ${STATUS_WORD[word.status]}: `
        + `the word wins; expected "${STATUS_EMOJI[word.status]} ${word.text}".`,
        file, { line: i, col: emoji.col, endCol: emoji.endCol }));
    }
  } else if (word !== null) {
    cur.status = 'unknown';
    cur.diags.push(diag('error', 'unknown-status',
      `Status "${word.text}" is not a spec-runner status: expected one of ${ACCEPTED_STATUS_WORDS} `
      + '(any case, optionally after its emoji ⬜ 🔄 🔍 ✅ ⏸️).',
      file, { line: i, col: word.col, endCol: word.endCol }));
  } else if (emoji !== null) {
    cur.status = emoji.status;
    cur.diags.push(diag('warning', 'unknown-status',
      `The status emoji ${emoji.text} has no word after it: spec-runner reads the word, expected "${emoji.text} ${STATUS_WORD[emoji.status]}".`,
      file, { line: i, col: emoji.col, endCol: emoji.endCol }));
  } else {
    cur.status = 'unknown';
    cur.diags.push(diag('error', 'unknown-status',
      `${cur.id}'s meta line has no status: expected one of ${ACCEPTED_STATUS_WORDS} after the priority, as in "${META_EXAMPLE}".`,
      file, metaSpan));
  }
  const col = emoji !== null ? emoji.col : word !== null ? word.col : -1;
  if (col >= 0) {
    const endCol = word !== null ? word.endCol : emoji!.endCol;
    cur.statusSpan = { line: i, col, endCol };
    cur.statusText = statusTextAt(line, col, endCol);
  }
}

/** A column-0 `- [ ] text` item (box one of ` xXn`); returns false when the line is not one. */
function readChecklistItem(cur: Draft, line: string, i: number): boolean {
  if (line.charCodeAt(1) !== 32 || line.charCodeAt(2) !== 91 || line.charCodeAt(4) !== 93 || line.charCodeAt(5) !== 32) {
    return false;
  }
  const box = line.charCodeAt(3);
  if (box !== 32 && box !== 120 && box !== 88 && box !== 110) return false;
  const text = line.slice(6).trim();
  if (text === '') return false;
  cur.checklist.push({
    index: cur.checklist.length + 1,
    text,
    checked: box === 120 || box === 88,
    span: { line: i, col: 0, endCol: line.length },
    box: { line: i, col: 3, endCol: 4 },
  });
  cur.inDesc = false;
  cur.last = i;
  return true;
}

const TRACES_NAME_RE = /^traces?(?: to)?$/i;
const DEPENDS_NAME_RE = /^(?:depends(?: on)?|dependencies|blocked by)$/i;
const BLOCKS_NAME_RE = /^blocks$/i;
const MODE_NAME_RE = /^mode$/i;
const ESTIMATE_NAME_RE = /^est(?:imate)?$/i;

const KNOWN_FIELDS: readonly string[] = ['Checklist', 'Traces to', 'Depends on', 'Blocks', 'Mode', 'Estimate'];

/** The field's name, sharing one string per known name: a 10k-task file has 30k field lines. */
function fieldName(line: string, from: number, to: number): string {
  const len = to - from;
  for (let k = 0; k < KNOWN_FIELDS.length; k++) {
    const known = KNOWN_FIELDS[k]!;
    if (known.length === len && line.startsWith(known, from)) return known;
  }
  return line.slice(from, to);
}

const REF_TRACE = 0;
const REF_DEPENDS = 1;
const REF_BLOCKS = 2;

/**
 * A `**Name:** value` / `**Name**: value` line, optionally after a `- `/`* ` bullet. Read by hand:
 * fields are a fifth of a typical file's lines and a regex match array per line shows in profiles.
 */
function readField(cur: Draft, line: string, i: number): boolean {
  const len = line.length;
  let p = 0;
  if (line.charCodeAt(1) !== 42) {
    p = 1;
    while (p < len && isBlank(line.charCodeAt(p))) p++;
  }
  if (line.charCodeAt(p) !== 42 || line.charCodeAt(p + 1) !== 42) return false;
  const nameStart = p + 2;
  const close = line.indexOf('**', nameStart);
  if (close <= nameStart) return false;
  let vs: number;
  let nameEnd: number;
  if (line.charCodeAt(close - 1) === 58) {
    nameEnd = close - 1;
    vs = close + 2;
  } else {
    let q = close + 2;
    while (q < len && isBlank(line.charCodeAt(q))) q++;
    if (line.charCodeAt(q) !== 58) return false;
    nameEnd = close;
    vs = q + 1;
  }
  while (vs < len && isBlank(line.charCodeAt(vs))) vs++;
  let ns = nameStart;
  while (ns < nameEnd && isBlank(line.charCodeAt(ns))) ns++;
  while (nameEnd > ns && isBlank(line.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd <= ns) return false;
  const name = fieldName(line, ns, nameEnd);
  let ve = len;
  while (ve > vs && isBlank(line.charCodeAt(ve - 1))) ve--;
  cur.fields.push({ name, span: { line: i, col: 0, endCol: len }, value: { line: i, col: vs, endCol: ve } });
  cur.inDesc = false;
  cur.last = i;
  switch (fieldKind(name)) {
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
      if (cur.estimate === null && ve > vs) cur.estimate = line.slice(vs, ve);
      break;
    default:
      break;
  }
  return true;
}

const FIELD_OTHER = 0;
const FIELD_TRACES = 1;
const FIELD_DEPENDS = 2;
const FIELD_BLOCKS = 3;
const FIELD_MODE = 4;
const FIELD_ESTIMATE = 5;

/** Which known field `name` is; the usual spellings are compared as strings before any regex. */
function fieldKind(name: string): number {
  switch (name) {
    case 'Checklist': return FIELD_OTHER;
    case 'Traces to': return FIELD_TRACES;
    case 'Depends on': return FIELD_DEPENDS;
    case 'Blocks': return FIELD_BLOCKS;
    case 'Mode': return FIELD_MODE;
    case 'Estimate': return FIELD_ESTIMATE;
    default: break;
  }
  if (TRACES_NAME_RE.test(name)) return FIELD_TRACES;
  if (DEPENDS_NAME_RE.test(name)) return FIELD_DEPENDS;
  if (BLOCKS_NAME_RE.test(name)) return FIELD_BLOCKS;
  if (MODE_NAME_RE.test(name)) return FIELD_MODE;
  return ESTIMATE_NAME_RE.test(name) ? FIELD_ESTIMATE : FIELD_OTHER;
}

function addRef(cur: Draft, kind: number, line: string, i: number, col: number, endCol: number): void {
  const id = line.slice(col, endCol);
  const span: Span = { line: i, col, endCol };
  if (kind === REF_TRACE) cur.traces.push({ text: id, span, ids: [id] });
  else (kind === REF_DEPENDS ? cur.dependsOn : cur.blocks).push({ id, span, via: 'field' });
}

/**
 * Records each task/requirement id in [from, to): every `[ID]`, and a bare `ID` that
 * starts a list item (after the start, `,`, `;`, `&`, `/`, `and`, or another id). A bare id in
 * parentheses or inside prose is not a reference: `[TASK-001] (needs DB-2)` names TASK-001 only.
 */
function scanIds(cur: Draft, kind: number, line: string, i: number, from: number, to: number): void {
  let depth = 0;
  let lastEnd = -1;
  let k = from;
  while (k < to) {
    const ch = line.charCodeAt(k);
    if (ch === 40) depth++;
    else if (ch === 41) depth = depth > 0 ? depth - 1 : 0;
    const prev = line.charCodeAt(k - 1);
    if (ch < 65 || ch > 90 || isWordChar(prev) || prev === 45) {
      k++;
      continue;
    }
    let j = k + 1;
    while (j < to && ((line.charCodeAt(j) >= 65 && line.charCodeAt(j) <= 90) || (line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57))) j++;
    let d = j + 1;
    if (j < to && line.charCodeAt(j) === 45) {
      while (d < to && line.charCodeAt(d) >= 48 && line.charCodeAt(d) <= 57) d++;
    }
    if (j >= to || line.charCodeAt(j) !== 45 || d === j + 1 || (d < to && isWordChar(line.charCodeAt(d)))) {
      while (k < to && (isWordChar(line.charCodeAt(k)) || line.charCodeAt(k) === 45)) k++;
      continue;
    }
    const bracketed = prev === 91 && d < to && line.charCodeAt(d) === 93;
    if (bracketed || (depth === 0 && startsItem(line, from, k, lastEnd))) {
      addRef(cur, kind, line, i, k, d);
      lastEnd = bracketed ? d + 1 : d;
    }
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

  let description = '';
  for (let j = cur.descFirst; j >= 0 && j <= cur.descLast; j++) {
    const t = (lines[j] ?? '').trim();
    description = j === cur.descFirst ? t : `${description}\n${t}`;
  }
  tasks.push({
    id: cur.id,
    title: cur.title,
    format: 'spec-runner',
    line: cur.line,
    endLine: cur.last,
    header: cur.header,
    idSpan: cur.idSpan,
    titleSpan: cur.titleSpan,
    status: cur.status,
    statusText: cur.statusText,
    statusSpan: cur.statusSpan,
    meta: cur.meta,
    priority: cur.priority,
    estimate: cur.estimate,
    description,
    checklist: takeAll(cur.checklist),
    dependsOn: takeAll(cur.dependsOn),
    blocks: takeAll(cur.blocks),
    traces: takeAll(cur.traces),
    parent: null,
    children: [],
    group: cur.group,
    subgroup: cur.subgroup,
    optional: false,
    parallel: false,
    story: null,
    mode: cur.mode,
    fields: takeAll(cur.fields),
  });
}

/** An exact-size copy of a scratch list, which is emptied for the next task. */
function takeAll<T>(list: T[]): T[] {
  if (list.length === 0) return [];
  const copy = list.slice();
  list.length = 0;
  return copy;
}
