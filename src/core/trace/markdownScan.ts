// One pass over a markdown definition file that every format's definition parser shares: lines
// without BOM/'\r', which lines are prose (not frontmatter, not inside a code fence), and the ATX
// headings with the line their block ends on, so each parser stays a few regexes.
import { splitText } from '../spec/text';

export interface Heading {
  readonly line: number;
  /** Number of `#`. */
  readonly level: number;
  /** The heading text, closing `#`s and surrounding blanks removed. */
  readonly text: string;
  /** UTF-16 column where `text` starts on the line. */
  readonly textCol: number;
  /** Last line before the next heading of the same or a higher level, trailing blanks trimmed. */
  readonly endLine: number;
}

export interface MarkdownScan {
  readonly lines: readonly string[];
  /** 1 for a line outside frontmatter and code fences. */
  readonly prose: Uint8Array;
  readonly headings: readonly Heading[];
  /** Index into `headings` for a heading line, -1 otherwise. */
  readonly headingAt: Int32Array;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

export function scanMarkdown(text: string): MarkdownScan {
  const { lines } = splitText(text);
  const n = lines.length;
  const prose = new Uint8Array(n);
  const headingAt = new Int32Array(n).fill(-1);
  const raw: { line: number; level: number; text: string; textCol: number; end: number }[] = [];
  const open: number[] = [];
  const bodyStart = frontmatterEnd(lines) + 1;
  let fence: string | null = null;
  for (let i = bodyStart; i < n; i++) {
    const line = lines[i]!;
    const f = FENCE.exec(line);
    if (fence !== null) {
      if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.slice(f[0].length).trim() === '') fence = null;
      continue;
    }
    if (f && !(f[1]![0] === '`' && line.slice(f[0].length).includes('`'))) {
      fence = f[1]!;
      continue;
    }
    prose[i] = 1;
    const h = parseHeading(line);
    if (!h) continue;
    // Close every open heading this one ends: same or deeper level.
    while (open.length > 0 && raw[open[open.length - 1]!]!.level >= h.level) raw[open.pop()!]!.end = i - 1;
    headingAt[i] = raw.length;
    open.push(raw.length);
    raw.push({ line: i, level: h.level, text: h.text, textCol: h.textCol, end: n - 1 });
  }
  const headings = raw.map((h): Heading => ({
    line: h.line, level: h.level, text: h.text, textCol: h.textCol, endLine: trimBlockEnd(lines, h.line, h.end),
  }));
  return { lines, prose, headings, headingAt };
}

/** The 0-based line of a closed frontmatter's closing `---`, or -1 when there is none. */
function frontmatterEnd(lines: readonly string[]): number {
  if (lines[0] !== '---') return -1;
  const limit = Math.min(lines.length, 500);
  for (let i = 1; i < limit; i++) if (lines[i] === '---' || lines[i] === '...') return i;
  return -1;
}

export function parseHeading(line: string): { level: number; text: string; textCol: number } | null {
  const m = HEADING.exec(line);
  if (!m) return null;
  const textCol = m[0].length;
  let text = line.slice(textCol).replace(/[ \t]+$/, '');
  // A closing sequence is `#`s preceded by a blank (or the whole text).
  text = /^#+$/.test(text) ? '' : text.replace(/[ \t]+#+$/, '');
  return { level: m[1]!.length, text, textCol };
}

/** Moves a block's end up past trailing blank lines and thematic breaks, never above `start`. */
export function trimBlockEnd(lines: readonly string[], start: number, end: number): number {
  let e = Math.min(end, lines.length - 1);
  while (e > start) {
    const l = lines[e]!;
    if (l.trim() === '' || RULE.test(l)) e--;
    else break;
  }
  return Math.max(e, start);
}

export function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/**
 * The last line of the list item starting on `start` (indent `indent`), not past `limit`: more
 * indented lines and lazy continuations belong to it; a heading, a sibling item or an unindented
 * paragraph after a blank line ends it.
 */
export function listItemEnd(scan: MarkdownScan, start: number, indent: number, limit: number): number {
  const { lines } = scan;
  let last = start;
  let prevBlank = false;
  for (let j = start + 1; j <= limit; j++) {
    const l = lines[j]!;
    if (scan.headingAt[j] !== -1) break;
    if (l.trim() === '') {
      prevBlank = true;
      continue;
    }
    const ind = indentOf(l);
    if (ind > indent) {
      last = j;
    } else {
      if (prevBlank || LIST_ITEM.test(l) || scan.prose[j] === 0 || RULE.test(l) || FENCE.test(l)) break;
      last = j;
    }
    prevBlank = false;
  }
  return last;
}

/**
 * A title as written after an id: leading separators (`:`, `-`, en/em dash) and a bold marker
 * that closes around the id are dropped, and a bold that opened before the id loses its close.
 */
export function cleanTitle(rest: string, openBold: string): string {
  let t = rest.replace(/^[ \t]*(?:\*\*|__)?[ \t]*[:\-–—.]?[ \t]*(?:\*\*|__)?[ \t]*/, '');
  if (openBold !== '' && t.endsWith(openBold)) t = t.slice(0, -openBold.length);
  return t.trim();
}
