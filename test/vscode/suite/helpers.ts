// Shared steps of the integration suite: the activated extension's API, the demo workspace's
// files, and polling for state VS Code updates asynchronously.
import * as vscode from 'vscode';
import type { SpecpilotApi } from '../../../src/extension/api';

export async function api(): Promise<SpecpilotApi> {
  const ext = vscode.extensions.getExtension<SpecpilotApi>('specpilot.specpilot');
  if (!ext) throw new Error('specpilot.specpilot is not loaded');
  const a = await ext.activate();
  await a.whenIdle();
  return a;
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The position of the `nth` occurrence of `needle` in `doc`, plus `offset` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 1, nth = 0): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at + offset);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}
