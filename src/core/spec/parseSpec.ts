// Entry point for parsing any task file: strips the BOM, finds the frontmatter, picks the format
// parser, and links parents to children. Never throws: a parser fault becomes one diagnostic.
import { detectFormat } from './detect';
import type { BlockContext, FormatParser, ParseChunk, TextChunk } from './formatParser';
import { kiroParser } from './kiroParser';
import type { Diagnostic, Frontmatter, ParsedSpec, SpecFormat, Task } from './model';
import { openSpecParser } from './openSpecParser';
import { specKitParser } from './specKitParser';
import { specRunnerParser } from './specRunnerParser';
import { splitText } from './text';

export interface ParseOptions {
  /** Force a format instead of detecting it by path and content. */
  readonly format?: SpecFormat | null;
}

const PARSERS: Record<SpecFormat, FormatParser> = {
  'spec-runner': specRunnerParser,
  'spec-kit': specKitParser,
  openspec: openSpecParser,
  kiro: kiroParser,
};

export function parserFor(format: SpecFormat): FormatParser {
  return PARSERS[format];
}

export function parseSpec(text: string, file: string, options: ParseOptions = {}): ParsedSpec {
  const { format } = detectFormat(file, text, options.format ?? null);
  const parser = PARSERS[format];
  if (parser.parseText !== undefined) return parseText(parser, text, file, format);
  const { lines, eol, bom } = splitText(text);
  return parseLines(lines, file, format, eol, bom);
}

/** `parseLines(splitText(text).lines, ...)` for a parser that reads the text without splitting it. */
function parseText(parser: FormatParser, text: string, file: string, format: SpecFormat): ParsedSpec {
  const bom = text.charCodeAt(0) === 0xfeff;
  const start = bom ? 1 : 0;
  const firstLf = text.indexOf('\n', start);
  const eol: '\n' | '\r\n' = firstLf > start && text.charCodeAt(firstLf - 1) === 13 ? '\r\n' : '\n';
  const diagnostics: Diagnostic[] = [];
  const body = { offset: start, line: 0 };
  const frontmatter = findFrontmatterInText(text, body, file, diagnostics);
  const chunk = safeParseText(parser, text, body.offset, body.line, file);
  return assemble(format, file, chunk, diagnostics, frontmatter, eol, bom, chunk.lineCount);
}

export function parseLines(
  lines: readonly string[],
  file: string,
  format: SpecFormat,
  eol: '\n' | '\r\n' = '\n',
  bom = false,
): ParsedSpec {
  const diagnostics: Diagnostic[] = [];
  const frontmatter = findFrontmatter(lines, file, diagnostics);
  const from = frontmatter ? frontmatter.endLine + 1 : 0;
  const chunk = safeParse(PARSERS[format], lines, from, lines.length, { group: null, subgroup: null }, file);
  return assemble(format, file, chunk, diagnostics, frontmatter, eol, bom, lines.length);
}

/** The one shape both paths (text and lines) return: the chunk's tasks linked, its diagnostics after the frontmatter's. */
function assemble(
  format: SpecFormat,
  file: string,
  chunk: ParseChunk,
  diagnostics: Diagnostic[],
  frontmatter: ParsedSpec['frontmatter'],
  eol: '\n' | '\r\n',
  bom: boolean,
  lineCount: number,
): ParsedSpec {
  // A loop, not push(...): a spread of a huge array overflows the call stack.
  for (const d of chunk.diagnostics) diagnostics.push(d);
  return {
    format,
    file,
    tasks: linkHierarchy(chunk.tasks),
    groups: chunk.groups,
    diagnostics,
    frontmatter,
    eol,
    bom,
    lineCount,
    contextLines: chunk.contextLines,
  };
}

/** A parser bug must cost one diagnostic, not the whole view of the file. */
export function safeParse(
  parser: FormatParser,
  lines: readonly string[],
  from: number,
  to: number,
  ctx: BlockContext,
  file: string,
): ParseChunk {
  try {
    return parser.parse(lines, from, to, ctx, file);
  } catch (err) {
    return internalError(parser, err, from, file);
  }
}

