// Kiro's requirements.md: `### Requirement N: title` defines `N`, and each numbered item `M. WHEN
// ... SHALL ...` under its `#### Acceptance Criteria` defines criterion `N.M`, which tasks cite.
import type { TraceDefinition } from './model';
import { cleanTitle, indentOf, listItemEnd, type MarkdownScan } from './markdownScan';

const REQUIREMENT = /^(\*\*|__)?Requirement[ \t]+(\d+)(?=$|[\s*_:.–—-])/i;
const CRITERIA_HEADING = /acceptance\s+criteria/i;
const CRITERION = /^([ \t]*)(\d+)[.)][ \t]+(\S.*)$/;

export function kiroRequirements(scan: MarkdownScan, file: string): TraceDefinition[] {
  const out: TraceDefinition[] = [];
  const { headings, lines } = scan;
  for (let hi = 0; hi < headings.length; hi++) {
    const h = headings[hi]!;
    const m = REQUIREMENT.exec(h.text);
    if (!m) continue;
    const bold = m[1] ?? '';
    const id = m[2]!;
    const col = h.textCol + m[0].length - id.length;
    out.push({
      id,
      title: cleanTitle(h.text.slice(m[0].length), bold),
      kind: 'requirement',
      file,
      span: { line: h.line, col, endCol: col + id.length },
      line: h.line,
      endLine: h.endLine,
      parentId: null,
    });
    // Criteria sections are the deeper headings inside this requirement's block.
    for (let ci = hi + 1; ci < headings.length && headings[ci]!.line <= h.endLine; ci++) {
      const c = headings[ci]!;
      if (c.level <= h.level || !CRITERIA_HEADING.test(c.text)) continue;
      const last = Math.min(c.endLine, h.endLine);
      let j = c.line + 1;
      while (j <= last) {
        const item = scan.prose[j] === 1 ? CRITERION.exec(lines[j]!) : null;
        if (!item) {
          j++;
          continue;
        }
        const indent = indentOf(lines[j]!);
        const end = listItemEnd(scan, j, indent, last);
        const number = item[2]!;
        out.push({
          id: `${id}.${number}`,
          title: item[3]!.trim(),
          kind: 'criterion',
          file,
          span: { line: j, col: item[1]!.length, endCol: item[1]!.length + number.length },
          line: j,
          endLine: end,
          parentId: id,
        });
        j = end + 1;
      }
    }
  }
  return out;
}
