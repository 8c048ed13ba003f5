// Keeps a file's lines in step with an editor's edits, so the incremental re-parse gets the new
// lines without re-splitting the whole document on every keystroke.
import type { LineChange } from './incremental';

/** A replacement of the text between two positions (0-based line, UTF-16 column). */
export interface RangeEdit {
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly text: string;
}

/** Applies `edit` to `lines` in place and returns the lines it replaced, or null when it does not fit. */
export function applyRangeEdit(lines: string[], edit: RangeEdit): LineChange | null {
  const first = lines[edit.startLine];
  const last = lines[edit.endLine];
  if (first === undefined || last === undefined || edit.endLine < edit.startLine) return null;
  const inserted = edit.text.split('\n');
  for (let i = 0; i < inserted.length; i++) {
    const l = inserted[i]!;
    if (l.charCodeAt(l.length - 1) === 13) inserted[i] = l.slice(0, -1);
  }
  inserted[0] = first.slice(0, edit.startCol) + inserted[0];
  inserted[inserted.length - 1] += last.slice(edit.endCol);
  lines.splice(edit.startLine, edit.endLine - edit.startLine + 1, ...inserted);
  return { startLine: edit.startLine, oldEndLine: edit.endLine + 1, newEndLine: edit.startLine + inserted.length };
}
