// Kiro's `.kiro/specs/<feature>/tasks.md`: numbered checkbox tasks whose hierarchy comes from the
// number, with detail bullets and `_Requirements: ..._` lines beneath. Box `[!]` (blocked) is a
// Specpilot extension; any other unknown box character is kept and shown as unknown.
import type { BlockContext, FormatParser, ParseChunk } from './formatParser';
import { headingLevel, isCheckboxContextLine as isContextLine, isDigit, isWs, leadingWs, runLength, statusFromBox as boxStatus } from './checkbox';
import { collectKiroRefs, type KiroRefCache } from './kiroRefs';
import type { ChecklistItem, Diagnostic, Span, SpecGroup, Task, TaskField, TraceRef } from './model';

/** The task line as formats.md defines it. `matchTask` is its allocation-free twin (a test holds them equal). */
const TASK_RE = /^(\s*)- \[(.)\](\*)? (\d+(?:\.\d+)*)\.? (.+)$/;
const TASK_NUMBER = /^\d+(?:\.\d+)*\.?$/;
const MAX_FIELD_NAME = 40;
const EMPTY: readonly never[] = Object.freeze([]);

const CH_SPACE = 32;
const CH_HASH = 35;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_DASH = 45;
const CH_DOT = 46;
const CH_COLON = 58;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_UNDERSCORE = 95;
const CH_BACKTICK = 96;
const CH_TILDE = 126;

type Draft = { -readonly [K in keyof Task]: Task[K] };

/** The open task and its growing parts, reused across tasks so a plain line allocates nothing. */
interface Block {
  task: Draft | null;
  description: string | null;
  checklist: ChecklistItem[] | null;
  /** Scratch list, emptied as each task closes. */
  readonly traces: TraceRef[];
  readonly refCache: KiroRefCache;
  fields: TaskField[] | null;
}

/** Where `matchTask` found the parts of a task line (one scratch object: parsing is synchronous). */
const hit = { optional: false, idCol: 0, idEnd: 0, titleStart: 0, titleEnd: 0 };

export const kiroParser: FormatParser = {
  format: 'kiro',
  parse,
  isContextLine,
};

function parse(lines: readonly string[], from: number, to: number, ctx: BlockContext, file: string): ParseChunk {
  const tasks: Task[] = [];
  const groups: SpecGroup[] = [];
  const diagnostics: Diagnostic[] = [];
  const contextLines: number[] = [];
  const end = Math.min(to, lines.length);
  const b: Block = { task: null, description: null, checklist: null, traces: [], fields: null, refCache: new Map() };
  let group = ctx.group;
  // An open code fence: its character code and run length (a closing fence needs at least as many).
  let fenceChar = 0;
  let fenceLen = 0;
  let fenceLine = -1;

  const warn = (code: 'not-a-task' | 'unknown-status', message: string, s: Span): void => {
    diagnostics.push({ severity: 'warning', code, message, file, span: s });
  };

  for (let i = Math.max(from, 0); i < end; i++) {
    const line = lines[i]!;
    const len = line.length;
    let p = 0;
    while (p < len && isWs(line.charCodeAt(p))) p++;
    if (p === len) continue;
    const c = line.charCodeAt(p);
    const cur = b.task;

    if (fenceChar !== 0) {
      if ((c === CH_BACKTICK || c === CH_TILDE || c === CH_HASH) && isContextLine(line)) contextLines.push(i);
      if (c === fenceChar && closesFence(line, p, fenceChar, fenceLen)) fenceChar = 0;
      if (cur) cur.endLine = i;
      continue;
    }

    if (c === CH_HASH) {
      const level = headingLevel(line, p);
      if (level > 0) {
        contextLines.push(i);
        closeBlock(b);
        if (level === 2) {
          const title = headingTitle(line, p + level);
          if (title !== '') {
            group = title;
            groups.push({ title, kind: 'group', line: i, span: { line: i, col: 0, endCol: len } });
          }
        }
        continue;
      }
    } else if (c === CH_BACKTICK || c === CH_TILDE) {
      const run = runLength(line, p, c);
      if (run >= 3) contextLines.push(i);
      // A backtick fence's info string holds no backtick: "```a```" is inline code, not a fence.
      if (run >= 3 && (c === CH_TILDE || line.indexOf('`', p + run) < 0)) {
        fenceChar = c;
        fenceLen = run;
        fenceLine = i;
        if (cur) cur.endLine = i;
        continue;
      }
    } else if (c === CH_DASH || c === CH_STAR || c === CH_PLUS) {
      const next = line.charCodeAt(p + 1);
      const gap = next === CH_SPACE;
      const bs = gap ? p + 2 : p + 1;
      if (line.charCodeAt(bs) === CH_LBRACKET && (gap || next === CH_LBRACKET)) {
        // A checkbox line: a task, a checklist item of the open task, or a near miss to explain.
        if (c === CH_DASH && gap && line.charCodeAt(bs + 2) === CH_RBRACKET && matchTask(line, p)) {
          if (hit.titleEnd > hit.titleStart) {
            closeBlock(b);
            const t = openTask(line, i, p, group);
            b.task = t;
            tasks.push(t);
            if (t.status === 'unknown') {
              warn('unknown-status', `Unknown checkbox "[${t.statusText}]": expected "[ ]" (todo), "[x]" (done), "[-]" (in progress) or "[!]" (blocked); the task is shown with an unknown status.`, t.statusSpan!);
            }
            continue;
          }
          const id = line.slice(hit.idCol, hit.idEnd);
          warn('not-a-task', `Not read as a task: expected a title after the task number "${id}", as in "- [ ] ${id}. Set up the model".`, trimmedSpan(line, i, p));
          if (cur) cur.endLine = i;
          continue;
        }
        const verdict = checkboxVerdict(line, p, c, gap, bs, cur !== null);
        if (verdict !== null) {
          if (cur) cur.endLine = i;
          if (verdict === CHECKLIST) {
            addChecklistItem(b, line, i, p, bs, warn);
          } else {
            warn('not-a-task', verdict, trimmedSpan(line, i, p));
          }
          continue;
        }
      }
    }

    if (!cur) continue;
    cur.endLine = i;
    readDetail(b, line, i, p, c);
  }
  closeBlock(b);

  if (fenceChar !== 0) {
    const hidden = countHiddenTasks(lines, fenceLine + 1, end);
    if (hidden > 0) {
      const fl = lines[fenceLine]!;
      diagnostics.push({
        severity: 'warning',
        code: 'not-a-task',
        message: `This code fence is never closed, so the ${hidden} task line${hidden === 1 ? '' : 's'} after it ${hidden === 1 ? 'is' : 'are'} hidden: expected a closing ${String.fromCharCode(fenceChar).repeat(fenceLen)} line.`,
        file,
        span: trimmedSpan(fl, fenceLine, leadingWs(fl)),
      });
      diagnostics.sort((x, y) => x.span.line - y.span.line);
    }
  }
  return { tasks, groups, diagnostics, contextLines };
}

