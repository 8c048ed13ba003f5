// OpenSpec's `openspec/changes/<id>/tasks.md`: numbered checkbox items (`- [ ] 1.2 Title`) under
// `## 1. Storage` headings. The number gives the hierarchy (`1.2.3` under `1.2`); an unnumbered
// checkbox is explained rather than silently dropped.
import * as checkbox from './checkbox';
import type { CheckboxDialect, ItemHead, ItemVerdict } from './checkbox';
import type { FormatParser } from './formatParser';
import type { Diagnostic } from './model';

// Bound once: under tsx (tests, bench) named imports become a getter call per use, which cost a
// fifth of a 10k-task parse.
const {
  CH_DOT, CH_PLUS, CH_LBRACKET, checkboxClose, isCheckboxContextLine, isDigit, isWellFormedBox,
  isWs, parseCheckboxLines, skipWs, trimmedEnd,
} = checkbox;

const EXAMPLE = '"- [ ] 1.2 Title"';

const dialect: CheckboxDialect = {
  format: 'openspec',
  groupKind: 'group',
  readItem,
  priorityOf: () => null,
};

export const openSpecParser: FormatParser = {
  format: 'openspec',
  parse: (lines, from, to, ctx, file) => parseCheckboxLines(dialect, lines, from, to, ctx, file),
  isContextLine: isCheckboxContextLine,
};

function readItem(line: string, i: number, p: number, head: ItemHead, out: Diagnostic[], file: string): ItemVerdict {
  const bullet = line.charCodeAt(p);
  const s = skipWs(line, p + 1);
  if (line.charCodeAt(s) !== CH_LBRACKET) return null;
  const close = checkboxClose(line, s);
  if (close < 0) return null;
  const te = trimmedEnd(line, p);
  if (bullet === CH_PLUS) return miss(out, file, i, p, p + 1, `OpenSpec task lines start with "- " or "* ", not "+ "; expected ${EXAMPLE}.`);
  if (!isWellFormedBox(line, s, close)) {
    return miss(out, file, i, s, close + 1, `expected one character inside the checkbox ("[ ]" or "[x]"), found "${line.slice(s, close + 1)}"; as in ${EXAMPLE}.`);
  }
  const u = skipWs(line, close + 1);
  if (!isDigit(line.charCodeAt(u))) return miss(out, file, i, p, te, `this checkbox item has no task number: expected ${EXAMPLE}.`);
  let w = u;
  for (;;) {
    while (isDigit(line.charCodeAt(w))) w++;
    if (line.charCodeAt(w) === CH_DOT && isDigit(line.charCodeAt(w + 1))) w++;
    else break;
  }
  const id = line.slice(u, w);
  const e = line.charCodeAt(w) === CH_DOT ? w + 1 : w;
  if (e < line.length && !isWs(line.charCodeAt(e))) {
    let k = e;
    while (k < line.length && !isWs(line.charCodeAt(k))) k++;
    return miss(out, file, i, u, k, `"${line.slice(u, k)}" is not a task number followed by a space: expected ${EXAMPLE}.`);
  }
  const f = skipWs(line, e);
  if (f >= te) return miss(out, file, i, u, w, `expected a title after the task number "${id}", as in ${EXAMPLE}.`);
  const dot = id.lastIndexOf('.');
  head.id = id;
  head.idSpan = { line: i, col: u, endCol: w };
  head.title = line.slice(f, te);
  head.titleSpan = { line: i, col: f, endCol: te };
  head.box = line.slice(s + 1, close);
  head.boxSpan = { line: i, col: s + 1, endCol: close };
  head.header = { line: i, col: p, endCol: te };
  head.parallel = false;
  head.story = null;
  head.parent = dot > 0 ? id.slice(0, dot) : null;
  return 'task';
}

function miss(out: Diagnostic[], file: string, line: number, col: number, endCol: number, message: string): 'near-miss' {
  out.push({ severity: 'warning', code: 'not-a-task', message: `Not read as a task: ${message}`, file, span: { line, col, endCol } });
  return 'near-miss';
}
