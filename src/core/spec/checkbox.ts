// What Spec Kit and OpenSpec share: the checkbox is the task's status, and their files read the
// same way line by line (fences hide, headings set the group and end a task, indented lines are
// details). Each format supplies only how to read one list line.
import type { BlockContext, ParseChunk } from './formatParser';
import { assertNever } from './model';
import type { Diagnostic, Priority, Span, SpecFormat, SpecGroup, Task, TaskRef, TaskStatus } from './model';

export const CH_TAB = 9;
export const CH_SPACE = 32;
export const CH_HASH = 35;
export const CH_STAR = 42;
export const CH_PLUS = 43;
export const CH_DASH = 45;
export const CH_DOT = 46;
export const CH_LBRACKET = 91;
export const CH_RBRACKET = 93;
const CH_BACKTICK = 96;
const CH_TILDE = 126;

const EMPTY: readonly never[] = Object.freeze([]);

/** The status a box character means; `-` and `!` are understood in every checkbox format. */
export function statusFromBox(box: string): TaskStatus {
  switch (box) {
    case ' ': return 'todo';
    case 'x':
    case 'X': return 'done';
    case '-': return 'in_progress';
    case '!': return 'blocked';
    default: return 'unknown';
  }
}

/**
 * The box character a status write-back puts in. Spec Kit and OpenSpec have no review or blocked
 * marker: review is written as in progress (`-`) and blocked as `!`, a Specpilot extension.
 * The format is taken so a format with its own characters can differ without touching callers.
 */
export function checkboxChar(status: Exclude<TaskStatus, 'unknown'>, _format: SpecFormat): string {
  switch (status) {
    case 'todo': return ' ';
    case 'done': return 'x';
    case 'in_progress':
    case 'review': return '-';
    case 'blocked': return '!';
    default: return assertNever(status);
  }
}

/**
 * A task line as one format read it, written into one scratch object per parse (a 10k-task file
 * would otherwise allocate a throwaway object per task); the shared loop adds status, block, group.
 */
export interface ItemHead {
  id: string;
  idSpan: Span;
  title: string;
  titleSpan: Span;
  /** The character(s) inside the brackets: one code point. */
  box: string;
  boxSpan: Span;
  /** From the bullet to the end of the trimmed line. */
  header: Span;
  parallel: boolean;
  story: string | null;
  parent: string | null;
}

/** `task`: `head` holds it; `near-miss`: diagnosed as not a task, so it is not a detail line either. */
export type ItemVerdict = 'task' | 'near-miss' | null;

export interface CheckboxDialect {
  readonly format: SpecFormat;
  /** The kind a `## ` heading makes. */
  readonly groupKind: 'phase' | 'group';
  /** Reads a line whose first non-blank character (at `indent`) is `-`, `*` or `+`. */
  readItem(line: string, lineNo: number, indent: number, head: ItemHead, out: Diagnostic[], file: string): ItemVerdict;
  /** The priority of the tasks under group heading `group` (also the state a window starts in). */
  priorityOf(group: string | null): Priority | null;
  /** Called on each `## ` heading a parse meets, to diagnose it. */
  checkGroupHeading?(line: string, lineNo: number, out: Diagnostic[], file: string): void;
  /**
   * Adds the task ids line `lineNo` (`text`, read from column `from`) names in prose to `found`,
   * returning the list (a new one when `found` is null and ids were found).
   */
  proseDeps?(text: string, lineNo: number, from: number, found: TaskRef[] | null): TaskRef[] | null;
}

/** The task being read, completed (endLine, description, dependsOn) when its block closes. */
type OpenTask = { -readonly [K in keyof Task]: Task[K] };

const NO_SPAN: Span = { line: 0, col: 0, endCol: 0 };