/**
 * TASK_RE by hand, for a line known to start `- [?]` at `p` (indentation already matched `\s*`):
 * the regex would allocate a match and five captures on every task line of a 10k-task file.
 */
function matchTask(line: string, p: number): boolean {
  const len = line.length;
  if (isTerminator(line.charCodeAt(p + 3))) return false;
  let k = p + 5;
  hit.optional = line.charCodeAt(k) === CH_STAR;
  if (hit.optional) k++;
  if (line.charCodeAt(k) !== CH_SPACE) return false;
  k++;
  if (!isDigit(line.charCodeAt(k))) return false;
  hit.idCol = k;
  for (;;) {
    while (isDigit(line.charCodeAt(k))) k++;
    if (line.charCodeAt(k) === CH_DOT && isDigit(line.charCodeAt(k + 1))) k++;
    else break;
  }
  hit.idEnd = k;
  if (line.charCodeAt(k) === CH_DOT) k++;
  if (line.charCodeAt(k) !== CH_SPACE) return false;
  k++;
  if (k >= len) return false;
  for (let j = k; j < len; j++) if (isTerminator(line.charCodeAt(j))) return false;
  let s = k;
  while (s < len && isWs(line.charCodeAt(s))) s++;
  let e = len;
  while (e > s && isWs(line.charCodeAt(e - 1))) e--;
  hit.titleStart = s;
  hit.titleEnd = e;
  return true;
}

function openTask(line: string, i: number, p: number, group: string | null): Draft {
  const id = line.slice(hit.idCol, hit.idEnd);
  const box = line.charAt(p + 3);
  const dot = id.lastIndexOf('.');
  return {
    id,
    title: line.slice(hit.titleStart, hit.titleEnd),
    format: 'kiro',
    line: i,
    endLine: i,
    header: { line: i, col: p, endCol: hit.titleEnd },
    idSpan: { line: i, col: hit.idCol, endCol: hit.idEnd },
    titleSpan: { line: i, col: hit.titleStart, endCol: hit.titleEnd },
    status: boxStatus(box),
    statusText: box,
    statusSpan: { line: i, col: p + 3, endCol: p + 4 },
    meta: null,
    priority: null,
    estimate: null,
    description: '',
    checklist: EMPTY,
    dependsOn: EMPTY,
    blocks: EMPTY,
    traces: EMPTY,
    parent: dot > 0 ? id.slice(0, dot) : null,
    children: EMPTY,
    group,
    subgroup: null,
    optional: hit.optional,
    parallel: false,
    story: null,
    mode: null,
    fields: EMPTY,
  };
}


