// Shared steps of the integration suite: the activated extension's API, the demo workspace's
// files, polling for state VS Code updates asynchronously, and the set-up and clean-up of the
// suites that run tasks with the fake agent (they change the demo repository).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
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

/** Runs git in `cwd` with a fixed identity (the suite's commits must not need the machine's); git's
 * complaints stay in the thrown error rather than the suite's output (some tests expect a failure). */
export const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The titles of the CodeLenses on `taskId`'s heading line. */
export async function lensesAt(doc: vscode.TextDocument, taskId: string): Promise<string[]> {
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith(`### ${taskId}:`));
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
  return lenses.filter((l) => l.range.start.line === line && l.command).map((l) => l.command!.title);
}

/** Points `specpilot.agent.command` at the fake claude CLI of test/fixtures/agents. */
export async function useFakeAgent(): Promise<void> {
  const ext = vscode.extensions.getExtension('specpilot.specpilot')!;
  const fake = join(ext.extensionPath, 'test', 'fixtures', 'agents', 'bin', 'claude');
  await vscode.workspace.getConfiguration('specpilot').update('agent.command', fake, vscode.ConfigurationTarget.Global);
  // The update reaches the extension host's view of the settings asynchronously (seen once: the
  // run started with the default `claude`).
  await waitFor('the agent.command setting', () =>
    vscode.workspace.getConfiguration('specpilot').inspect('agent.command')?.globalValue === fake ? true : undefined);
}

/**
 * Undoes a suite that ran tasks, for the suites after it: the fake agent's script and setting,
 * open editors, the demo repository at `initial` on main with no task branches and no run state,
 * and waits until the tree shows the demo state again.
 */
export async function restoreDemo(root: string, initial: string): Promise<void> {
  delete process.env['SPECPILOT_FAKE_SCRIPT'];
  delete process.env['SPECPILOT_FAKE_PROMPT_LOG'];
  await vscode.workspace.getConfiguration('specpilot').update('agent.command', undefined, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  git(root, 'checkout', '-q', '-f', 'main');
  git(root, 'reset', '-q', '--hard', initial);
  git(root, 'clean', '-qfdx');
  for (const b of git(root, 'branch', '--list', 'task/*', '--format=%(refname:short)').split('\n').filter(Boolean)) git(root, 'branch', '-q', '-D', b);
  rmSync(join(root, 'spec', '.specpilot'), { recursive: true, force: true });
  const a = await api();
  await vscode.commands.executeCommand('specpilot.refresh');
  await waitFor('the tree back to the demo state', () => (a.badge() === 2 ? true : undefined), 20_000);
}
