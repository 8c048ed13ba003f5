// CodeLens above every task header, in every format: Run when it is ready, "Blocked by X" (click
// reveals X), "Running… attempt n · $cost" with Stop while it runs, Retry and Show log after a
// failure. Built from the one shared analysis and the run controller's live state.
import * as vscode from 'vscode';
import { directDeps } from '../core/graph';
import type { SpecAnalysis } from '../core/project/analyzeSpec';
import type { Task } from '../core/spec/model';
import { COMMANDS } from './commandIds';
import type { LiveTask, RunController } from './runController';
import type { SpecWorkspace } from './specWorkspace';

const MAX_BLOCKERS = 3;
/**
 * VS Code drops a pending lens refresh when the editor loses focus (its CodeLens controller cancels
 * the debounced fetch on blur): a task that parked just as the person clicked into the run panel
 * kept its "Running…" lens until something else changed. So the lenses are asked for again when the
 * active editor changes (focus went to a panel: the blur came first), and once more this long after
 * the last run change (focus went elsewhere, the side bar say).
 */
const TRAILING_REFRESH_MS = 1000;

export class TaskCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private trailing: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ws: SpecWorkspace,
    private readonly runs: RunController,
  ) {
    this.subscriptions = [
      this.changed,
      ws.onDidChange(() => this.changed.fire()),
      runs.onDidChange(() => this.runsChanged()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.window.onDidChangeActiveTextEditor(() => this.changed.fire()),
    ];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const entry = this.ws.entryFor(doc.uri);
    if (!entry) return [];
    const file = doc.uri.fsPath;
    const a = entry.analysis;
    const ready = new Set(a.ready.map((t) => t.id));
    const lenses: vscode.CodeLens[] = [];
    for (const task of a.spec.tasks) {
      const range = new vscode.Range(task.line, 0, task.line, 0);
      for (const c of this.commandsFor(a, file, task, ready.has(task.id))) lenses.push(new vscode.CodeLens(range, c));
    }
    return lenses;
  }

  private commandsFor(a: SpecAnalysis, file: string, task: Task, ready: boolean): vscode.Command[] {
    const live = this.runs.liveTask(file, task.id);
    if (live) {
      return [
        { title: `$(sync~spin) ${runningTitle(live)}`, command: COMMANDS.showRun, arguments: [task.id], tooltip: 'Show the run panel' },
        { title: '$(debug-stop) Stop', command: COMMANDS.stopRun, arguments: [file], tooltip: 'Stop the agent; the work is kept on the task branch' },
      ];
    }
    const out: vscode.Command[] = [];
    const ended = this.runs.endedTask(file, task.id);
    if (ended?.result === 'awaiting_approval') return awaitingApproval(file, task.id);
    if (task.status === 'done') {
      const v = this.runs.verification(file, task.id);
      const evidence = v ? v.checks.map((c) => `${c.passed === true ? '✓' : c.passed === false ? '✗' : '−'} ${c.name}: ${c.detail}`).join('\n') : 'Check the checklist, the traced requirements, the gates on the current tree and the task\'s commit';
      out.push({
        title: !v ? '$(pass) Verify' : v.verified ? '$(verified-filled) Verified' : '$(error) Not verified',
        command: COMMANDS.verifyTask,
        arguments: [file, task.id],
        tooltip: v ? `${v.verified ? 'Verified' : 'Not verified'} at ${v.at}\n${evidence}\nClick to verify again` : evidence,
      });
      if (this.runs.logPath(file, task.id)) out.push(showLog(file, task.id));
      return out;
    }
    if (ended && (ended.result === 'failed' || ended.result === 'stopped')) {
      out.push({
        title: `$(debug-restart) Retry`,
        command: COMMANDS.retryTask,
        arguments: [file, task.id],
        tooltip: `Last run ${ended.result}: ${ended.message}`,
      });
    } else if (ready && !vscode.workspace.isTrusted) {
      // Clicking explains Restricted Mode and offers to manage trust; nothing is spawned.
      out.push({ title: '$(workspace-untrusted) Run (Restricted Mode)', command: COMMANDS.runTask, arguments: [file, task.id], tooltip: 'Trust this workspace to let Specpilot start agent CLIs' });
    } else if (ready) {
      out.push({ title: '$(play) Run', command: COMMANDS.runTask, arguments: [file, task.id], tooltip: `Run ${task.id} with the configured agent CLI on its own branch` });
    } else {
      const blockers = directDeps(a.graph, task.id).filter((d) => a.graph.effectiveStatus(d.id) !== 'done');
      for (const b of blockers.slice(0, MAX_BLOCKERS)) {
        out.push({ title: `Blocked by ${b.id}`, command: COMMANDS.revealTask, arguments: [file, b.id], tooltip: `${task.id} waits for ${b.id}; click to reveal it` });
      }
      if (blockers.length > MAX_BLOCKERS) out.push({ title: `+${blockers.length - MAX_BLOCKERS} more`, command: COMMANDS.showTaskDetails, arguments: [file, task.id] });
    }
    if (ended && this.runs.logPath(file, task.id)) out.push(showLog(file, task.id));
    return out;
  }

  private runsChanged(): void {
    this.changed.fire();
    clearTimeout(this.trailing);
    this.trailing = setTimeout(() => this.changed.fire(), TRAILING_REFRESH_MS);
  }

  dispose(): void {
    clearTimeout(this.trailing);
    for (const d of this.subscriptions) d.dispose();
  }
}

function runningTitle(live: LiveTask): string {
  const cost = live.cost === null ? '' : live.cost.kind === 'usd' ? ` · $${live.cost.usd.toFixed(2)}` : ' · unpriced';
  const stage = live.stage === 'implement' ? `attempt ${live.attempt}/${live.maxAttempts}` : live.stage.replace('_', ' ');
  return `Running… ${stage}${cost}`;
}

/** `Awaiting approval: Approve · Reject · Review`; in Restricted Mode only the state (clicking explains trust). */
function awaitingApproval(file: string, id: string): vscode.Command[] {
  if (!vscode.workspace.isTrusted) {
    return [{ title: '$(workspace-untrusted) Awaiting approval (Restricted Mode)', command: COMMANDS.reviewTask, arguments: [file, id], tooltip: 'Trust this workspace to review, approve or reject the task' }];
  }
  return [
    { title: '$(eye) Awaiting approval:', command: COMMANDS.reviewTask, arguments: [file, id], tooltip: `${id} passed its gates and review and waits for your decision` },
    { title: 'Approve', command: COMMANDS.approveTask, arguments: [file, id], tooltip: 'Commit and merge the task branch; the task is done' },
    { title: 'Reject', command: COMMANDS.rejectTask, arguments: [file, id], tooltip: 'Say why; the next attempt starts with your reason' },
    { title: 'Review', command: COMMANDS.reviewTask, arguments: [file, id], tooltip: 'Show the diff, the reviewers\' verdicts and per-hunk Accept / Reject in the run panel' },
  ];
}

function showLog(file: string, id: string): vscode.Command {
  return { title: '$(output) Show log', command: COMMANDS.showTaskLog, arguments: [file, id], tooltip: 'Open the agent log of the last attempt' };
}