function closeBlock(b: Block): void {
  const t = b.task;
  if (!t) return;
  if (b.description !== null) t.description = b.description;
  if (b.checklist !== null) t.checklist = b.checklist;
  // Copy out of the shared scratch list: an exact-size array instead of push's spare capacity.
  if (b.traces.length > 0) t.traces = b.traces.slice();
  if (b.fields !== null) t.fields = b.fields;
  b.task = null;
  b.description = null;
  b.checklist = null;
  if (b.traces.length > 0) b.traces.length = 0;
  b.fields = null;
}

const CHECKLIST = 1;

/**
 * Classifies a checkbox line that is not a valid task: CHECKLIST for an unnumbered item under a
 * task, a message for a near miss, or null when it is just text (a `[link](...)` bullet).
 */
function checkboxVerdict(line: string, p: number, bullet: number, gap: boolean, bs: number, underTask: boolean): string | typeof CHECKLIST | null {
  const close = line.indexOf(']', bs + 1);
  if (close < 0 || close > bs + 4) return null;
  let q = close + 1;
  if (line.charCodeAt(q) === CH_STAR) q++;
  let r = q;
  while (r < line.length && line.charCodeAt(r) === CH_SPACE) r++;
  const numbered = isDigit(line.charCodeAt(r));
  const example = '"- [ ] 1. Set up the model"';
  if (close !== bs + 2) {
    if (!numbered) return null;
    return `Not read as a task: expected exactly one character inside the checkbox, as in ${example}.`;
  }
  if (numbered) {
    if (bullet !== CH_DASH) return `Not read as a task: Kiro task lines start with "- ", not "${String.fromCharCode(bullet)} "; expected ${example}.`;
    if (!gap) return `Not read as a task: expected a space between "-" and "[", as in ${example}.`;
    if (r === q) return `Not read as a task: expected a space between "]" and the task number, as in ${example}.`;
    if (r > q + 1) return `Not read as a task: expected exactly one space between "]" and the task number, as in ${example}.`;
    let e = r;
    while (e < line.length && !isWs(line.charCodeAt(e))) e++;
    const token = line.slice(r, e);
    if (!TASK_NUMBER.test(token)) {
      return `Not read as a task: "${token}" is not a task number; expected digits separated by dots (1, 2.1, 2.1.3) then a space and the title, as in ${example}.`;
    }
    return `Not read as a task: expected a title after the task number "${token.replace(/\.$/, '')}", as in ${example}.`;
  }
  if (!gap) return null;
  if (underTask && p > 0 && r < line.length && r > q) return CHECKLIST;
  return `Not read as a task: expected a task number after the checkbox, as in ${example}; Kiro tasks are numbered.`;
}

function addChecklistItem(
  b: Block,
  line: string,
  i: number,
  p: number,
  bs: number,
  warn: (code: 'unknown-status', message: string, s: Span) => void,
): void {
  const box = line.charAt(bs + 1);
  let s = bs + 3;
  if (line.charCodeAt(s) === CH_STAR) s++;
  while (s < line.length && isWs(line.charCodeAt(s))) s++;
  let e = line.length;
  while (e > s && isWs(line.charCodeAt(e - 1))) e--;
  const boxSpan: Span = { line: i, col: bs + 1, endCol: bs + 2 };
  if (box !== ' ' && box !== 'x' && box !== 'X') {
    warn('unknown-status', `Unknown checklist box "[${box}]": expected "[ ]" (unchecked) or "[x]" (checked); the item is read as unchecked.`, boxSpan);
  }
  const item: ChecklistItem = {
    index: b.checklist === null ? 1 : b.checklist.length + 1,
    text: line.slice(s, e),
    checked: box === 'x' || box === 'X',
    span: { line: i, col: p, endCol: e },
    box: boxSpan,
  };
  if (b.checklist === null) b.checklist = [item];
  else b.checklist.push(item);
}

