// Builds minimal Task objects for the trace tests, so they do not depend on the format parsers
// being written alongside; only the fields the index reads carry meaning.
import type { SpecFormat, Task, TraceRef } from '../../../src/core/spec/model';

export interface RefSpec {
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** Defaults to [text]. */
  readonly ids?: readonly string[];
}

export interface TaskSpec {
  readonly id: string;
  readonly line: number;
  readonly endLine?: number;
  readonly refs?: readonly RefSpec[];
  readonly story?: string;
  readonly format?: SpecFormat;
}

export function traceRef(r: RefSpec): TraceRef {
  return { text: r.text, span: { line: r.line, col: r.col, endCol: r.col + r.text.length }, ids: r.ids ?? [r.text] };
}

export function makeTask(t: TaskSpec): Task {
  const header = { line: t.line, col: 0, endCol: 20 };
  return {
    id: t.id,
    title: `Task ${t.id}`,
    format: t.format ?? 'spec-runner',
    line: t.line,
    endLine: t.endLine ?? t.line,
    header,
    idSpan: { line: t.line, col: 4, endCol: 4 + t.id.length },
    titleSpan: { line: t.line, col: 6 + t.id.length, endCol: 20 },
    status: 'todo',
    statusText: 'TODO',
    statusSpan: null,
    meta: null,
    priority: null,
    estimate: null,
    description: '',
    checklist: [],
    dependsOn: [],
    blocks: [],
    traces: (t.refs ?? []).map(traceRef),
    parent: null,
    children: [],
    group: null,
    subgroup: null,
    optional: false,
    parallel: false,
    story: t.story ?? null,
    mode: null,
    fields: [],
  };
}
