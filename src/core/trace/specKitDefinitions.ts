// Spec Kit's spec.md: `- **FR-001**: System MUST ...` list lines define functional requirements
// and `### User Story 1 - Title (Priority: P1)` headings define the story labels tasks carry (US1).
import type { TraceDefinition } from './model';
import { indentOf, listItemEnd, type MarkdownScan } from './markdownScan';

const REQUIREMENT_LINE = /^([ \t]*(?:[-*+][ \t]+)?)\*\*((FR|NFR)-\d+)(:?)\*\*(:?)[ \t]*(.*)$/;
const STORY = /^(?:\*\*|__)?User[ \t]+Story[ \t]+(\d+)\b[ \t]*(?:\*\*|__)?(.*)$/i;
const PRIORITY = /[ \t]*\(Priority[ \t]*:[^)]*\)/i;

export function specKitDefinitions(scan: MarkdownScan, file: string): TraceDefinition[] {
  const out: TraceDefinition[] = [];
  const { lines, headings } = scan;
  for (const h of headings) {
    const m = STORY.exec(h.text);
    if (!m) continue;
    const number = m[1]!;
    const writtenEnd = h.text.indexOf(number, h.text.search(/Story/i)) + number.length;
    // The priority is a field of the story, not part of its name (`- Title (Priority: P1) 🎯 MVP`).
    const title = m[2]!.replace(PRIORITY, '').replace(/^[ \t]*[:\-–—][ \t]*/, '').replace(/(?:\*\*|__)$/, '').trim();
    out.push({
      id: `US${number}`,
      title,
      kind: 'story',
      file,
      span: { line: h.line, col: h.textCol + h.text.search(/User/i), endCol: h.textCol + writtenEnd },
      line: h.line,
      endLine: h.endLine,
      parentId: null,
    });
  }
  for (let i = 0; i < lines.length; i++) {
    if (scan.prose[i] !== 1 || scan.headingAt[i] !== -1) continue;
    const line = lines[i]!;
    if (!line.includes('**')) continue;
    const m = REQUIREMENT_LINE.exec(line);
    if (!m) continue;
    const id = m[2]!;
    const col = m[1]!.length + 2;
    out.push({
      id,
      title: m[6]!.trim(),
      kind: m[3] === 'NFR' ? 'nfr' : 'functional',
      file,
      span: { line: i, col, endCol: col + id.length },
      line: i,
      endLine: listItemEnd(scan, i, indentOf(line), lines.length - 1),
      parentId: null,
    });
  }
  // Stories come from headings and requirements from list lines: merge them back into file order.
  return out.sort((a, b) => a.line - b.line);
}