export function parseCheckboxLines(
  dialect: CheckboxDialect,
  lines: readonly string[],
  from: number,
  to: number,
  ctx: BlockContext,
  file: string,
): ParseChunk {
  const tasks: Task[] = [];
  const groups: SpecGroup[] = [];
  const diagnostics: Diagnostic[] = [];
  const contextLines: number[] = [];
  const end = Math.min(to, lines.length);
  const format = dialect.format;
  const head: ItemHead = {
    id: '', idSpan: NO_SPAN, title: '', titleSpan: NO_SPAN, box: '', boxSpan: NO_SPAN, header: NO_SPAN,
    parallel: false, story: null, parent: null,
  };
  let group = ctx.group;
  let subgroup = ctx.subgroup;
  let priority = dialect.priorityOf(group);
  let cur: OpenTask | null = null;
  let last = 0;
  // False once a non-indented line follows the task: Markdown ends the list item there.
  let detailsOpen = false;
  let description: string | null = null;
  let deps: TaskRef[] | null = null;
  // An open code fence: its character code and run length (a closing fence needs at least as many).
  let fenceChar = 0;
  let fenceLen = 0;
  let fenceLine = -1;
  let hidden = 0;

  const close = (t: OpenTask): void => {
    t.endLine = last;
    if (description !== null) t.description = description;
    if (deps !== null) t.dependsOn = deps;
    tasks.push(t);
  };

  for (let i = Math.max(from, 0); i < end; i++) {
    const line = lines[i]!;
    const len = line.length;
    if (len === 0) continue;
    let p = 0;
    let c = line.charCodeAt(0);
    if (isWs(c)) {
      do p++; while (p < len && isWs(line.charCodeAt(p)));
      if (p === len) continue;
      c = line.charCodeAt(p);
    }

    if (fenceChar !== 0) {
      if (c === CH_BACKTICK || c === CH_TILDE) {
        const run = runLength(line, p, c);
        if (run >= 3) {
          contextLines.push(i);
          if (c === fenceChar && run >= fenceLen && restIsBlank(line, p + run)) fenceChar = 0;
        }
      } else if (c === CH_HASH) {
        if (headingLevel(line, p) > 0) contextLines.push(i);
      } else if ((c === CH_DASH || c === CH_STAR || c === CH_PLUS) && looksLikeCheckbox(line, p)) {
        hidden++;
      }
      last = i;
      continue;
    }

    if (c === CH_HASH) {
      const level = headingLevel(line, p);
      if (level > 0) {
        contextLines.push(i);
        if (cur) close(cur);
        cur = null;
        if (level <= 3) {
          const title = headingTitle(line, p + level);
          if (level === 1) {
            group = null;
            subgroup = null;
          } else if (level === 2) {
            group = title === '' ? null : title;
            subgroup = null;
            if (group !== null) groups.push({ title, kind: dialect.groupKind, line: i, span: { line: i, col: 0, endCol: len } });
            dialect.checkGroupHeading?.(line, i, diagnostics, file);
          } else {
            subgroup = title === '' ? null : title;
            if (subgroup !== null) groups.push({ title, kind: 'subgroup', line: i, span: { line: i, col: 0, endCol: len } });
          }
          priority = dialect.priorityOf(group);
        }
        continue;
      }
    } else if (c === CH_BACKTICK || c === CH_TILDE) {
      const run = runLength(line, p, c);
      if (run >= 3) {
        contextLines.push(i);
        // CommonMark: a backtick fence's info string has no backtick, else it is inline code.
        if (c === CH_TILDE || line.indexOf('`', p + run) < 0) {
          fenceChar = c;
          fenceLen = run;
          fenceLine = i;
          hidden = 0;
        }
        last = i;
        if (p === 0) detailsOpen = false;
        continue;
      }
    } else if (c === CH_DASH || c === CH_STAR || c === CH_PLUS) {
      const verdict = dialect.readItem(line, i, p, head, diagnostics, file);
      if (verdict === 'near-miss') {
        last = i;
        if (p === 0) detailsOpen = false;
        continue;
      }
      if (verdict === 'task') {
        if (cur) close(cur);
        const status = statusFromBox(head.box);
        if (status === 'unknown') {
          diagnostics.push({
            severity: 'warning',
            code: 'unknown-status',
            message: `Unknown checkbox "[${head.box}]": expected "[ ]" (todo), "[x]" (done), "[-]" (in progress) or "[!]" (blocked); the task is shown with an unknown status and its box is left as written.`,
            file,
            span: head.boxSpan,
          });
        }
        last = i;
        detailsOpen = true;
        description = null;
        deps = dialect.proseDeps ? dialect.proseDeps(line, i, head.titleSpan.col, null) : null;
        cur = {
          id: head.id,
          title: head.title,
          format,
          line: i,
          endLine: i,
          header: head.header,
          idSpan: head.idSpan,
          titleSpan: head.titleSpan,
          status,
          statusText: head.box,
          statusSpan: head.boxSpan,
          meta: null,
          priority,
          estimate: null,
          description: '',
          checklist: EMPTY,
          dependsOn: EMPTY,
          blocks: EMPTY,
          traces: EMPTY,
          parent: head.parent,
          children: EMPTY,
          group,
          subgroup,
          optional: false,
          parallel: head.parallel,
          story: head.story,
          mode: null,
          fields: EMPTY,
        };
        continue;
      }
    }

    // Any other non-blank line belongs to the open task's block; indented ones are its details.
    last = i;
    if (p === 0) {
      detailsOpen = false;
    } else if (cur && detailsOpen) {
      let s = p;
      // Detail bullets lose their marker, as Kiro's do, so descriptions read the same in every format.
      if ((c === CH_DASH || c === CH_STAR || c === CH_PLUS) && isWs(line.charCodeAt(p + 1))) s = skipWs(line, p + 2);
      const e = trimmedEnd(line, s);
      if (e > s) {
        const text = line.slice(s, e);
        description = description === null ? text : description + '\n' + text;
        if (dialect.proseDeps) deps = dialect.proseDeps(line, i, s, deps);
      }
    }
  }
  if (cur) close(cur);

  if (fenceChar !== 0 && hidden > 0) {
    const fl = lines[fenceLine]!;
    const fp = leadingWs(fl);
    diagnostics.push({
      severity: 'warning',
      code: 'not-a-task',
      message: `This code fence is never closed, so the ${hidden} checkbox line${hidden === 1 ? '' : 's'} after it ${hidden === 1 ? 'is' : 'are'} hidden: expected a closing ${String.fromCharCode(fenceChar).repeat(fenceLen)} line.`,
      file,
      span: { line: fenceLine, col: fp, endCol: trimmedEnd(fl, fp) },
    });
  }
  return { tasks, groups, diagnostics, contextLines };
}

