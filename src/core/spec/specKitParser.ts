// GitHub Spec Kit's `specs/<feature>/tasks.md`: `- [ ] T001 [P] [US1] Title` lines under `## Phase`
// headings. Reads the variants people write (bold ids, markers in either order, indented lines)
// and explains each line that names a task id but is not a task.
import * as checkbox from './checkbox';
import type { CheckboxDialect, ItemHead, ItemVerdict } from './checkbox';
import type { FormatParser } from './formatParser';
import type { Diagnostic, Priority, TaskRef } from './model';

// Bound once: under tsx (tests, bench) named imports become a getter call per use, which cost a
// fifth of a 10k-task parse.
const {
  CH_DASH, CH_LBRACKET, CH_STAR, checkboxClose, isCheckboxContextLine, isDigit, isWellFormedBox,
  parseCheckboxLines, skipWs, trimmedEnd,
} = checkbox;

const CH_P = 80;
const CH_T = 84;
const CH_X = 88;
const CH_t = 116;
const EXAMPLE = '"- [ ] T001 Create the project structure"';

/** `US1`, `US12`, `AUTH-US1`: formats.md's `[A-Z]+\d+`, with dashed prefixes allowed. */
const STORY = /^(?:[A-Z][A-Z0-9]*-)*[A-Z]+\d+$/;
const PRIORITY = /\bPriority:\s*P(\d+)\b/i;
/** `(depends on T010)`, `depends on T010, T011 and T012`, `(after T010)`, `requires T010`. */
const PROSE_DEP = /\b(?:[Dd]epends?\s+[Oo]n|[Aa]fter|[Rr]equires?)\s+\**T\d{3,}\b(?:\**(?:\s*,\s*(?:and\s+)?|\s*&\s*|\s+and\s+)\**T\d{3,}\b)*/g;
const DEP_ID = /T\d{3,}/g;

const dialect: CheckboxDialect = {
  format: 'spec-kit',
  groupKind: 'phase',
  readItem,
  priorityOf,
  checkGroupHeading,
  proseDeps,
};

export const specKitParser: FormatParser = {
  format: 'spec-kit',
  parse: (lines, from, to, ctx, file) => parseCheckboxLines(dialect, lines, from, to, ctx, file),
  isContextLine: isCheckboxContextLine,
};

