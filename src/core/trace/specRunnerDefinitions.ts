// spec-runner's requirements and design files: `#+ REQ-001: title`, `#+ NFR-001`, `#+ DESIGN-001`
// headings at any depth, each owning the lines up to the next heading of the same or higher level.
import type { DefinitionKind, TraceDefinition } from './model';
import { cleanTitle, type MarkdownScan } from './markdownScan';

// The id may sit in bold; after it comes nothing, a blank, a bold close or a separator.
const REQUIREMENT_ID = /^(\*\*|__)?((REQ|NFR)-\d+)(?=$|[\s*_:.–—-])/;
const DESIGN_ID = /^(\*\*|__)?(DESIGN-\d+)(?=$|[\s*_:.–—-])/;

export function specRunnerRequirements(scan: MarkdownScan, file: string): TraceDefinition[] {
  return headingDefinitions(scan, file, REQUIREMENT_ID, (m) => (m[3] === 'NFR' ? 'nfr' : 'requirement'));
}

export function specRunnerDesign(scan: MarkdownScan, file: string): TraceDefinition[] {
  return headingDefinitions(scan, file, DESIGN_ID, () => 'design');
}

function headingDefinitions(
  scan: MarkdownScan,
  file: string,
  re: RegExp,
  kindOf: (m: RegExpExecArray) => DefinitionKind,
): TraceDefinition[] {
  const out: TraceDefinition[] = [];
  for (const h of scan.headings) {
    const m = re.exec(h.text);
    if (!m) continue;
    const bold = m[1] ?? '';
    const id = m[2]!;
    const col = h.textCol + bold.length;
    out.push({
      id,
      title: cleanTitle(h.text.slice(m[0].length), bold),
      kind: kindOf(m),
      file,
      span: { line: h.line, col, endCol: col + id.length },
      line: h.line,
      endLine: h.endLine,
      parentId: null,
    });
  }
  return out;
}
