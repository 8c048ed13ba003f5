// How a task status looks in the webview: the same codicons and theme colours as the tree's
// statusIcons.ts (which needs 'vscode', so this is its browser-side twin; keep them in step).
import type { DetailsDepReason, DetailsSeverity, DetailsStatus } from '../src/protocol/messages';

export function statusIconName(s: DetailsStatus): string {
  switch (s) {
    case 'todo':
      return 'circle-large-outline';
    case 'in_progress':
      return 'play-circle';
    case 'review':
      return 'eye';
    case 'done':
      return 'pass-filled';
    case 'blocked':
      return 'circle-slash';
    case 'unknown':
      return 'question';
  }
}

export function statusLabel(s: DetailsStatus): string {
  switch (s) {
    case 'todo':
      return 'To do';
    case 'in_progress':
      return 'In progress';
    case 'review':
      return 'In review';
    case 'done':
      return 'Done';
    case 'blocked':
      return 'Blocked';
    case 'unknown':
      return 'Unknown status';
  }
}

/** How the dependency was named, as the Tasks tree words it. */
export function reasonLabel(r: DetailsDepReason): string {
  switch (r) {
    case 'explicit':
      return 'Depends on';
    case 'blocks':
      return 'Blocks';
    case 'prose':
      return 'Named in the text';
    case 'phase':
      return 'Earlier phase';
    case 'child':
      return 'Sub-task';
  }
}

export function severityIconName(s: DetailsSeverity): string {
  switch (s) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
      return 'info';
  }
}