/** A line inside a task's block: a labelled field (`_Requirements: 1.1_`) or a detail. */
function readDetail(b: Block, line: string, i: number, p: number, c: number): void {
  let s = p;
  if ((c === CH_DASH || c === CH_STAR || c === CH_PLUS) && isWs(line.charCodeAt(p + 1))) {
    s = p + 2;
    while (s < line.length && isWs(line.charCodeAt(s))) s++;
  }
  let e = line.length;
  while (e > s && isWs(line.charCodeAt(e - 1))) e--;
  if (e === s) return;
  if (readField(b, line, i, s, e)) return;
  const text = line.slice(s, e);
  b.description = b.description === null ? text : b.description + '\n' + text;
}

/**
 * `_Name: value_`, `_Name:_ value`, `**Name:** value`, `**Name**: value` (any name), and plain
 * `Requirements: value`. Requirement/Requirements in any spelling is recorded as `Requirements`.
 */
function readField(b: Block, line: string, i: number, s: number, e: number): boolean {
  const m = line.charCodeAt(s);
  let n = 0;
  if (m === CH_UNDERSCORE || m === CH_STAR) {
    n = line.charCodeAt(s + 1) === m ? 2 : 1;
  } else if (m !== 82 && m !== 114) {
    return false; // plain fields are only `Requirements:` (R/r)
  }
  const ns = s + n;
  let k = ns;
  while (k < e && k - ns <= MAX_FIELD_NAME && isNameChar(line.charCodeAt(k), k === ns)) k++;
  let ne = k;
  while (ne > ns && line.charCodeAt(ne - 1) === CH_SPACE) ne--;
  if (ne === ns) return false;
  const closedBefore = n > 0 && markerAt(line, k, m, n);
  if (closedBefore) k += n;
  if (line.charCodeAt(k) !== CH_COLON) return false;
  k++;
  const closedAfter = n > 0 && !closedBefore && markerAt(line, k, m, n);
  if (closedAfter) k += n;
  const isReq = isRequirementsName(line, ns, ne);
  if (n === 0 && !isReq) return false;
  let vs = k;
  while (vs < e && isWs(line.charCodeAt(vs))) vs++;
  let ve = e;
  if (n > 0 && !closedBefore && !closedAfter && ve - vs >= n && markerAt(line, ve - n, m, n)) {
    ve -= n;
    while (ve > vs && isWs(line.charCodeAt(ve - 1))) ve--;
  }
  const name = isReq ? 'Requirements' : line.slice(ns, ne);
  const field: TaskField = { name, span: { line: i, col: 0, endCol: line.length }, value: { line: i, col: vs, endCol: ve } };
  if (b.fields === null) b.fields = [field];
  else b.fields.push(field);
  if (isReq && ve > vs) collectKiroRefs(line, vs, ve, i, vs, b.traces, b.refCache);
  return true;
}

function markerAt(line: string, k: number, m: number, n: number): boolean {
  return line.charCodeAt(k) === m && (n === 1 || line.charCodeAt(k + 1) === m);
}

/** `Requirement` or `Requirements`, any case, without slicing the name out. */
function isRequirementsName(line: string, s: number, e: number): boolean {
  const len = e - s;
  if (len !== 11 && len !== 12) return false;
  const word = 'requirements';
  for (let k = 0; k < len; k++) if ((line.charCodeAt(s + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

function isNameChar(c: number, first: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (first) return letter;
  return letter || isDigit(c) || c === CH_SPACE || c === CH_DASH || c === 47 /* / */;
}



/** The heading text without its optional closing `#` sequence. */
function headingTitle(line: string, from: number): string {
  let s = from;
  let e = line.length;
  while (s < e && isWs(line.charCodeAt(s))) s++;
  while (e > s && isWs(line.charCodeAt(e - 1))) e--;
  let h = e;
  while (h > s && line.charCodeAt(h - 1) === CH_HASH) h--;
  if (h === s || isWs(line.charCodeAt(h - 1))) {
    e = h;
    while (e > s && isWs(line.charCodeAt(e - 1))) e--;
  }
  return line.slice(s, e);
}

function closesFence(line: string, p: number, ch: number, min: number): boolean {
  const run = runLength(line, p, ch);
  if (run < min) return false;
  for (let k = p + run; k < line.length; k++) if (!isWs(line.charCodeAt(k))) return false;
  return true;
}

function countHiddenTasks(lines: readonly string[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (TASK_RE.test(lines[i]!)) n++;
  return n;
}



/** From the first non-blank character to the end of the line, trailing blanks excluded. */
function trimmedSpan(line: string, i: number, p: number): Span {
  let e = line.length;
  while (e > p && isWs(line.charCodeAt(e - 1))) e--;
  return { line: i, col: p, endCol: e };
}

/** What `.` in a JavaScript regex does not match. */
function isTerminator(c: number): boolean {
  return c === 10 || c === 13 || (c | 1) === 0x2029;
}


