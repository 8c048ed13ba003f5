// Line splitting and span helpers shared by the format parsers. Lines exclude their '\r' and the
// file's BOM, matching what a VS Code TextDocument reports, so spans need no conversion.
import type { Span } from './model';

export interface SplitText {
  readonly lines: string[];
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
}

export function splitText(text: string): SplitText {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const firstLf = body.indexOf('\n');
  const eol: '\n' | '\r\n' = firstLf > 0 && body.charCodeAt(firstLf - 1) === 13 ? '\r\n' : '\n';
  const lines = body.split('\n');
  // Strip '\r' wherever it ends a line: mixed endings occur in files edited on two systems. A
  // file without any '\r' (the usual case) skips the pass.
  if (eol === '\n' && body.indexOf('\r') < 0) return { lines, eol, bom };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return { lines, eol, bom };
}

export function span(line: number, col: number, endCol: number): Span {
  return { line, col, endCol };
}

/** The span of a whole line's text. */
export function lineSpan(line: number, text: string): Span {
  return { line, col: 0, endCol: text.length };
}

export function shiftSpan(s: Span, delta: number): Span {
  return delta === 0 ? s : { line: s.line + delta, col: s.col, endCol: s.endCol };
}
