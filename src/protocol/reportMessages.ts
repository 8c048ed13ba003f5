// The traceability report panel's protocol: ready -> sequenced snapshot (the whole matrix of one
// task file, already filtered by the host); the page asks for another filter or to open a cell's
// file:line. Types only, shared by the host (src/extension/reportPanel.ts) and webview/report/.
import type { DetailsStatus, Message, RequestMap } from './messages';

/** Where a cell points: an absolute file path and a 0-based line. */
export interface ReportLocation {
  readonly file: string;
  readonly line: number;
}

export interface ReportTask {
  readonly id: string;
  readonly title: string;
  readonly status: DetailsStatus;
  /** true: verified with stored evidence; false: its last Verify failed; null: never verified. */
  readonly verified: boolean | null;
  /** When that Verify ran (ISO 8601), or null. */
  readonly verifiedAt: string | null;
  /** The task's commit (merge) SHA, when known. */
  readonly commit: string | null;
  /** What its priced attempts cost; null when no attempt was recorded. */
  readonly costUsd: number | null;
  /** Some attempt could not be priced: costUsd is a lower bound. */
  readonly unpriced: boolean;
  /** Other requirement ids this task is listed under (its cost counts in each). */
  readonly alsoIn: readonly string[];
  /** The header line. */
  readonly at: ReportLocation;
  /** Where the status is written (the meta line or the checkbox). */
  readonly statusAt: ReportLocation;
}

export interface ReportRow {
  /** null: the row of tasks that trace no requirement. */
  readonly requirement: { readonly id: string; readonly title: string; readonly at: ReportLocation } | null;
  readonly designs: readonly { readonly id: string; readonly title: string; readonly at: ReportLocation }[];
  readonly tasks: readonly ReportTask[];
  /** The requirement's cost: the sum of its tasks' known costs; null when none is known. */
  readonly costUsd: number | null;
}

export interface ReportFilter {
  /** A milestone / phase / group title, or null for all. */
  readonly milestone: string | null;
  readonly uncoveredOnly: boolean;
}

export interface ReportTotals {
  /** Requirement rows before the milestone filter, and how many no task traces. */
  readonly requirements: number;
  readonly uncovered: number;
  /** Distinct tasks shown, how many are done, how many verified with evidence. */
  readonly tasks: number;
  readonly done: number;
  readonly verified: number;
  /** Distinct tasks' known cost (each once); null when none is known. */
  readonly costUsd: number | null;
}

// ---- host -> webview -------------------------------------------------------------------------

export interface HostToReportPayloads {
  readonly snapshot: {
    readonly seq: number;
    /** Absolute path of the task file the matrix is built from. */
    readonly file: string;
    /** Workspace-relative path of the task file, for display. */
    readonly fileLabel: string;
    /** Milestones (or phases, groups) of the file, in file order, for the filter. */
    readonly milestones: readonly string[];
    readonly filter: ReportFilter;
    readonly rows: readonly ReportRow[];
    readonly totals: ReportTotals;
    /** What the reader should know: shared costs, a run state or git log that could not be read. */
    readonly notes: readonly string[];
  };
}

// ---- webview -> host -------------------------------------------------------------------------

export interface ReportToHostPayloads {
  /** The script runs and listens: send a full snapshot. */
  readonly ready: Record<never, never>;
  /** Open a file the matrix names at a 0-based line (the host opens only files it sent). */
  readonly open: ReportLocation;
  /** Rebuild the matrix with this filter. */
  readonly filter: ReportFilter;
}

export type HostToReport<K extends keyof HostToReportPayloads = keyof HostToReportPayloads> = Message<HostToReportPayloads, K>;
export type ReportToHost<K extends keyof ReportToHostPayloads = keyof ReportToHostPayloads> = Message<ReportToHostPayloads, K>;

export type ReportToHostRequestMap = RequestMap<ReportToHostPayloads>;

/** What the page persists so the panel reopens on the same task file after a reload. */
export interface ReportPanelState {
  readonly file: string;
}
