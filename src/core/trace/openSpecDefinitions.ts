// OpenSpec's spec.md (in a change's specs/ or the main openspec/specs/): `### Requirement: <name>`
// defines the name as written; its `#### Scenario:` blocks are part of its block.
import type { TraceDefinition } from './model';
import type { MarkdownScan } from './markdownScan';

const REQUIREMENT = /^(\*\*|__)?Requirement:(?:\*\*|__)?[ \t]*/;

export function openSpecRequirements(scan: MarkdownScan, file: string): TraceDefinition[] {
  const out: TraceDefinition[] = [];
  for (const h of scan.headings) {
    const m = REQUIREMENT.exec(h.text);
    if (!m) continue;
    const bold = m[1] ?? '';
    let name = h.text.slice(m[0].length);
    if (bold !== '' && name.endsWith(bold)) name = name.slice(0, -bold.length);
    name = name.trimEnd();
    if (name === '') continue;
    const col = h.textCol + m[0].length;
    out.push({
      id: name,
      title: name,
      kind: 'requirement',
      file,
      span: { line: h.line, col, endCol: col + name.length },
      line: h.line,
      endLine: h.endLine,
      parentId: null,
    });
  }
  return out;
}