function readItem(line: string, i: number, p: number, head: ItemHead, out: Diagnostic[], file: string): ItemVerdict {
  const bullet = line.charCodeAt(p);
  const s = skipWs(line, p + 1);
  if (line.charCodeAt(s) !== CH_LBRACKET) return null;
  const close = checkboxClose(line, s);
  if (close < 0) return null;
  const u = skipWs(line, close + 1);
  const bold = line.charCodeAt(u) === CH_STAR && line.charCodeAt(u + 1) === CH_STAR;
  const v = bold ? u + 2 : u;
  const t = line.charCodeAt(v);
  const t1 = line.charCodeAt(v + 1);
  const placeholder = t1 === CH_X && line.charCodeAt(v + 2) === CH_X;
  // A checkbox without an id is an ordinary list item (Spec Kit's own templates have checklists).
  if ((t !== CH_T && t !== CH_t) || !(isDigit(t1) || placeholder)) return null;

  let w = v + 1;
  while (isDigit(line.charCodeAt(w))) w++;
  let tokenEnd = w;
  while (tokenEnd < line.length && isIdChar(line.charCodeAt(tokenEnd))) tokenEnd++;
  const token = line.slice(v, tokenEnd);
  if (bullet !== CH_DASH) {
    return miss(out, file, i, p, p + 1, `Spec Kit task lines start with "- ", not "${String.fromCharCode(bullet)} "; expected ${EXAMPLE}.`);
  }
  if (s === p + 1) return miss(out, file, i, p, s + 1, `expected a space between "-" and "[", as in ${EXAMPLE}.`);
  if (!isWellFormedBox(line, s, close)) {
    return miss(out, file, i, s, close + 1, `expected one character inside the checkbox ("[ ]" or "[x]"), found "${line.slice(s, close + 1)}".`);
  }
  if (u === close + 1) return miss(out, file, i, close, close + 1, `expected a space between "]" and the task id, as in ${EXAMPLE}.`);
  const digits = w - v - 1;
  if (t === CH_t) {
    return miss(out, file, i, v, tokenEnd, `task ids start with an upper-case "T": expected "T${token.slice(1)}", found "${token}".`);
  }
  if (digits === 0) {
    return miss(out, file, i, v, tokenEnd, `"${token}" is a template placeholder: expected a numbered id such as "T001".`);
  }
  if (digits < 3) {
    const padded = `T${line.slice(v + 1, w).padStart(3, '0')}`;
    return miss(out, file, i, v, tokenEnd, `task ids have at least three digits: expected "${padded}", found "${line.slice(v, w)}".`);
  }
  const id = line.slice(v, w);
  let e = w;
  if (bold && line.charCodeAt(e) === CH_STAR && line.charCodeAt(e + 1) === CH_STAR) e += 2;
  if (e < line.length && line.charCodeAt(e) !== 32 && line.charCodeAt(e) !== 9) {
    let k = e;
    while (k < line.length && line.charCodeAt(k) !== 32 && line.charCodeAt(k) !== 9) k++;
    return miss(out, file, i, v, k, `expected a space after the task id "${id}", found "${line.slice(v, k)}"; as in ${EXAMPLE}.`);
  }

  // `[P]` and the story label may come in either order, each at most once.
  let f = skipWs(line, e);
  let parallel = false;
  let story: string | null = null;
  while (line.charCodeAt(f) === CH_LBRACKET) {
    const rb = line.indexOf(']', f + 1);
    if (rb < 0) break;
    if (rb === f + 2 && line.charCodeAt(f + 1) === CH_P && !parallel) {
      parallel = true;
    } else {
      const label = line.slice(f + 1, rb);
      if (story !== null || !STORY.test(label)) break;
      story = label;
    }
    f = skipWs(line, rb + 1);
  }
  const te = trimmedEnd(line, f);
  if (te === f) return miss(out, file, i, v, w, `expected a title after the task id "${id}", as in ${EXAMPLE}.`);
  if (p > 0) {
    out.push({
      severity: 'info',
      code: 'indented-task',
      message: `Task ${id} is indented: Spec Kit writes tasks at column 0 (${EXAMPLE}). Specpilot reads it as a task, but tools that match "- [ ]" at the start of a line miss it.`,
      file,
      span: { line: i, col: 0, endCol: p },
    });
  }
  head.id = id;
  head.idSpan = { line: i, col: v, endCol: w };
  head.title = line.slice(f, te);
  head.titleSpan = { line: i, col: f, endCol: te };
  head.box = line.slice(s + 1, close);
  head.boxSpan = { line: i, col: s + 1, endCol: close };
  head.header = { line: i, col: p, endCol: te };
  head.parallel = parallel;
  head.story = story;
  head.parent = null;
  return 'task';
}

function miss(out: Diagnostic[], file: string, line: number, col: number, endCol: number, message: string): 'near-miss' {
  out.push({ severity: 'warning', code: 'not-a-task', message: `Not read as a task: ${message}`, file, span: { line, col, endCol } });
  return 'near-miss';
}

function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The phase heading's `(Priority: P1)` gives its tasks priority p1; the group is the full heading text. */
function priorityOf(group: string | null): Priority | null {
  if (group === null) return null;
  const m = PRIORITY.exec(group);
  switch (m?.[1]) {
    case '0': return 'p0';
    case '1': return 'p1';
    case '2': return 'p2';
    case '3': return 'p3';
    default: return null;
  }
}

function checkGroupHeading(line: string, i: number, out: Diagnostic[], file: string): void {
  const m = PRIORITY.exec(line);
  if (!m || priorityOf(line) !== null) return;
  const n = m[1]!;
  const col = m.index + m[0].length - n.length - 1;
  out.push({
    severity: 'warning',
    code: 'unknown-priority',
    message: `Priority "P${n}" is not one Specpilot orders by: expected P0, P1, P2 or P3; the tasks of this phase get no priority.`,
    file,
    span: { line: i, col, endCol: col + n.length + 1 },
  });
}

function proseDeps(text: string, i: number, from: number, found: TaskRef[] | null): TaskRef[] | null {
  let out = found;
  PROSE_DEP.lastIndex = from;
  for (let m = PROSE_DEP.exec(text); m !== null; m = PROSE_DEP.exec(text)) {
    const phrase = m[0];
    DEP_ID.lastIndex = 0;
    for (let k = DEP_ID.exec(phrase); k !== null; k = DEP_ID.exec(phrase)) {
      const id = k[0];
      if (out === null) out = [];
      else if (out.some((r) => r.id === id)) continue;
      const col = m.index + k.index;
      out.push({ id, span: { line: i, col, endCol: col + id.length }, via: 'prose' });
    }
  }
  return out;
}
