// The status bar item of runs: the running task with its stage, attempt and cost while a run goes
// on; the session's cost after it; hidden before the first run. Click shows the run panel.
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { RunController } from './runController';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('specpilot.run', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private lastTask: string | null = null;

  constructor(private readonly runs: RunController) {
    this.item.name = 'Specpilot run';
    this.subscription = runs.onDidChange(() => this.update());
  }

  /** The text shown now, for tests; '' when hidden. */
  text(): string {
    return this.visible ? this.item.text : '';
  }

  private visible = false;

  private update(): void {
    const running = this.runs.runningTasks();
    const cost = this.runs.sessionCost();
    const money = `$${cost.usd.toFixed(2)}${cost.unpriced ? ' + unpriced' : ''}`;
    if (running.length > 0) {
      const { id, live } = running[0]!;
      this.lastTask = id;
      const stage = live.stage === 'implement' ? `attempt ${live.attempt}/${live.maxAttempts}` : live.stage.replace('_', ' ');
      this.item.text = `$(sync~spin) ${id} · ${stage} · ${money}`;
      this.item.tooltip = `Specpilot is running ${running.map((r) => r.id).join(', ')}. Click to show the run; session cost ${money}.`;
      this.item.command = { title: 'Show run', command: COMMANDS.showRun, arguments: [id] };
      this.item.backgroundColor = undefined;
    } else if (this.lastTask) {
      this.item.text = `$(pulse) Specpilot ${money}`;
      this.item.tooltip = `Cost of the last run: ${money}. Click to show the last task's run.`;
      this.item.command = { title: 'Show run', command: COMMANDS.showRun, arguments: [this.lastTask] };
    } else {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
