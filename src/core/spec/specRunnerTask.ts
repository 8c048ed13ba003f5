// The spec-runner Task: the scan fills what the graph, validation and ready set read; the id and
// title spans, description, checklist, fields and traces are re-read from the task's own lines on
// first access, so a 10k-task parse allocates a fraction of the objects nobody may ever look at.
import type { ChecklistItem, Priority, Span, Task, TaskField, TaskRef, TaskStatus, TraceRef } from './model';
import { FIELD, FIELD_TRACES, IDS, fenceRunAt, fieldKind, fieldName, matchField, scanIds, skipBlanks } from './specRunnerLines';
import { shiftSpan, splitText } from './text';

/**
 * What the scan computes; everything else is derived from `block`. The header, meta and status
 * spans come as numbers and become Span objects when first asked for.
 */
export interface SpecRunnerTaskInit {
  readonly id: string;
  readonly title: string;
  readonly line: number;
  readonly endLine: number;
  /** The header line's length (the end of the `header` span). */
  readonly headerEnd: number;
  readonly status: TaskStatus;
  readonly statusText: string;
  /** The meta line and its length, metaLine -1 when the task has none. */
  readonly metaLine: number;
  readonly metaEnd: number;
  /** The status columns on the meta line, statusCol -1 when it names no status. */
  readonly statusCol: number;
  readonly statusEnd: number;
  readonly priority: Priority | null;
  readonly estimate: string | null;
  readonly dependsOn: readonly TaskRef[];
  readonly blocks: readonly TaskRef[];
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
  readonly traces: readonly TraceRef[];
}

export class SpecRunnerTask implements Task {
  // Declared, not defined: the constructor assigns every field once, in this order, so all tasks
  // share one hidden class and a 10k-task parse pays one store per field. What is the same for
  // every spec-runner task (format, parent, children, ...) lives on the prototype.
  declare readonly id: string;
  declare readonly title: string;
  declare readonly line: number;
  declare readonly endLine: number;
  declare readonly status: TaskStatus;
  declare readonly statusText: string;
  declare readonly priority: Priority | null;
  declare readonly estimate: string | null;
  declare readonly dependsOn: readonly TaskRef[];
  declare readonly blocks: readonly TaskRef[];
  declare readonly group: string | null;
  declare readonly subgroup: string | null;
  declare readonly mode: string | null;
  readonly #headerEnd: number;
  readonly #metaLine: number;
  readonly #metaEnd: number;
  readonly #statusCol: number;
  readonly #statusEnd: number;
  #header: Span | null;
  #meta: Span | null;
  #statusSpan: Span | null;
  /**
   * The task's own lines, header to `endLine`: copied out of the file's lines (the editor edits
   * its array in place, so a task must never read lines it does not own), or null until first
   * asked for when the task was read from the file's text, whose [#from, #to) they are.
   */
  #block: readonly string[] | null;
  readonly #text: string;
  readonly #from: number;
  readonly #to: number;
  #details: BlockDetails | null = null;

  /** `block` when read from lines; else null and the block's range of the (immutable) file text. */
  constructor(init: SpecRunnerTaskInit, block: readonly string[] | null, text: string, from: number, to: number) {
    this.id = init.id;
    this.title = init.title;
    this.line = init.line;
    this.endLine = init.endLine;
    this.status = init.status;
    this.statusText = init.statusText;
    this.priority = init.priority;
    this.estimate = init.estimate;
    this.dependsOn = init.dependsOn;
    this.blocks = init.blocks;
    this.group = init.group;
    this.subgroup = init.subgroup;
    this.mode = init.mode;
    this.#headerEnd = init.headerEnd;
    this.#metaLine = init.metaLine;
    this.#metaEnd = init.metaEnd;
    this.#statusCol = init.statusCol;
    this.#statusEnd = init.statusEnd;
    this.#header = null;
    this.#meta = null;
    this.#statusSpan = null;
    this.#block = block;
    this.#text = text;
    this.#from = from;
    this.#to = to;
  }

  get format(): 'spec-runner' {
    return 'spec-runner';
  }

