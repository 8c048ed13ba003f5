// How the run panel words and marks things: stage names in order, status labels and codicons,
// cost (never $0 for unpriced), token counts, durations. Pure, so the wording is tested in Node.
import type { RunCost, RunPanelStatus, RunStage, RunTokens, RunTone } from '../../src/protocol/runMessages';

export const RUN_STAGES: readonly RunStage[] = ['pre_start', 'implement', 'gates', 'review', 'approval', 'commit', 'merge', 'done'];

const STAGE_LABEL: Readonly<Record<RunStage, string>> = {
  pre_start: 'Pre-start',
  implement: 'Implement',
  gates: 'Gates',
  review: 'Review',
  approval: 'Approval',
  commit: 'Commit',
  merge: 'Merge',
  done: 'Done',
};

export function stageLabel(stage: RunStage): string {
  return STAGE_LABEL[stage];
}

/** Where a stage stands relative to the current one, for the stepper. */
export function stageState(stage: RunStage, current: RunStage | null): 'done' | 'current' | 'todo' {
  if (current === null) return 'todo';
  const at = RUN_STAGES.indexOf(current);
  const i = RUN_STAGES.indexOf(stage);
  if (i < at) return 'done';
  return i === at ? 'current' : 'todo';
}

interface StatusLook {
  readonly label: string;
  readonly icon: string;
  readonly tone: RunTone | 'active';
}

const STATUS_LOOK: Readonly<Record<RunPanelStatus, StatusLook>> = {
  none: { label: 'No run in this window', icon: 'circle-large-outline', tone: 'info' },
  running: { label: 'Running', icon: 'loading', tone: 'active' },
  retrying: { label: 'Retrying', icon: 'refresh', tone: 'warning' },
  awaiting_approval: { label: 'Waiting for approval', icon: 'person', tone: 'info' },
  done: { label: 'Done', icon: 'pass-filled', tone: 'success' },
  failed: { label: 'Failed', icon: 'error', tone: 'error' },
  blocked: { label: 'Blocked', icon: 'circle-slash', tone: 'warning' },
  stopped: { label: 'Stopped', icon: 'debug-stop', tone: 'warning' },
  skipped: { label: 'Skipped', icon: 'debug-step-over', tone: 'info' },
  interrupted: { label: 'Interrupted', icon: 'warning', tone: 'error' },
};

export function statusLook(status: RunPanelStatus): StatusLook {
  return STATUS_LOOK[status];
}

/** The Stop button only means something while the executor works on the task. */
export function canStop(status: RunPanelStatus): boolean {
  return status === 'running' || status === 'retrying';
}

/** `$0.42`, `$0.0031`, `unpriced`; `—` before any report. Never `$0` for a cost that is not known. */
export function costText(cost: RunCost | null): string {
  if (cost === null) return '—';
  if (cost.kind === 'unpriced') return 'unpriced';
  if (cost.usd === 0) return '$0.00';
  if (cost.usd < 0.01) return `$${cost.usd.toPrecision(2)}`;
  return `$${cost.usd.toFixed(2)}`;
}

/** `12.3k in · 4.5k out`; cache counts go in the tooltip. */
export function tokensText(tokens: RunTokens | null): string {
  if (tokens === null) return '—';
  return `${compact(tokens.input)} in · ${compact(tokens.output)} out`;
}

export function tokensTooltip(tokens: RunTokens | null): string {
  if (tokens === null) return 'No token usage reported yet';
  const n = (v: number): string => v.toLocaleString('en-US');
  return `Input ${n(tokens.input)}, output ${n(tokens.output)}, cache read ${n(tokens.cacheRead)}, cache write ${n(tokens.cacheWrite)} tokens`;
}

export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${trimZero((n / 1000).toFixed(1))}k`;
  return `${trimZero((n / 1_000_000).toFixed(1))}M`;
}

function trimZero(s: string): string {
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

/** `850 ms`, `3.2 s`, `2 min 5 s`. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${trimZero((ms / 1000).toFixed(1))} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

export function attemptText(attempt: number, maxAttempts: number): string {
  if (attempt <= 0) return 'No attempt yet';
  return maxAttempts > 0 ? `Attempt ${attempt}/${maxAttempts}` : `Attempt ${attempt}`;
}

export function toneIcon(tone: RunTone): string {
  switch (tone) {
    case 'info':
      return 'info';
    case 'success':
      return 'pass-filled';
    case 'warning':
      return 'warning';
    case 'error':
      return 'error';
  }
}
