// Applies the core's in-line text edits (status words, checkboxes) to an open document. VS Code
// trims the text an edit shares with what it replaces before applying it; when both start with the
// same high surrogate (🔄 -> 🔍: both U+D83D ...) the trimmed edit starts inside a surrogate pair,
// the range is moved back, and the emoji's first half is lost (the file gets U+FFFD). Such edits
// are applied as a delete, then an insert, which share nothing to trim.
import * as vscode from 'vscode';

export interface LineEdit {
  readonly line: number;
  readonly col: number;
  readonly endCol: number;
  readonly newText: string;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** True when `edit` replaces text that starts with the same high surrogate as its new text. */
export function sharesLeadingSurrogate(oldText: string, newText: string): boolean {
  const a = oldText.charCodeAt(0);
  return isHighSurrogate(a) && a === newText.charCodeAt(0);
}

/** Applies `edits` to `doc`; false when the editor refused one. */
export async function applyLineEdits(doc: vscode.TextDocument, edits: readonly LineEdit[]): Promise<boolean> {
  const first = new vscode.WorkspaceEdit();
  const inserts: LineEdit[] = [];
  for (const e of edits) {
    const range = new vscode.Range(e.line, e.col, e.line, e.endCol);
    if (sharesLeadingSurrogate(doc.getText(range), e.newText)) {
      first.delete(doc.uri, range);
      inserts.push(e);
    } else {
      first.replace(doc.uri, range, e.newText);
    }
  }
  if (!(await vscode.workspace.applyEdit(first))) return false;
  if (inserts.length === 0) return true;
  // The deletes moved nothing else on these lines to the left of the insert points (each insert
  // goes where its own delete began), so the core's columns still hold.
  const second = new vscode.WorkspaceEdit();
  for (const e of inserts) second.insert(doc.uri, new vscode.Position(e.line, e.col), e.newText);
  return vscode.workspace.applyEdit(second);
}
