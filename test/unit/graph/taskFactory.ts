// Builds ParsedSpec objects for the graph tests without the format parsers: each factory renders
// the text lines of its format and derives every span from them, so spans are made up but true.
import type { ParsedSpec, Priority, SpecFormat, SpecGroup, Span, Task, TaskField, TaskRef, TaskStatus } from '../../../src/core/spec/model';

export interface TaskInput {
  readonly id: string;
  readonly title?: string;
  readonly status?: TaskStatus;
  /** Defaults to p1 for spec-runner, null elsewhere. */
  readonly priority?: Priority | null;
  readonly dependsOn?: readonly string[];
  readonly blocks?: readonly string[];
  /** `(depends on T010, T011)` at the end of the line (Spec Kit, Kiro). */
  readonly prose?: readonly string[];
  readonly optional?: boolean;
  /** Extra `**Blocks:** —` line when true and `blocks` is empty (spec-runner). */
  readonly blocksNone?: boolean;
}

export type Item = TaskInput | { readonly heading: string };

export type FactorySpec = ParsedSpec & { readonly lines: readonly string[] };

const STATUS_WORD: Record<TaskStatus, string> = {
  todo: 'TODO',
  in_progress: 'IN_PROGRESS',
  review: 'REVIEW',
  done: 'DONE',
  blocked: 'BLOCKED',
  unknown: 'MAYBE',
};

const BOX: Record<TaskStatus, string> = { todo: ' ', in_progress: '-', review: '-', done: 'x', blocked: ' ', unknown: '?' };

function isHeading(i: Item): i is { readonly heading: string } {
  return 'heading' in i;
}

/** Mutable collector shared by the four layouts. */
class Builder {
  readonly lines: string[] = [];
  readonly tasks: Task[] = [];
  readonly groups: SpecGroup[] = [];
  readonly contextLines: number[] = [];
  group: string | null = null;

  constructor(readonly format: SpecFormat, readonly file: string) {}

  heading(prefix: string, title: string, kind: SpecGroup['kind']): void {
    const line = this.lines.length;
    const text = `${prefix}${title}`;
    this.lines.push(text, '');
    this.groups.push({ title, kind, line, span: { line, col: 0, endCol: text.length } });
    this.contextLines.push(line);
    this.group = title;
  }

  spec(): FactorySpec {
    const hierarchical = this.format === 'kiro' || this.format === 'openspec';
    const tasks = hierarchical ? linkNumbered(this.tasks) : this.tasks;
    return {
      format: this.format,
      file: this.file,
      tasks,
      groups: this.groups,
      diagnostics: [],
      frontmatter: null,
      eol: '\n',
      bom: false,
      lineCount: this.lines.length,
      contextLines: this.contextLines,
      lines: this.lines,
    };
  }
}

/** Refs `[A], [B]` after `label`, with the span of each id (brackets excluded). */
function refLine(label: string, ids: readonly string[], line: number): { text: string; refs: TaskRef[]; field: TaskField } {
  let text = `**${label}:** `;
  const valueCol = text.length;
  const refs: TaskRef[] = [];
  ids.forEach((id, k) => {
    if (k > 0) text += ', ';
    text += '[';
    refs.push({ id, span: { line, col: text.length, endCol: text.length + id.length }, via: 'field' });
    text += `${id}]`;
  });
  if (ids.length === 0) text += '—';
  const field: TaskField = {
    name: label,
    span: { line, col: 0, endCol: text.length },
    value: { line, col: valueCol, endCol: text.length },
  };
  return { text, refs, field };
}

function baseTask(b: Builder, input: TaskInput, line: number, header: string, idCol: number, titleCol: number): Task {
  const title = input.title ?? `Task ${input.id}`;
  return {
    id: input.id,
    title,
    format: b.format,
    line,
    endLine: line,
    header: { line, col: 0, endCol: header.length },
    idSpan: { line, col: idCol, endCol: idCol + input.id.length },
    titleSpan: { line, col: titleCol, endCol: titleCol + title.length },
    status: input.status ?? 'todo',
    statusText: '',
    statusSpan: null,
    meta: null,
    priority: input.priority ?? null,
    estimate: null,
    description: '',
    checklist: [],
    dependsOn: [],
    blocks: [],
    traces: [],
    parent: null,
    children: [],
    group: b.group,
    subgroup: null,
    optional: input.optional ?? false,
    parallel: false,
    story: null,
    mode: null,
    fields: [],
  };
}

/** spec-runner: `### ID: title`, meta line, Depends on / Blocks lines, blank. Headings are milestones. */
export function specRunnerSpec(items: readonly Item[], file = 'spec/tasks.md'): FactorySpec {
  const b = new Builder('spec-runner', file);
  for (const item of items) {
    if (isHeading(item)) {
      b.heading('## ', item.heading, 'milestone');
      continue;
    }
    const line = b.lines.length;
    const title = item.title ?? `Task ${item.id}`;
    const header = `### ${item.id}: ${title}`;
    b.lines.push(header);
    const task = baseTask(b, item, line, header, 4, 4 + item.id.length + 2);
    const priority = item.priority === undefined ? 'p1' : item.priority;
    const status = item.status ?? 'todo';
    const word = STATUS_WORD[status];
    const pText = priority ? `${priority.toUpperCase()} | ` : '';
    const meta = `${pText}${word} | Est: 1d`;
    b.lines.push(meta);
    const fields: TaskField[] = [];
    let dependsOn: TaskRef[] = [];
    let blocks: TaskRef[] = [];
    if (item.dependsOn) {
      const r = refLine('Depends on', item.dependsOn, b.lines.length);
      b.lines.push(r.text);
      dependsOn = r.refs;
      fields.push(r.field);
    }
    if ((item.blocks && item.blocks.length > 0) || item.blocksNone) {
      const r = refLine('Blocks', item.blocks ?? [], b.lines.length);
      b.lines.push(r.text);
      blocks = r.refs;
      fields.push(r.field);
    }
    const endLine = b.lines.length - 1;
    b.lines.push('');
    b.tasks.push({
      ...task,
      endLine,
      status,
      statusText: word,
      statusSpan: { line: line + 1, col: pText.length, endCol: pText.length + word.length },
      meta: { line: line + 1, col: 0, endCol: meta.length },
      priority,
      estimate: '1d',
      dependsOn,
      blocks,
      fields,
    });
  }
  return b.spec();
}