function internalError(parser: FormatParser, err: unknown, from: number, file: string): ParseChunk {
  const message = err instanceof Error ? err.message : String(err);
  return {
    tasks: [],
    groups: [],
    contextLines: [],
    diagnostics: [{
      severity: 'error',
      code: 'not-a-task',
      message: `Specpilot could not parse this file as ${parser.format} (internal error: ${message}); please report it.`,
      file,
      span: { line: from, col: 0, endCol: 0 },
    }],
  };
}

/** `safeParse` for `parseText`: a parser bug costs one diagnostic, and the file is counted by splitting it. */
function safeParseText(parser: FormatParser, text: string, offset: number, line: number, file: string): TextChunk {
  try {
    if (parser.parseText === undefined) throw new Error(`${parser.format} reads no text`);
    return parser.parseText(text, offset, line, file);
  } catch (err) {
    return { ...internalError(parser, err, line, file), lineCount: splitText(text).lines.length };
  }
}

/**
 * `findFrontmatter` on the text's lines [body.offset ..] (line 0 starts there), reading lines off
 * the text as splitText would make them; moves `body` to the line after the frontmatter.
 */
function findFrontmatterInText(text: string, body: { offset: number; line: number }, file: string, diagnostics: Diagnostic[]): Frontmatter | null {
  let at = body.offset;
  const lineAt = (): string | null => {
    if (at > text.length) return null;
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const end = nl > at && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const l = text.slice(at, end);
    at = nl + 1;
    return l;
  };
  const lines: string[] = [];
  if (lineAt() !== '---') return null;
  lines.push('---');
  for (let l = lineAt(); l !== null && lines.length < 500; l = lineAt()) {
    lines.push(l);
    if (l === '---' || l === '...') break;
  }
  const frontmatter = findFrontmatter(lines, file, diagnostics);
  if (frontmatter !== null) {
    body.offset = at;
    body.line = frontmatter.endLine + 1;
  }
  return frontmatter;
}

function findFrontmatter(lines: readonly string[], file: string, diagnostics: Diagnostic[]): Frontmatter | null {
  if (lines[0] !== '---') return null;
  const limit = Math.min(lines.length, 500);
  for (let i = 1; i < limit; i++) {
    const l = lines[i];
    if (l === '---' || l === '...') return { startLine: 0, endLine: i };
  }
  diagnostics.push({
    severity: 'warning',
    code: 'bad-frontmatter',
    message: 'Frontmatter opened with "---" on line 1 is never closed: expected a closing "---" line; the file is read as if it had none.',
    file,
    span: { line: 0, col: 0, endCol: 3 },
  });
  return null;
}

/** The parent a numbered id implies (`2.1` -> `2`, `1.2.3` -> `1.2`) in formats whose hierarchy is in the number. */
export function candidateParent(format: SpecFormat, id: string): string | null {
  if (format !== 'kiro' && format !== 'openspec') return null;
  const dot = id.lastIndexOf('.');
  return dot > 0 ? id.slice(0, dot) : null;
}

/**
 * Keeps each task's id-derived parent only when that task exists, and fills `children` in file
 * order. Returns the same objects where nothing changed, so an incremental parse shares them.
 */
export function linkHierarchy(tasks: readonly Task[]): Task[] {
  let anyParent = false;
  for (const t of tasks) if (t.parent !== null || t.children.length > 0) { anyParent = true; break; }
  if (!anyParent) return tasks.slice();
  const ids = new Set<string>();
  for (const t of tasks) ids.add(t.id);
  const children = new Map<string, string[]>();
  for (const t of tasks) {
    if (t.parent !== null && ids.has(t.parent)) {
      let list = children.get(t.parent);
      if (!list) children.set(t.parent, (list = []));
      list.push(t.id);
    }
  }
  return tasks.map((t) => {
    const parent = t.parent !== null && ids.has(t.parent) ? t.parent : null;
    const kids = children.get(t.id) ?? [];
    if (parent === t.parent && sameList(kids, t.children)) return t;
    return { ...t, parent, children: kids };
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
