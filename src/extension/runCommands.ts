// The run commands behind CodeLens, the tree (inline, context menu, title bar) and the palette:
// Run, Retry, Run all ready (with a cancellable progress notification), Stop, Show run, Show log,
// Show run settings and Doctor. Arguments come as (file, id) from CodeLens or a tree node.
import * as vscode from 'vscode';
import { doctor, doctorStatusLine } from '../core/agents/doctor';
import { loadConfig } from '../core/config';
import { COMMANDS } from './commandIds';
import type { RunController } from './runController';
import { effectiveRunSettings } from './runOptions';
import type { RunPanels } from './runPanel';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';
import type { TreeNode } from './taskTreeProvider';

interface Target {
  readonly entry: SpecEntry;
  readonly id: string | null;
}

export function registerRunCommands(
  ws: SpecWorkspace,
  runs: RunController,
  panels: RunPanels,
  view: vscode.TreeView<TreeNode>,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const target = (a0: unknown, a1: unknown): Target | undefined => {
    if (isNode(a0)) return a0.kind === 'task' ? { entry: a0.entry, id: a0.task.id } : a0.kind === 'file' ? { entry: a0.entry, id: null } : undefined;
    if (typeof a0 === 'string') {
      const entry = ws.entries().find((e) => e.uri.fsPath === a0);
      return entry ? { entry, id: typeof a1 === 'string' ? a1 : null } : undefined;
    }
    const selected = view.selection[0];
    if (selected?.kind === 'task') return { entry: selected.entry, id: selected.task.id };
    const editor = vscode.window.activeTextEditor;
    const entry = (editor && ws.entryFor(editor.document.uri)) ?? (ws.entries().length === 1 ? ws.entries()[0] : undefined);
    if (!entry) return undefined;
    const line = editor && ws.entryFor(editor.document.uri) ? editor.selection.active.line : -1;
    const task = entry.analysis.spec.tasks.find((t) => t.line <= line && line <= t.endLine);
    return { entry, id: task?.id ?? null };
  };

  const runOne = (mode: 'task' | 'retry') => async (a0?: unknown, a1?: unknown) => {
    const t = target(a0, a1);
    if (!t?.id) {
      void vscode.window.showWarningMessage('Specpilot: choose a task to run (a CodeLens above it, or the Tasks view).');
      return;
    }
    if (vscode.workspace.isTrusted) panels.show(t.id, { preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
    await runs.run(t.entry, mode, [t.id]);
  };

  return [
    vscode.commands.registerCommand(COMMANDS.runTask, runOne('task')),
    vscode.commands.registerCommand(COMMANDS.retryTask, runOne('retry')),
    vscode.commands.registerCommand(COMMANDS.runAllReady, async (a0?: unknown) => {
      const t = target(a0, undefined) ?? (ws.entries()[0] ? { entry: ws.entries()[0]!, id: null } : undefined);
      if (!t) return;
      if (!vscode.workspace.isTrusted) {
        await runs.run(t.entry, 'all');
        return;
      }
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Specpilot: running ready tasks', cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => runs.stop(t.entry.uri.fsPath));
          const sub = runs.onDidChange(() => {
            const r = runs.runningTasks()[0];
            if (r) progress.report({ message: `${r.id}: ${r.live.stage === 'implement' ? `attempt ${r.live.attempt}` : r.live.stage}` });
          });
          try {
            const summary = await runs.run(t.entry, 'all');
            if (summary && !summary.error) void vscode.window.showInformationMessage(`Specpilot: run ${summary.status}: ${summary.message}`);
          } finally {
            sub.dispose();
          }
        },
      );
    }),
    vscode.commands.registerCommand(COMMANDS.verifyTask, async (a0?: unknown, a1?: unknown) => {
      const t = target(a0, a1);
      if (!t?.id) {
        void vscode.window.showWarningMessage('Specpilot: choose a task to verify.');
        return undefined;
      }
      return runs.verify(t.entry, t.id);
    }),
    vscode.commands.registerCommand(COMMANDS.stopRun, (a0?: unknown) => runs.stop(typeof a0 === 'string' ? a0 : undefined)),
    vscode.commands.registerCommand(COMMANDS.showRun, (a0?: unknown, a1?: unknown) => {
      const id = typeof a0 === 'string' && typeof a1 !== 'string' && !ws.entries().some((e) => e.uri.fsPath === a0) ? a0 : target(a0, a1)?.id;
      if (id) panels.show(id);
    }),
    vscode.commands.registerCommand(COMMANDS.showTaskLog, async (a0?: unknown, a1?: unknown) => {
      const t = target(a0, a1);
      const path = t?.id ? runs.logPath(t.entry.uri.fsPath, t.id) : null;
      if (!path) {
        void vscode.window.showInformationMessage('Specpilot: no agent log recorded for this task yet.');
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true });
    }),
    vscode.commands.registerCommand(COMMANDS.showRunSettings, async () => {
      const entry = ws.entries()[0];
      if (!entry) return;
      const root = entry.folder?.uri.fsPath;
      if (!root) return;
      const rows = effectiveRunSettings(entry.folder, loadConfig(root));
      const lines = ['# Specpilot run settings', '', 'spec-runner.config.yaml wins wherever it sets a value; a setting applies only where the file is silent.', '', '| setting | config key | value | from |', '| --- | --- | --- | --- |'];
      for (const r of rows) lines.push(`| \`${r.setting}\` | \`${r.configKey}\` | \`${r.value.replace(/\|/g, '\\|')}\` | ${r.source} |`);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') + '\n' });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand(COMMANDS.doctor, async () => {
      const entry = ws.entries()[0];
      const root = entry?.folder?.uri.fsPath;
      if (!root) return;
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Specpilot: Doctor runs the agent CLIs (`--version`), which Restricted Mode does not allow.');
        return;
      }
      const c = loadConfig(root).config;
      const entries = await doctor([{ role: 'implementer', command: c.claude_command, template: c.command_template, model: c.claude_model }], { cwd: root });
      for (const e of entries) log.info(`doctor: ${e.format} ${doctorStatusLine(e)}`);
      log.show(true);
      const worst = entries.some((e) => e.format === 'BROKEN') ? 'BROKEN' : entries.some((e) => e.format === 'DEGRADED') ? 'DEGRADED' : 'READY';
      void vscode.window.showInformationMessage(`Specpilot doctor: ${worst}. ${entries.map(doctorStatusLine).join(' ')}`);
    }),
  ];
}

function isNode(x: unknown): x is TreeNode {
  return typeof x === 'object' && x !== null && 'kind' in x && 'entry' in x;
}
