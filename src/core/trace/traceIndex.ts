// The traceability index of one tasks file: its definitions by id and by file, which tasks trace
// each id, coverage, unresolved references, and the position lookups hovers and go-to-definition
// need. Linear to build; the per-task tables are made on first use, so a rebuild on every parse
// costs only what the caller asks for.
import type { Diagnostic, Task, TraceRef } from '../spec/model';
import type { LoadedSource, TraceDefinition } from './model';
import { unresolvedTraces } from './unresolvedTraces';

export interface TraceIndexInput {
  readonly definitions: readonly TraceDefinition[];
  readonly tasks: readonly Task[];
  readonly tasksFile: string;
  /** The definition files looked for; without them no unresolved-trace diagnostic is made. */
  readonly sources?: readonly LoadedSource[];
}

/** A task's trace reference under a position, with the definitions it names. */
export interface RefHit {
  readonly task: Task;
  readonly ref: TraceRef;
  /** Definitions of `ref.ids` that exist, in the order the ids are written. */
  readonly definitions: readonly TraceDefinition[];
  /** Ids of `ref.ids` with no definition. */
  readonly missing: readonly string[];
}

interface Traced {
  /** Id -> ids of the tasks tracing it (a criterion's tasks also count for its requirement). */
  readonly tasksById: Map<string, string[]>;
  /** Ids some reference names itself (not only through a criterion). */
  readonly direct: Set<string>;
}

interface LineRef {
  readonly task: Task;
  readonly ref: TraceRef;
}

/** Uncovered() reports these kinds; designs and stories are context, not obligations. */
const OBLIGATIONS = new Set<TraceDefinition['kind']>(['requirement', 'nfr', 'criterion', 'functional']);

export class TraceIndex {
  readonly definitions: readonly TraceDefinition[];
  readonly tasks: readonly Task[];
  readonly tasksFile: string;
  readonly sources: readonly LoadedSource[];
  private readonly byId = new Map<string, TraceDefinition>();
  private readonly byFile = new Map<string, TraceDefinition[]>();
  private traced: Traced | null = null;
  private refsByLine: Map<number, LineRef[]> | null = null;

  constructor(input: TraceIndexInput) {
    this.definitions = input.definitions;
    this.tasks = input.tasks;
    this.tasksFile = input.tasksFile;
    this.sources = input.sources ?? [];
    for (const d of input.definitions) {
      // The first definition of a duplicated id wins, as the first heading would for a reader.
      if (!this.byId.has(d.id)) this.byId.set(d.id, d);
      const key = normalizePath(d.file);
      let list = this.byFile.get(key);
      if (!list) this.byFile.set(key, (list = []));
      list.push(d);
    }
  }

  definition(id: string): TraceDefinition | null {
    return this.byId.get(id) ?? null;
  }

  /** Definitions whose block contains `line` of `file`, outermost first. */
  definitionsAt(file: string, line: number): TraceDefinition[] {
    const list = this.byFile.get(normalizePath(file));
    if (!list) return [];
    return list.filter((d) => d.line <= line && line <= d.endLine).sort((a, b) => a.line - b.line);
  }

  /** The trace reference of the tasks file under (line, col); `file`, when given, must be it. */
  refAt(line: number, col: number): RefHit | null;
  refAt(file: string | undefined, line: number, col: number): RefHit | null;
  refAt(a: string | number | undefined, b: number, c?: number): RefHit | null {
    let line: number;
    let col: number;
    if (typeof a === 'number') {
      line = a;
      col = b;
    } else {
      if (a !== undefined && normalizePath(a) !== normalizePath(this.tasksFile)) return null;
      line = b;
      col = c ?? 0;
    }
    const onLine = this.refs().get(line);
    if (!onLine) return null;
    // The end column counts as inside: a cursor right after `REQ-001` still means it.
    const hit = onLine.find(({ ref }) => ref.span.col <= col && col <= ref.span.endCol);
    if (!hit) return null;
    const definitions: TraceDefinition[] = [];
    const missing: string[] = [];
    for (const id of hit.ref.ids) {
      const d = this.byId.get(id);
      if (d) definitions.push(d);
      else missing.push(id);
    }
    return { task: hit.task, ref: hit.ref, definitions, missing };
  }

  /** Ids of the tasks tracing `id`, in file order; tracing criterion `1.2` counts for `1` too. */
  tasksTracing(id: string): readonly string[] {
    return this.tracing().tasksById.get(id) ?? [];
  }

  /** Requirements, NFRs, criteria and functional requirements that no task traces, in order. */
  uncovered(): TraceDefinition[] {
    const out: TraceDefinition[] = [];
    const seen = new Set<string>();
    const { tasksById, direct } = this.tracing();
    for (const d of this.definitions) {
      if (!OBLIGATIONS.has(d.kind) || seen.has(d.id)) continue;
      seen.add(d.id);
      if (tasksById.has(d.id)) continue;
      // A task that traces a whole requirement covers each of its criteria.
      if (d.parentId !== null && direct.has(d.parentId)) continue;
      out.push(d);
    }
    return out;
  }

  /** `unresolved-trace` diagnostics for the tasks file (see unresolvedTraces). */
  unresolved(): Diagnostic[] {
    return unresolvedTraces(this.tasks, this.tasksFile, (id) => this.byId.has(id), this.sources);
  }

  private refs(): Map<number, LineRef[]> {
    if (this.refsByLine) return this.refsByLine;
    const byLine = new Map<number, LineRef[]>();
    for (const task of this.tasks) {
      for (const ref of task.traces) {
        const onLine = byLine.get(ref.span.line);
        if (onLine) onLine.push({ task, ref });
        else byLine.set(ref.span.line, [{ task, ref }]);
      }
    }
    return (this.refsByLine = byLine);
  }

  private tracing(): Traced {
    if (this.traced) return this.traced;
    const table = new Map<string, string[]>();
    const direct = new Set<string>();
    const add = (id: string, taskId: string): void => {
      const list = table.get(id);
      // A task's ids arrive together, so checking the last entry removes its repeats.
      if (!list) table.set(id, [taskId]);
      else if (list[list.length - 1] !== taskId) list.push(taskId);
    };
    for (const task of this.tasks) {
      for (const ref of task.traces) {
        for (const id of ref.ids) {
          direct.add(id);
          add(id, task.id);
          const parent = this.parentOf(id);
          if (parent !== null) add(parent, task.id);
        }
      }
      if (task.story !== null) add(task.story, task.id);
    }
    return (this.traced = { tasksById: table, direct });
  }

  private parentOf(id: string): string | null {
    const d = this.byId.get(id);
    if (d) return d.parentId;
    // An undefined `N.M` still belongs to requirement N, as Kiro numbers criteria.
    const m = /^(\d+)\.\d+$/.exec(id);
    return m ? m[1]! : null;
  }
}

export function buildTraceIndex(input: TraceIndexInput): TraceIndex {
  return new TraceIndex(input);
}

function normalizePath(p: string): string {
  return p.replace(/\\/g, '/');
}