/** A `#` heading (up to three spaces of indentation, 1-6 hashes, then a blank or the end), or a code fence. */
export function isCheckboxContextLine(line: string): boolean {
  const len = line.length;
  let p = 0;
  while (p < len && isWs(line.charCodeAt(p))) p++;
  if (p === len) return false;
  const c = line.charCodeAt(p);
  if (c === CH_HASH) return headingLevel(line, p) > 0;
  if (c === CH_BACKTICK || c === CH_TILDE) return runLength(line, p, c) >= 3;
  return false;
}

/** The level of a `#` heading starting at `p` (at most three spaces in), or 0 when it is none. */
export function headingLevel(line: string, p: number): number {
  if (p > 3) return 0;
  const run = runLength(line, p, CH_HASH);
  if (run > 6) return 0;
  const after = p + run;
  return after === line.length || isWs(line.charCodeAt(after)) ? run : 0;
}

/** The heading text without its optional closing `#` sequence. */
function headingTitle(line: string, from: number): string {
  let s = from;
  while (s < line.length && isWs(line.charCodeAt(s))) s++;
  let e = trimmedEnd(line, s);
  let h = e;
  while (h > s && line.charCodeAt(h - 1) === CH_HASH) h--;
  if (h === s || isWs(line.charCodeAt(h - 1))) {
    e = h;
    while (e > s && isWs(line.charCodeAt(e - 1))) e--;
  }
  return line.slice(s, e);
}

/** `- [`, `* [`, `-[`: enough to count a line an unclosed fence hides. */
function looksLikeCheckbox(line: string, p: number): boolean {
  let k = p + 1;
  while (k < line.length && isWs(line.charCodeAt(k))) k++;
  return line.charCodeAt(k) === CH_LBRACKET && checkboxClose(line, k) > 0;
}

/**
 * The index of the `]` that closes a checkbox opening at `open`, or -1 when there is none. Besides
 * one-character boxes it finds the malformed ones people type (`[]`, `[ x ]`, `[xx]`) so they can be
 * explained; `isWellFormedBox` tells them apart. A `[link](...)` is no box.
 */
export function checkboxClose(line: string, open: number): number {
  const c = line.charCodeAt(open + 1);
  if (c !== CH_RBRACKET) {
    const w = isHighSurrogate(c) && isLowSurrogate(line.charCodeAt(open + 2)) ? 2 : 1;
    if (line.charCodeAt(open + 1 + w) === CH_RBRACKET) return open + 1 + w;
  }
  let k = open + 1;
  while (k <= open + 4 && (isWs(line.charCodeAt(k)) || line.charCodeAt(k) === 120 || line.charCodeAt(k) === 88)) k++;
  return line.charCodeAt(k) === CH_RBRACKET ? k : -1;
}

export function isWellFormedBox(line: string, open: number, close: number): boolean {
  const w = close - open - 1;
  if (w === 1) return true;
  return w === 2 && isHighSurrogate(line.charCodeAt(open + 1)) && isLowSurrogate(line.charCodeAt(open + 2));
}

export function runLength(line: string, p: number, ch: number): number {
  let k = p;
  while (line.charCodeAt(k) === ch) k++;
  return k - p;
}

function restIsBlank(line: string, from: number): boolean {
  for (let k = from; k < line.length; k++) if (!isWs(line.charCodeAt(k))) return false;
  return true;
}

export function leadingWs(line: string): number {
  let p = 0;
  while (p < line.length && isWs(line.charCodeAt(p))) p++;
  return p;
}

/** The end of `line` with trailing blanks dropped, never before `from`. */
export function trimmedEnd(line: string, from: number): number {
  let e = line.length;
  while (e > from && isWs(line.charCodeAt(e - 1))) e--;
  return e;
}

export function skipWs(line: string, from: number): number {
  let k = from;
  while (k < line.length && isWs(line.charCodeAt(k))) k++;
  return k;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The characters JavaScript's `\s` matches, so hand-written scans agree with the documented regexes. */
export function isWs(c: number): boolean {
  if (c === CH_SPACE || c === CH_TAB) return true;
  if (c < 128) return c >= 10 && c <= 13;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
