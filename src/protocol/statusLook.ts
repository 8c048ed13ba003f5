// How a task status looks, as plain data: the codicon, theme colour and label the Tasks tree,
// hovers and the webview all show. Data only (no 'vscode', no DOM), so both front ends import it.
import type { DetailsStatus } from './messages';

export interface StatusLook {
  /** Codicon name. */
  readonly icon: string;
  /** VS Code theme colour id, or null for the default foreground. */
  readonly color: string | null;
  readonly label: string;
}

export const STATUS_LOOK: Readonly<Record<DetailsStatus, StatusLook>> = {
  todo: { icon: 'circle-large-outline', color: null, label: 'To do' },
  in_progress: { icon: 'play-circle', color: 'charts.blue', label: 'In progress' },
  review: { icon: 'eye', color: 'charts.purple', label: 'In review' },
  done: { icon: 'pass-filled', color: 'testing.iconPassed', label: 'Done' },
  blocked: { icon: 'circle-slash', color: 'problemsErrorIcon.foreground', label: 'Blocked' },
  unknown: { icon: 'question', color: 'problemsWarningIcon.foreground', label: 'Unknown status' },
};
