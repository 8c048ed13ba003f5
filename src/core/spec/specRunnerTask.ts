// The spec-runner Task: the scan fills what the graph, validation and ready set read; the id and
// title spans, description, checklist and fields are re-read from the task's own lines on first
// access, so a 10k-task parse allocates a fraction of the objects nobody may ever look at.
import type { ChecklistItem, Priority, Span, Task, TaskField, TaskRef, TaskStatus, TraceRef } from './model';
import { shiftSpan } from './text';

/** What the scan computes; everything else is derived from `block`. */
export interface SpecRunnerTaskInit {
  readonly id: string;
  readonly title: string;
  readonly line: number;
  readonly endLine: number;
  readonly header: Span;
  readonly status: TaskStatus;
  readonly statusText: string;
  readonly statusSpan: Span | null;
  readonly meta: Span | null;
  readonly priority: Priority | null;
  readonly estimate: string | null;
  readonly dependsOn: readonly TaskRef[];
  readonly blocks: readonly TaskRef[];
  readonly traces: readonly TraceRef[];
  readonly group: string | null;
  readonly subgroup: string | null;
  readonly mode: string | null;
}

/** The one empty list every task shares: most have no children, and many no blocks. */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/** Everything read lazily, read together: one pass over the block gives all of it. */
interface BlockDetails {
  readonly idSpan: Span;
  readonly titleSpan: Span;
  readonly description: string;
  readonly checklist: readonly ChecklistItem[];
  readonly fields: readonly TaskField[];
}

export class SpecRunnerTask implements Task {
  // Declared, not defined: the constructor assigns every field once, in this order, so all tasks
  // share one hidden class and a 10k-task parse pays one store per field.
  declare readonly id: string;
  declare readonly title: string;
  declare readonly format: 'spec-runner';
  declare readonly line: number;
  declare readonly endLine: number;
  declare readonly header: Span;
  declare readonly status: TaskStatus;
  declare readonly statusText: string;
  declare readonly statusSpan: Span | null;
  declare readonly meta: Span | null;
  declare readonly priority: Priority | null;
  declare readonly estimate: string | null;
  declare readonly dependsOn: readonly TaskRef[];
  declare readonly blocks: readonly TaskRef[];
  declare readonly traces: readonly TraceRef[];
  declare readonly parent: null;
  declare readonly children: readonly string[];
  declare readonly group: string | null;
  declare readonly subgroup: string | null;
  declare readonly optional: false;
  declare readonly parallel: false;
  declare readonly story: null;
  declare readonly mode: string | null;
  /**
   * The task's own lines, header to `endLine`, copied out of the file's lines: the editor edits
   * its array in place, so a task must never read lines it does not own.
   */
  declare readonly block: readonly string[];
  #details: BlockDetails | null = null;

  constructor(init: SpecRunnerTaskInit, block: readonly string[]) {
    this.id = init.id;
    this.title = init.title;
    this.format = 'spec-runner';
    this.line = init.line;
    this.endLine = init.endLine;
    this.header = init.header;
    this.status = init.status;
    this.statusText = init.statusText;
    this.statusSpan = init.statusSpan;
    this.meta = init.meta;
    this.priority = init.priority;
    this.estimate = init.estimate;
    this.dependsOn = init.dependsOn;
    this.blocks = init.blocks;
    this.traces = init.traces;
    this.parent = null;
    this.children = NO_ITEMS;
    this.group = init.group;
    this.subgroup = init.subgroup;
    this.optional = false;
    this.parallel = false;
    this.story = null;
    this.mode = init.mode;
    this.block = block;
  }

  get idSpan(): Span {
    return this.#read().idSpan;
  }

  get titleSpan(): Span {
    return this.#read().titleSpan;
  }

  get description(): string {
    return this.#read().description;
  }

  get checklist(): readonly ChecklistItem[] {
    return this.#read().checklist;
  }

  get fields(): readonly TaskField[] {
    return this.#read().fields;
  }

