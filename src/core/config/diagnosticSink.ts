// Turns source offsets into 1-based line/column diagnostics for one config file, dropping exact
// repeats (a merged mapping is read once per place that merges it).
import type { LineCounter } from 'yaml';
import type { Severity } from '../spec/model';
import type { ConfigDiagnostic, ConfigDiagnosticCode } from './types';
import type { Located } from './yamlNodes';

export interface DiagnosticExtra {
  readonly key?: string | undefined;
  readonly suggestion?: string | undefined;
}

export class DiagnosticSink {
  private readonly items: ConfigDiagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  get diagnostics(): readonly ConfigDiagnostic[] {
    return this.items;
  }

  /** Reports at a node's value range, or at 1:1 when there is no node. */
  at(severity: Severity, code: ConfigDiagnosticCode, node: Located | null, message: string, extra: DiagnosticExtra = {}): void {
    const range = node?.range;
    const start = range ? range[0] : 0;
    const end = range ? Math.max(range[1], start) : 0;
    this.span(severity, code, start, end, message, extra);
  }

  /** Reports at the offsets [start, end) of the parsed text. */
  span(
    severity: Severity,
    code: ConfigDiagnosticCode,
    start: number,
    end: number,
    message: string,
    extra: DiagnosticExtra = {},
  ): void {
    const from = this.position(start);
    const to = this.position(end);
    const d: ConfigDiagnostic = {
      severity,
      code,
      message,
      file: this.file,
      line: from.line,
      col: from.col,
      endLine: to.line,
      endCol: to.col,
      ...(extra.key !== undefined ? { key: extra.key } : {}),
      ...(extra.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
    };
    const id = `${code}|${d.line}|${d.col}|${message}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.items.push(d);
  }

  /** 1-based line of an offset, for messages that point elsewhere ("the one on line 9 wins"). */
  lineOf(offset: number): number {
    return this.position(offset).line;
  }

  private position(offset: number): { line: number; col: number } {
    const p = this.lines.linePos(Math.max(0, offset));
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) };
  }
}
