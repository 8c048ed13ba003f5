// One codicon and theme colour per task status, shared by the tree, hovers and CodeLens so a
// status looks the same everywhere and follows the user's theme.
import * as vscode from 'vscode';
import type { TaskStatus } from '../core/spec/model';

export function statusIcon(s: TaskStatus): vscode.ThemeIcon {
  switch (s) {
    case 'todo':
      return new vscode.ThemeIcon('circle-large-outline');
    case 'in_progress':
      return new vscode.ThemeIcon('play-circle', new vscode.ThemeColor('charts.blue'));
    case 'review':
      return new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.purple'));
    case 'done':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'blocked':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'unknown':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  }
}

export function statusLabel(s: TaskStatus): string {
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