  /** The same task `delta` lines further down, sharing its lines; what was read lazily is read again. */
  shift(delta: number): SpecRunnerTask {
    if (delta === 0) return this;
    const ref = (r: TaskRef): TaskRef => ({ id: r.id, span: shiftSpan(r.span, delta), via: r.via });
    return new SpecRunnerTask({
      id: this.id,
      title: this.title,
      line: this.line + delta,
      endLine: this.endLine + delta,
      header: shiftSpan(this.header, delta),
      status: this.status,
      statusText: this.statusText,
      statusSpan: this.statusSpan && shiftSpan(this.statusSpan, delta),
      meta: this.meta && shiftSpan(this.meta, delta),
      priority: this.priority,
      estimate: this.estimate,
      dependsOn: this.dependsOn.length === 0 ? this.dependsOn : this.dependsOn.map(ref),
      blocks: this.blocks.length === 0 ? this.blocks : this.blocks.map(ref),
      traces: this.traces.length === 0 ? this.traces : this.traces.map((r) => ({ text: r.text, span: shiftSpan(r.span, delta), ids: r.ids })),
      group: this.group,
      subgroup: this.subgroup,
      mode: this.mode,
    }, this.block);
  }

  #read(): BlockDetails {
    return (this.#details ??= readDetails(this));
  }
}

/**
 * Reads the lazy parts of one task from its own lines, by the rules of the parser's scan: a fence
 * hides items and fields, the meta line is not description, and the description runs from the
 * header to the first item or field. Spans use the task's line now, which `shift` may have moved.
 */
function readDetails(task: SpecRunnerTask): BlockDetails {
  const { block, line, id } = task;
  const metaRow = task.meta === null ? -1 : task.meta.line - line;
  const checklist: ChecklistItem[] = [];
  const fields: TaskField[] = [];
  let inDesc = true;
  let descFirst = -1;
  let descLast = -1;
  let fenceChar = 0;
  let fenceLen = 0;
  for (let r = 1; r < block.length; r++) {
    const text = block[r]!;
    const len = text.length;
    if (len === 0 || r === metaRow) continue;
    let c = text.charCodeAt(0);
    let k = 0;
    if (c === 32 || c === 9) {
      k = skipBlanks(text, 0);
      if (k === len) continue;
      c = text.charCodeAt(k);
    }
    if (fenceChar !== 0) {
      if (k <= 3 && c === fenceChar) {
        const run = fenceRunAt(text, k);
        if (run >= fenceLen && skipBlanks(text, k + run) === len) fenceChar = 0;
      }
    } else if (c === 96 || c === 126) {
      const run = k <= 3 ? fenceRunAt(text, k) : 0;
      if (run > 0) {
        fenceChar = c;
        fenceLen = run;
      }
    } else if (k === 0 && (c === 45 || c === 42)) {
      const at = line + r;
      const item = c === 45 ? checklistItem(text, at, checklist.length + 1) : null;
      if (item !== null) {
        checklist.push(item);
        inDesc = false;
        continue;
      }
      if (matchField(text)) {
        fields.push({
          name: fieldName(text, FIELD.nameStart, FIELD.nameEnd),
          span: { line: at, col: 0, endCol: len },
          value: { line: at, col: FIELD.valueStart, endCol: FIELD.valueEnd },
        });
        inDesc = false;
        continue;
      }
    }
    if (inDesc) {
      if (descFirst < 0) descFirst = r;
      descLast = r;
    }
  }
  let description = '';
  for (let r = descFirst; r >= 0 && r <= descLast; r++) {
    const t = (block[r] ?? '').trim();
    description = r === descFirst ? t : `${description}\n${t}`;
  }
  const titleCol = skipBlanks(block[0] ?? '', 6 + id.length);
  return {
    idSpan: { line, col: 4, endCol: 4 + id.length },
    titleSpan: { line, col: titleCol, endCol: titleCol + task.title.length },
    description,
    checklist: checklist.length === 0 ? NO_ITEMS : checklist,
    fields: fields.length === 0 ? NO_ITEMS : fields,
  };
}

