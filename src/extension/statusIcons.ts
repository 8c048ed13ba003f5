// One codicon and theme colour per task status for the tree, hovers and CodeLens, from the table
// the webview shares (src/protocol/statusLook.ts), so a status looks the same everywhere.
import * as vscode from 'vscode';
import type { TaskStatus } from '../core/spec/model';
import { STATUS_LOOK } from '../protocol/statusLook';

export function statusIcon(s: TaskStatus): vscode.ThemeIcon {
  const look = STATUS_LOOK[s];
  return look.color === null ? new vscode.ThemeIcon(look.icon) : new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
}

export function statusLabel(s: TaskStatus): string {
  return STATUS_LOOK[s].label;
}