/** Spec Kit: `- [ ] T001 title (depends on T000)`; headings are `## ` phases. */
export function specKitSpec(items: readonly Item[], file = 'specs/001-feature/tasks.md'): FactorySpec {
  const b = new Builder('spec-kit', file);
  for (const item of items) {
    if (isHeading(item)) {
      b.heading('## ', item.heading, 'phase');
      continue;
    }
    const line = b.lines.length;
    const status = item.status ?? 'todo';
    const box = status === 'done' ? 'x' : ' ';
    const title = item.title ?? `Task ${item.id}`;
    const { text, dependsOn } = withProse(`- [${box}] ${item.id} ${title}`, item.prose, line);
    b.lines.push(text);
    const task = baseTask(b, item, line, text, 6, 7 + item.id.length);
    b.tasks.push({ ...task, status, statusText: box, statusSpan: { line, col: 3, endCol: 4 }, dependsOn });
  }
  return b.spec();
}

/** Kiro: `- [ ] 1. title`, sub-tasks indented by depth, `[ ]*` optional; hierarchy from numbering. */
export function kiroSpec(items: readonly TaskInput[], file = '.kiro/specs/feature/tasks.md'): FactorySpec {
  const b = new Builder('kiro', file);
  b.lines.push('# Implementation Plan', '');
  for (const item of items) {
    const line = b.lines.length;
    const status = item.status ?? 'todo';
    const depth = item.id.split('.').length - 1;
    const indent = '  '.repeat(depth);
    const num = depth === 0 ? `${item.id}.` : item.id;
    const star = item.optional ? '*' : '';
    const title = item.title ?? `Task ${item.id}`;
    const { text, dependsOn } = withProse(`${indent}- [${BOX[status]}]${star} ${num} ${title}`, item.prose, line);
    b.lines.push(text);
    const idCol = indent.length + 6 + star.length;
    const task = baseTask(b, item, line, text, idCol, idCol + num.length + 1);
    const box = { line, col: indent.length + 3, endCol: indent.length + 4 };
    b.tasks.push({ ...task, status, statusText: BOX[status], statusSpan: box, dependsOn });
  }
  return b.spec();
}

/** OpenSpec: `## 1. Storage` groups with `- [ ] 1.1 title` items; hierarchy from numbering. */
export function openSpecSpec(items: readonly Item[], file = 'openspec/changes/add-sessions/tasks.md'): FactorySpec {
  const b = new Builder('openspec', file);
  b.lines.push('# Tasks', '');
  for (const item of items) {
    if (isHeading(item)) {
      b.heading('## ', item.heading, 'group');
      continue;
    }
    const line = b.lines.length;
    const status = item.status ?? 'todo';
    const depth = Math.max(item.id.split('.').length - 2, 0);
    const indent = '  '.repeat(depth);
    const title = item.title ?? `Task ${item.id}`;
    const text = `${indent}- [${BOX[status]}] ${item.id} ${title}`;
    b.lines.push(text);
    const idCol = indent.length + 6;
    const task = baseTask(b, item, line, text, idCol, idCol + item.id.length + 1);
    b.tasks.push({ ...task, status, statusText: BOX[status], statusSpan: { line, col: indent.length + 3, endCol: indent.length + 4 } });
  }
  return b.spec();
}

/** Appends ` (depends on A, B)` and returns the prose refs with their spans. */
function withProse(line0: string, ids: readonly string[] | undefined, line: number): { text: string; dependsOn: TaskRef[] } {
  let text = line0;
  const dependsOn: TaskRef[] = [];
  if (!ids || ids.length === 0) return { text, dependsOn };
  text += ' (depends on ';
  ids.forEach((id, k) => {
    if (k > 0) text += ', ';
    dependsOn.push({ id, span: { line, col: text.length, endCol: text.length + id.length }, via: 'prose' });
    text += id;
  });
  return { text: `${text})`, dependsOn };
}

/** parent = the id without its last `.N` when that task exists; children in file order. */
function linkNumbered(tasks: readonly Task[]): Task[] {
  const ids = new Set(tasks.map((t) => t.id));
  const children = new Map<string, string[]>();
  const parentOf = (id: string): string | null => {
    const dot = id.lastIndexOf('.');
    const p = dot > 0 ? id.slice(0, dot) : null;
    return p !== null && ids.has(p) ? p : null;
  };
  for (const t of tasks) {
    const p = parentOf(t.id);
    if (p !== null) {
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      list.push(t.id);
    }
  }
  return tasks.map((t) => ({ ...t, parent: parentOf(t.id), children: children.get(t.id) ?? [] }));
}

/** The text a span covers, for asserting that spans point where they should. */
export function textAt(spec: FactorySpec, s: Span): string {
  return (spec.lines[s.line] ?? '').slice(s.col, s.endCol);
}

/** Ids of a task list, for compact assertions. */
export function idsOf(tasks: readonly { readonly id: string }[]): string[] {
  return tasks.map((t) => t.id);
}