/** A column-0 `- [ ] text` item (box one of ` xXn`), or null. */
function checklistItem(text: string, line: number, index: number): ChecklistItem | null {
  if (text.charCodeAt(1) !== 32 || text.charCodeAt(2) !== 91 || text.charCodeAt(4) !== 93 || text.charCodeAt(5) !== 32) return null;
  const box = text.charCodeAt(3);
  if (box !== 32 && box !== 120 && box !== 88 && box !== 110) return null;
  const itemText = text.slice(6).trim();
  if (itemText === '') return null;
  return {
    index,
    text: itemText,
    checked: box === 120 || box === 88,
    span: { line, col: 0, endCol: text.length },
    box: { line, col: 3, endCol: 4 },
  };
}

// Line readers the parser's scan and the lazy re-read share, so both see the same lines alike.

export function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

export function skipBlanks(line: string, from: number): number {
  let k = from;
  while (k < line.length && isBlank(line.charCodeAt(k))) k++;
  return k;
}

/** Length of the ``` / ~~~ run that makes `line` a code fence when it starts at `k`, else 0. */
export function fenceRunAt(line: string, k: number): number {
  const c = line.charCodeAt(k);
  if (c !== 96 && c !== 126) return 0;
  let j = k + 1;
  while (line.charCodeAt(j) === c) j++;
  const run = j - k;
  if (run < 3) return 0;
  // CommonMark: a backtick fence's info string never holds a backtick (```x``` is inline code).
  if (c === 96 && line.indexOf('`', j) >= 0) return 0;
  return run;
}

/** Where `matchField` found the name and the value; one object reused, so a match allocates nothing. */
export const FIELD = { nameStart: 0, nameEnd: 0, valueStart: 0, valueEnd: 0 };

/**
 * A column-0 `**Name:** value` / `**Name**: value` line, optionally after a `- `/`* ` bullet;
 * fills FIELD. Read by hand: fields are a fifth of a typical file's lines.
 */
export function matchField(line: string): boolean {
  const len = line.length;
  let p = 0;
  const c1 = line.charCodeAt(1);
  if (c1 !== 42) {
    if (!isBlank(c1)) return false;
    p = skipBlanks(line, 1);
  }
  if (line.charCodeAt(p) !== 42 || line.charCodeAt(p + 1) !== 42) return false;
  const nameStart = p + 2;
  const close = line.indexOf('**', nameStart);
  if (close <= nameStart) return false;
  let vs: number;
  let nameEnd: number;
  if (line.charCodeAt(close - 1) === 58) {
    nameEnd = close - 1;
    vs = close + 2;
  } else {
    const q = skipBlanks(line, close + 2);
    if (line.charCodeAt(q) !== 58) return false;
    nameEnd = close;
    vs = q + 1;
  }
  vs = skipBlanks(line, vs);
  const ns = skipBlanks(line, nameStart);
  while (nameEnd > ns && isBlank(line.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd <= ns) return false;
  let ve = len;
  while (ve > vs && isBlank(line.charCodeAt(ve - 1))) ve--;
  FIELD.nameStart = ns;
  FIELD.nameEnd = nameEnd;
  FIELD.valueStart = vs;
  FIELD.valueEnd = ve;
  return true;
}

const KNOWN_FIELDS: readonly string[] = ['Checklist', 'Traces to', 'Depends on', 'Blocks', 'Mode', 'Estimate'];

/** Index in KNOWN_FIELDS of the name at [from, to), or -1. Their first letters tell them apart. */
export function knownFieldAt(line: string, from: number, to: number): number {
  let k: number;
  switch (line.charCodeAt(from)) {
    case 67: k = 0; break; // C
    case 84: k = 1; break; // T
    case 68: k = 2; break; // D
    case 66: k = 3; break; // B
    case 77: k = 4; break; // M
    case 69: k = 5; break; // E
    default: return -1;
  }
  const known = KNOWN_FIELDS[k]!;
  return known.length === to - from && line.startsWith(known, from) ? k : -1;
}

/** The field's name, sharing one string per known name. */
export function fieldName(line: string, from: number, to: number): string {
  const k = knownFieldAt(line, from, to);
  return k >= 0 ? KNOWN_FIELDS[k]! : line.slice(from, to);
}
