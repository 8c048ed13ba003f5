// Adapts VS Code's content changes to the core's line buffer.
import type * as vscode from 'vscode';
import type { LineChange } from '../core/spec/incremental';
import { applyRangeEdit } from '../core/spec/lineBuffer';

export function applyContentChange(lines: string[], c: vscode.TextDocumentContentChangeEvent): LineChange | null {
  return applyRangeEdit(lines, {
    startLine: c.range.start.line,
    startCol: c.range.start.character,
    endLine: c.range.end.line,
    endCol: c.range.end.character,
    text: c.text,
  });
}
