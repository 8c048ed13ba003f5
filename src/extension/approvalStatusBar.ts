// Two status bar items of human approval: the mode (`$(eye) Supervised` / `$(rocket) Autopilot`,
// click toggles it) and, while any task waits, how many await approval (click reviews one).
import * as vscode from 'vscode';
import { loadConfig } from '../core/config';
import { effectiveApprovalMode, modeLabel, onDidToggleApprovalMode } from './approvalMode';
import { COMMANDS } from './commandIds';
import type { RunController } from './runController';
import type { SpecWorkspace } from './specWorkspace';

export class ApprovalStatusBar implements vscode.Disposable {
  private readonly mode = vscode.window.createStatusBarItem('specpilot.approvalMode', vscode.StatusBarAlignment.Left, 49);
  private readonly waiting = vscode.window.createStatusBarItem('specpilot.awaitingApproval', vscode.StatusBarAlignment.Left, 48);
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly ws: SpecWorkspace,
    private readonly runs: RunController,
  ) {
    this.mode.name = 'Specpilot approval mode';
    this.waiting.name = 'Specpilot tasks awaiting approval';
    this.subscriptions = [
      ws.onDidChange(() => this.update()),
      runs.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('specpilot.approvalMode')) this.update();
      }),
      onDidToggleApprovalMode(() => this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
    ];
    this.update();
  }

  /** `Supervised` / `Autopilot` and the awaiting count as shown, for tests; '' for a hidden item. */
  text(): { readonly mode: string; readonly awaiting: string } {
    return { mode: this.modeShown ? this.mode.text : '', awaiting: this.waitingShown ? this.waiting.text : '' };
  }

  private modeShown = false;
  private waitingShown = false;

  private update(): void {
    const entry = this.ws.entries()[0];
    const root = entry?.folder?.uri.fsPath;
    if (!entry || !root) {
      this.mode.hide();
      this.waiting.hide();
      this.modeShown = this.waitingShown = false;
      return;
    }
    const { mode, fromFile } = effectiveApprovalMode(entry.folder, loadConfig(root));
    this.mode.text = `${mode === 'supervised' ? '$(eye)' : '$(rocket)'} ${modeLabel(mode)}`;
    if (fromFile) {
      this.mode.tooltip = `Specpilot: ${modeLabel(mode)}, set by hitl_review in spec-runner.config.yaml (the setting does not apply).`;
      this.mode.command = undefined;
    } else {
      this.mode.tooltip = mode === 'supervised'
        ? 'Specpilot: Supervised: every task waits for your approval before it is merged. Click for Autopilot.'
        : 'Specpilot: Autopilot: tasks are merged when their gates and review pass. Click for Supervised.';
      this.mode.command = COMMANDS.toggleApprovalMode;
    }
    this.mode.show();
    this.modeShown = true;

    const waiting = this.runs.awaitingApproval();
    if (waiting.length === 0) {
      this.waiting.hide();
      this.waitingShown = false;
      return;
    }
    this.waiting.text = `$(inbox) ${waiting.length} awaiting approval`;
    this.waiting.tooltip = `Awaiting approval: ${waiting.map((w) => w.id).join(', ')}. Click to review.`;
    this.waiting.command = { title: 'Review', command: COMMANDS.reviewTask, arguments: waiting.length === 1 ? [waiting[0]!.file, waiting[0]!.id] : [] };
    this.waiting.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.waiting.show();
    this.waitingShown = true;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.mode.dispose();
    this.waiting.dispose();
  }
}
