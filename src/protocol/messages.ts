// The one typed protocol between the extension host and its webviews (architecture.md, principle
// 5): ready handshake -> full sequenced snapshot -> (later) sequenced deltas. Types only, so the
// browser bundle and the host share it without either importing the other's runtime.

/** Task status names as the webview shows them (the core's TaskStatus, mapped by the host). */
export type DetailsStatus = 'todo' | 'in_progress' | 'review' | 'done' | 'blocked' | 'unknown';

/** Why a task waits for another (the graph's DepReason). */
export type DetailsDepReason = 'explicit' | 'blocks' | 'prose' | 'phase' | 'child';

export type DetailsSeverity = 'error' | 'warning' | 'info';

export interface DetailsChecklistItem {
  readonly index: number;
  readonly text: string;
  readonly checked: boolean;
  /** 0-based line in the tasks file. */
  readonly line: number;
}

/** A task this one waits for, or one that waits for it. */
export interface DetailsDependency {
  readonly id: string;
  readonly reason: DetailsDepReason;
  /** null when the id names no task of the file. */
  readonly title: string | null;
  /** Effective status (a parent whose sub-tasks are done counts as done); null when missing. */
  readonly status: DetailsStatus | null;
  /** 0-based header line of that task, null when missing. */
  readonly line: number | null;
}

/** A requirement / design / criterion a trace reference resolves to. */
export interface DetailsDefinition {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  /** Absolute path of the requirements / design file. */
  readonly file: string;
  readonly fileLabel: string;
  /** 0-based line of its heading. */
  readonly line: number;
  /** Its block as written (markdown source, shown as plain text), cut short when long. */
  readonly text: string;
}

export interface DetailsTrace {
  /** The reference as written: `REQ-001`, `2.1-2.3`. */
  readonly text: string;
  /** 0-based line of the reference in the tasks file. */
  readonly line: number;
  readonly definitions: readonly DetailsDefinition[];
  /** Ids the reference names that have no definition. */
  readonly missing: readonly string[];
}

export interface DetailsDiagnostic {
  readonly severity: DetailsSeverity;
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

/** Everything the Task details panel shows about one task. */
export interface TaskDetails {
  readonly id: string;
  readonly title: string;
  readonly status: DetailsStatus;
  /** The status marker as written (`🔄 IN_PROGRESS`, `x`). */
  readonly statusText: string;
  /** `P0`..`P3`, or null. */
  readonly priority: string | null;
  readonly estimate: string | null;
  readonly group: string | null;
  readonly subgroup: string | null;
  readonly format: string;
  /** 0-based header line. */
  readonly line: number;
  /** Ready to run now (every prerequisite done). */
  readonly ready: boolean;
  readonly optional: boolean;
  readonly description: string;
  readonly checklist: readonly DetailsChecklistItem[];
  readonly waitsFor: readonly DetailsDependency[];
  readonly unblocks: readonly DetailsDependency[];
  readonly traces: readonly DetailsTrace[];
  readonly diagnostics: readonly DetailsDiagnostic[];
}

/** The panel's subject: which task of which tasks file. Also the webview's persisted state. */
export interface TaskTarget {
  /** Absolute path of the tasks file. */
  readonly file: string;
  readonly id: string;
}

// ---- host -> webview -------------------------------------------------------------------------

/**
 * Payloads by message type. `seq` grows by one per message; a snapshot replaces everything (so a
 * webview accepts any snapshot newer than what it has), a delta (added with the run panel) must
 * follow its predecessor exactly, else the webview asks for a new snapshot by posting `ready`.
 */
export interface HostToWebviewPayloads {
  readonly snapshot: {
    readonly seq: number;
    readonly target: TaskTarget;
    /** Workspace-relative path of the tasks file, for display. */
    readonly fileLabel: string;
    /** null when the task is no longer in the file (renamed, deleted, file gone). */
    readonly details: TaskDetails | null;
  };
}

// ---- webview -> host -------------------------------------------------------------------------

export interface WebviewToHostPayloads {
  /** The script runs and listens: send a full snapshot (also the resync request after a gap). */
  readonly ready: Record<never, never>;
  /** Open the tasks file at a task's header. */
  readonly openTask: { readonly file: string; readonly line: number };
  /** Show another task: reveal it in the Tasks tree and in this panel. */
  readonly revealTask: { readonly file: string; readonly id: string };
  /** Open a requirements / design file at a definition. */
  readonly openDefinition: { readonly file: string; readonly line: number };
}

/** One member of a payload map with its `type` tag: `Message<M, 'openTask'>`. */
export type Message<M, K extends keyof M = keyof M> = { [P in K]: { readonly type: P } & M[P] }[K];

export type HostToWebview<K extends keyof HostToWebviewPayloads = keyof HostToWebviewPayloads> = Message<HostToWebviewPayloads, K>;
export type WebviewToHost<K extends keyof WebviewToHostPayloads = keyof WebviewToHostPayloads> = Message<WebviewToHostPayloads, K>;

/** One handler per message type: a type without a handler is a compile error (GitLens' IPC maps). */
export type RequestMap<M> = { readonly [P in keyof M]: (message: Message<M, P>) => void | Promise<void> };

export type WebviewRequestMap = RequestMap<WebviewToHostPayloads>;
export type HostRequestMap = RequestMap<HostToWebviewPayloads>;
