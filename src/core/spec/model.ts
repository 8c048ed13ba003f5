// The one task model every front end reads: the four task-file formats parse into it, the graph,
// validation, write-back, CLI and extension consume it. Positions are VS Code's units (0-based
// line, UTF-16 column) so the extension maps them to ranges without conversion.

export type SpecFormat = 'spec-runner' | 'spec-kit' | 'openspec' | 'kiro';
export const SPEC_FORMATS: readonly SpecFormat[] = ['spec-runner', 'spec-kit', 'openspec', 'kiro'];

/** A single-line span: `line` 0-based, columns [col, endCol) in UTF-16 code units, BOM excluded. */
export interface Span {
  readonly line: number;
  readonly col: number;
  readonly endCol: number;
}

export type TaskStatus = 'todo' | 'in_progress' | 'review' | 'done' | 'blocked' | 'unknown';
export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'review', 'done', 'blocked', 'unknown'];

export type Priority = 'p0' | 'p1' | 'p2' | 'p3';

/** A task id named by another task (Depends on, Blocks, or prose such as `(depends on T010)`). */
export interface TaskRef {
  readonly id: string;
  readonly span: Span;
  /** `field`: a Depends on / Blocks field; `prose`: found in the task's text. */
  readonly via: 'field' | 'prose';
}

/**
 * One trace reference as written (`REQ-001`, `1.2`, `2.1-2.3`, `All requirements`). `ids` holds
 * the requirement/design ids it names: itself, a Kiro range expanded, or none for free text.
 */
export interface TraceRef {
  readonly text: string;
  readonly span: Span;
  readonly ids: readonly string[];
}

export interface ChecklistItem {
  /** 1-based position in the task's checklist, as `task check ID N` counts. */
  readonly index: number;
  readonly text: string;
  readonly checked: boolean;
  /** The whole item line's text span. */
  readonly span: Span;
  /** The one character inside `[ ]`, which write-back rewrites. */
  readonly box: Span;
}

/** A labelled field line such as `**Depends on:** [TASK-001]` or Kiro's `_Requirements: 1.1_`. */
export interface TaskField {
  readonly name: string;
  /** The whole line. */
  readonly span: Span;
  /** The value after the label. */
  readonly value: Span;
}

/** Every Span-bearing field here must also be moved by `shiftTask` in incremental.ts. */
export interface Task {
  /** As written: `TASK-001`, `T012`, `1.2`. */
  readonly id: string;
  readonly title: string;
  readonly format: SpecFormat;
  /** 0-based line of the task header (the `###` line or the checkbox line). */
  readonly line: number;
  /** 0-based last line of the task's block (header, meta, description, fields, details). */
  readonly endLine: number;
  readonly header: Span;
  readonly idSpan: Span;
  readonly titleSpan: Span;
  readonly status: TaskStatus;
  /** The status marker as written: `TODO`, `✅ DONE`, `x`, `X`, `-`, `?`. */
  readonly statusText: string;
  /** What a status write-back rewrites: the meta line's emoji + word, or the checkbox character. */
  readonly statusSpan: Span | null;
  /** spec-runner's meta line (`🔴 P0 | ✅ DONE | Est: 1d`), null elsewhere or when missing. */
  readonly meta: Span | null;
  readonly priority: Priority | null;
  readonly estimate: string | null;
  /** Plain description (spec-runner) or detail bullets (Kiro), joined with '\n'. */
  readonly description: string;
  readonly checklist: readonly ChecklistItem[];
  readonly dependsOn: readonly TaskRef[];
  readonly blocks: readonly TaskRef[];
  readonly traces: readonly TraceRef[];
  /** Parent task id (Kiro/OpenSpec numbering: `2.1` is a child of `2`), or null. */
  readonly parent: string | null;
  readonly children: readonly string[];
  /** Milestone (spec-runner), phase (Spec Kit), group (OpenSpec `## 1. Storage`), or null. */
  readonly group: string | null;
  /** Sub-group under the group (Spec Kit `### Implementation for User Story 1`), or null. */
  readonly subgroup: string | null;
  /** Kiro `[ ]*`: run-all skips it and a parent does not wait on it. */
  readonly optional: boolean;
  /** Spec Kit `[P]`. */
  readonly parallel: boolean;
  /** Spec Kit story label without brackets (`US1`, `AUTH-US1`), or null. */
  readonly story: string | null;
  /** spec-runner `**Mode:** tdd`, or null. */
  readonly mode: string | null;
  readonly fields: readonly TaskField[];
}

/** A milestone / phase / group heading, in file order. */
export interface SpecGroup {
  readonly title: string;
  readonly kind: 'milestone' | 'phase' | 'subgroup' | 'group';
  readonly line: number;
  readonly span: Span;
}

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'not-a-task' // a line that looks like a task but is not one
  | 'indented-checklist' // a checklist item spec-runner does not read (not at column 0)
  | 'indented-task' // a Spec Kit task line indented under another line (read, but other tools may not)
  | 'unknown-status'
  | 'unknown-priority'
  | 'status-mismatch' // the status emoji and word disagree (the word wins)
  | 'missing-meta'
  | 'bad-frontmatter'
  | 'duplicate-id'
  | 'unknown-dependency'
  | 'cycle'
  | 'blocks-asymmetry'
  | 'unresolved-trace'
  | 'missing-estimate'
  | 'blocked-without-deps'
  | 'no-traces'
  | 'self-dependency'
  | 'unknown-field';

export interface RelatedInfo {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  /** Says what is wrong and what was expected. */
  readonly message: string;
  readonly file: string;
  readonly span: Span;
  readonly related?: readonly RelatedInfo[];
}

export interface Frontmatter {
  /** 0-based lines of the opening and closing `---`. */
  readonly startLine: number;
  readonly endLine: number;
}

export interface ParsedSpec {
  readonly format: SpecFormat;
  readonly file: string;
  readonly tasks: readonly Task[];
  readonly groups: readonly SpecGroup[];
  /** Parser diagnostics (syntax); validation adds the semantic ones. */
  readonly diagnostics: readonly Diagnostic[];
  readonly frontmatter: Frontmatter | null;
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
  readonly lineCount: number;
  /** Sorted 0-based lines that change the context of later lines (group headings, code fences). */
  readonly contextLines: readonly number[];
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
