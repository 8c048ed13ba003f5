// The run panel's protocol (architecture.md, principle 5): ready -> full snapshot -> sequenced
// deltas, resync on a gap. Types only, shared by the host (src/extension/runPanel.ts) and the
// browser bundle (webview/run/); kept apart from messages.ts so the Task details protocol stays as is.
import type { Message, RequestMap } from './messages';

/** The stages of one task, in order: the core's Stage, restated so the webview never imports core. */
export type RunStage = 'pre_start' | 'implement' | 'gates' | 'review' | 'approval' | 'commit' | 'merge' | 'done';

/**
 * Where the task's run stands. `none`: no run of this task seen since the window opened (a panel
 * restored after a reload); the others follow the executor's events and TaskResult.
 */
export type RunPanelStatus =
  | 'none'
  | 'running'
  | 'retrying'
  | 'awaiting_approval'
  | 'done'
  | 'failed'
  | 'blocked'
  | 'stopped'
  | 'skipped'
  | 'interrupted';

/** US dollars, or `unpriced` (tokens without a known price: shown as such, never as $0). */
export type RunCost = { readonly kind: 'usd'; readonly usd: number } | { readonly kind: 'unpriced' };

export interface RunTokens {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite: number;
}

export interface RunGateResult {
  readonly name: string;
  readonly command: string;
  readonly passed: boolean;
  readonly exitCode: number | null;
  readonly durationMs: number;
  readonly attempt: number;
}

/** Everything above the output list. Small: a progress delta resends it whole. */
export interface RunHeader {
  readonly taskId: string;
  readonly title: string;
  /** null before the first task_started of this window. */
  readonly runId: string | null;
  readonly stage: RunStage | null;
  /** 0 before the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly status: RunPanelStatus;
  /** The last result message (task_finished / run_finished); empty while running. */
  readonly message: string;
  readonly branch: string | null;
  readonly commitSha: string | null;
  /** This task so far, every attempt; null until the first usage or cost report. */
  readonly cost: RunCost | null;
  readonly tokens: RunTokens | null;
  /** Epoch ms. */
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** Absolute path of the current attempt's full log; null while not known. */
  readonly logFile: string | null;
  /** Gate results of the current attempt, in the order they ran. */
  readonly gates: readonly RunGateResult[];
}

export type RunTone = 'info' | 'success' | 'warning' | 'error';

/**
 * One row of the output list. Text arrives split into lines (one row each, so the list can use a
 * fixed row height); long lines and details are cut by the host (the log file has them whole).
 */
export type RunItem =
  /** One line of assistant prose; may hold ANSI SGR codes. */
  | { readonly kind: 'text'; readonly text: string }
  /** A tool call, one collapsed line; `detail` (its full input) is shown on click. */
  | { readonly kind: 'tool'; readonly name: string; readonly summary: string; readonly detail: string }
  | { readonly kind: 'tool_result'; readonly summary: string; readonly isError: boolean }
  /** A line the agent's parser could not read as its format (stderr, or stray stdout); may hold ANSI. */
  | { readonly kind: 'output'; readonly stream: 'stdout' | 'stderr'; readonly line: string }
  | { readonly kind: 'stage'; readonly stage: RunStage; readonly attempt: number; readonly maxAttempts: number }
  /** A gate's verdict; `output` (the tail of its output) is shown on click. */
  | {
      readonly kind: 'gate';
      readonly name: string;
      readonly command: string;
      readonly passed: boolean;
      readonly exitCode: number | null;
      readonly durationMs: number;
      readonly output: string;
    }
  | { readonly kind: 'retry'; readonly nextAttempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string }
  /** A milestone or notice: agent started, task finished, run finished, an engine log line. */
  | { readonly kind: 'marker'; readonly label: string; readonly tone: RunTone };

export type RunItemKind = RunItem['kind'];

/** What the webview persists (vscode.setState) so the serializer can reopen the same task's panel. */
export interface RunPanelState {
  readonly taskId: string;
  readonly title: string;
}

// ---- host -> webview -------------------------------------------------------------------------

/**
 * `seq` grows by one per message. A snapshot replaces everything (taken when newer than what the
 * webview has); `append` and `progress` must follow their predecessor exactly, and an `append`
 * must start where the webview's list ends (`firstIndex === total`), else the webview posts
 * `resync` and ignores deltas until the next snapshot.
 */
export interface HostToRunPayloads {
  readonly snapshot: {
    readonly seq: number;
    readonly header: RunHeader;
    /** Index (since the run started) of items[0]; > 0 when older items were dropped from memory. */
    readonly firstIndex: number;
    /** The kept tail of the output. */
    readonly items: readonly RunItem[];
    /** Items produced since the run started: firstIndex + items.length. */
    readonly total: number;
  };
  readonly append: {
    readonly seq: number;
    readonly firstIndex: number;
    readonly items: readonly RunItem[];
    readonly total: number;
  };
  readonly progress: {
    readonly seq: number;
    readonly header: RunHeader;
  };
}

// ---- webview -> host -------------------------------------------------------------------------

export interface RunToHostPayloads {
  /** The script runs and listens: send a full snapshot. */
  readonly ready: Record<never, never>;
  /** A delta did not follow what the webview has: send a full snapshot. */
  readonly resync: { readonly lastSeq: number };
  /** Stop this task's run (the Stop button). */
  readonly stop: Record<never, never>;
  /** Open the current attempt's full log file. */
  readonly openLog: Record<never, never>;
  /** Show the task in the Tasks tree. */
  readonly revealTask: Record<never, never>;
  /** Put text (a line, a tool call's detail) on the clipboard. */
  readonly copy: { readonly text: string };
}

export type HostToRun<K extends keyof HostToRunPayloads = keyof HostToRunPayloads> = Message<HostToRunPayloads, K>;
export type RunToHost<K extends keyof RunToHostPayloads = keyof RunToHostPayloads> = Message<RunToHostPayloads, K>;

export type RunToHostRequestMap = RequestMap<RunToHostPayloads>;
export type HostToRunRequestMap = RequestMap<HostToRunPayloads>;