  get parent(): null {
    return null;
  }

  get children(): readonly string[] {
    return NO_ITEMS;
  }

  get optional(): false {
    return false;
  }

  get parallel(): false {
    return false;
  }

  get story(): null {
    return null;
  }

  get header(): Span {
    return (this.#header ??= { line: this.line, col: 0, endCol: this.#headerEnd });
  }

  get meta(): Span | null {
    if (this.#metaLine < 0) return null;
    return (this.#meta ??= { line: this.#metaLine, col: 0, endCol: this.#metaEnd });
  }

  get statusSpan(): Span | null {
    if (this.#statusCol < 0) return null;
    return (this.#statusSpan ??= { line: this.#metaLine, col: this.#statusCol, endCol: this.#statusEnd });
  }

  /** The task's lines, header to `endLine`, as splitText would give them. */
  get block(): readonly string[] {
    return (this.#block ??= splitText(this.#text.slice(this.#from, this.#to)).lines);
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

  get traces(): readonly TraceRef[] {
    return this.#read().traces;
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
      headerEnd: this.#headerEnd,
      status: this.status,
      statusText: this.statusText,
      metaLine: this.#metaLine < 0 ? -1 : this.#metaLine + delta,
      metaEnd: this.#metaEnd,
      statusCol: this.#statusCol,
      statusEnd: this.#statusEnd,
      priority: this.priority,
      estimate: this.estimate,
      dependsOn: this.dependsOn.length === 0 ? this.dependsOn : this.dependsOn.map(ref),
      blocks: this.blocks.length === 0 ? this.blocks : this.blocks.map(ref),
      group: this.group,
      subgroup: this.subgroup,
      mode: this.mode,
    }, this.#block, this.#text, this.#from, this.#to);
  }

  #read(): BlockDetails {
    return (this.#details ??= readDetails(this, this.#metaLine < 0 ? -1 : this.#metaLine - this.line));
  }
}

/**
 * One task held for the life of the process. V8 keeps the hidden class of a class's instances only
 * while one lives: once a GC frees every task of the last parse, the optimized parser and graph
 * code built around that class is thrown away and the next parse runs unoptimized until V8
 * compiles it again. Holding one instance keeps the class, and that code, alive.
 */
const _shapeKeeper = new SpecRunnerTask({
  id: 'TASK-1', title: 'Shape', line: 0, endLine: 0, headerEnd: 0, status: 'todo', statusText: 'TODO', metaLine: -1,
  metaEnd: 0, statusCol: -1, statusEnd: 0, priority: 'p0', estimate: null, dependsOn: NO_ITEMS, blocks: NO_ITEMS,
  group: null, subgroup: null, mode: null,
}, NO_ITEMS, '', 0, 0);

/**
 * Reads the lazy parts of one task from its own lines, by the rules of the parser's scan: a fence
 * hides items and fields, the meta line is not description, and the description runs from the
 * header to the first item or field. Spans use the task's line now, which `shift` may have moved.
 */
function readDetails(task: SpecRunnerTask, metaRow: number): BlockDetails {
  const { block, line, id } = task;

  const checklist: ChecklistItem[] = [];
  const fields: TaskField[] = [];
  const traces: TraceRef[] = [];
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
        const { nameStart, nameEnd, valueStart, valueEnd } = FIELD;
        fields.push({
          name: fieldName(text, nameStart, nameEnd),
          span: { line: at, col: 0, endCol: len },
          value: { line: at, col: valueStart, endCol: valueEnd },
        });
        if (fieldKind(text, nameStart, nameEnd) === FIELD_TRACES) {
          const count = scanIds(text, valueStart, valueEnd, Number.MAX_SAFE_INTEGER);
          for (let n = 0; n < count; n++) {
            const col = IDS[2 * n]!;
            const endCol = IDS[2 * n + 1]!;
            const id = text.slice(col, endCol);
            traces.push({ text: id, span: { line: at, col, endCol }, ids: [id] });
          }
        }
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
    traces: traces.length === 0 ? NO_ITEMS : traces,
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
