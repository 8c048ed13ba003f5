// Entry point for parsing any task file: strips the BOM, finds the frontmatter, picks the format
// parser, and links parents to children. Never throws: a parser fault becomes one diagnostic.
import { detectFormat } from './detect';
import type { BlockContext, FormatParser, ParseChunk } from './formatParser';
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
  const { lines, eol, bom } = splitText(text);
  const { format } = detectFormat(file, text, options.format ?? null);
  return parseLines(lines, file, format, eol, bom);
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
    lineCount: lines.length,
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
