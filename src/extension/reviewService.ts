// The editor's side of human approval: finds a parked task's review (core's loadParkedReview),
// carries out Approve / Reject through the run controller, opens VS Code's diff editor between the
// base and the task branch, and offers the decision in a notification when a task parks.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RunEvent } from '../core/executor/runEvents';
import type { RunSummary } from '../core/executor/runSession';
import { openRepo } from '../core/git';
import { loadParkedReview, type ParkedReview } from '../core/review/parkedReview';
import type { ReviewView } from '../protocol/reviewMessages';
import { revisionUri } from './baseContent';
import { COMMANDS } from './commandIds';
import type { DecisionOutcome, Loaded, RejectInput, ReviewBackend } from './reviewHost';
import { reviewView } from './reviewPayload';
import type { RunController } from './runController';
import type { RunPanels } from './runPanel';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';

/** `Open diff` without a path opens one multi-file diff editor; past this many files it still opens, but says so. */
const MANY_FILES = 100;

export class ReviewService implements ReviewBackend {
  private readonly parked = new Map<string, { readonly review: ParkedReview; readonly entry: SpecEntry }>();

  constructor(
    private readonly ws: SpecWorkspace,
    private readonly runs: RunController,
    private readonly panels: RunPanels,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  /** The task file holding `taskId`: the one where it awaits approval when several name it. */
  entryOf(taskId: string, file?: string): SpecEntry | undefined {
    const entries = this.ws.entries().filter((e) => (!file || e.uri.fsPath === file) && e.analysis.spec.tasks.some((t) => t.id === taskId));
    return entries.find((e) => this.runs.endedTask(e.uri.fsPath, taskId)?.result === 'awaiting_approval')
      ?? entries[0];
  }

  /** Whether the task waits for a person: parked by a run (the store says so; the base's file keeps its old status). */
  isAwaiting(file: string, taskId: string): boolean {
    return this.runs.awaitingApproval().some((a) => a.file === file && a.id === taskId);
  }

  async load(taskId: string): Promise<Loaded<ReviewView | null>> {
    const entry = this.entryOf(taskId);
    const root = entry?.folder?.uri.fsPath;
    const task = entry?.analysis.spec.tasks.find((t) => t.id === taskId);
    // A task a run of this window holds is not parked; the store (read by loadParkedReview) decides the rest.
    if (!entry || !root || !task || this.runs.liveTask(entry.uri.fsPath, taskId)) {
      this.parked.delete(taskId);
      return { ok: true, value: null };
    }
    const r = await loadParkedReview({ cwd: root, file: entry.uri.fsPath, taskId });
    if (!r.ok) {
      this.parked.delete(taskId);
      // Not parked (never, or decided elsewhere): nothing to show.
      return r.error.includes('not awaiting approval') ? { ok: true, value: null } : r;
    }
    this.parked.set(taskId, { review: r.value, entry });
    return { ok: true, value: reviewView(r.value) };
  }

  async approve(taskId: string, file?: string): Promise<DecisionOutcome> {
    const entry = this.entryOf(taskId, file);
    if (!entry) return { ok: false, message: `No task ${taskId} in the workspace's task files.` };
    return outcome(taskId, 'approve', await this.runs.approve(entry, taskId));
  }

  async reject(taskId: string, input: RejectInput, file?: string): Promise<DecisionOutcome> {
    const entry = this.entryOf(taskId, file);
    if (!entry) return { ok: false, message: `No task ${taskId} in the workspace's task files.` };
    return outcome(taskId, 'reject', await this.runs.reject(entry, taskId, input));
  }

  /**
   * VS Code's diff editor, base on the left (where the task branch left it: the same diff as the
   * panel's, whatever merged into the base since), the task branch on the right (both read-only
   * `specpilot-base` documents; the working file when the run used no branch). One file, or every
   * changed file in one multi-file diff editor.
   */
  async openDiff(taskId: string, path: string | null): Promise<void> {
    let held = this.parked.get(taskId);
    if (!held) {
      const loaded = await this.load(taskId);
      held = this.parked.get(taskId);
      if (!loaded.ok || !held) {
        void vscode.window.showInformationMessage(`Specpilot: ${loaded.ok ? `${taskId} does not await approval` : loaded.error}`);
        return;
      }
    }
    const { review, entry } = held;
    const repo = await openRepo(entry.folder?.uri.fsPath ?? entry.uri.fsPath);
    if ('error' in repo) {
      void vscode.window.showErrorMessage(`Specpilot: ${repo.error}`);
      return;
    }
    const root = repo.root;
    const files = path === null ? review.files : review.files.filter((f) => f.path === path);
    if (files.length === 0) {
      void vscode.window.showInformationMessage(path === null ? `Specpilot: ${taskId} changes no file` : `Specpilot: ${path} is not among ${taskId}'s changes`);
      return;
    }
    const sides = files.map((f) => {
      const left = revisionUri({ root, rev: f.status === 'added' ? '' : review.diffBase, path: f.oldPath ?? f.path });
      const right = review.branch === null
        ? (f.status === 'deleted' ? revisionUri({ root, rev: '', path: f.path }) : vscode.Uri.file(join(root, f.path)))
        : revisionUri({ root, rev: f.status === 'deleted' ? '' : review.branch, path: f.path });
      return { file: f, left, right };
    });
    const against = review.branch ?? 'working tree';
    if (sides.length === 1) {
      const { file, left, right } = sides[0]!;
      await vscode.commands.executeCommand('vscode.diff', left, right, `${file.path} (${review.baseBranch} ↔ ${against})`, { preview: true });
      return;
    }
    if (sides.length > MANY_FILES) this.log.info(`${taskId}: opening a diff of ${sides.length} files`);
    await vscode.commands.executeCommand('vscode.changes', `${taskId}: ${review.baseBranch} ↔ ${against}`,
      sides.map(({ file, left, right }) => [vscode.Uri.file(join(root, file.path)), left, right]));
  }

  /** A run sink: a task that parks offers its decision; the task's open panel gets its review (or loses it). */
  onRunEvent(file: string, e: RunEvent): void {
    if (e.kind === 'task_started') this.panels.refreshReview(e.taskId);
    if (e.kind !== 'task_finished') return;
    this.panels.refreshReview(e.taskId);
    if (e.result === 'awaiting_approval') void this.notifyParked(file, e.taskId);
  }

  private async notifyParked(file: string, taskId: string): Promise<void> {
    const approve = 'Approve';
    const reject = 'Reject';
    const review = 'Review';
    const pick = await vscode.window.showInformationMessage(`Specpilot: ${taskId} awaits your approval.`, approve, reject, review);
    if (pick === approve) await vscode.commands.executeCommand(COMMANDS.approveTask, file, taskId);
    else if (pick === reject) await vscode.commands.executeCommand(COMMANDS.rejectTask, file, taskId);
    else if (pick === review) await vscode.commands.executeCommand(COMMANDS.reviewTask, file, taskId);
  }
}

function outcome(taskId: string, kind: 'approve' | 'reject', summary: RunSummary | undefined): DecisionOutcome {
  if (!summary) return { ok: false, message: `${taskId} was not ${kind === 'approve' ? 'approved' : 'rejected'}: Restricted Mode, or a run of this task file is going on.` };
  if (summary.error) return { ok: false, message: summary.error };
  const task = summary.tasks.find((t) => t.taskId === taskId);
  if (!task) return { ok: false, message: summary.message };
  if (kind === 'approve') return { ok: task.result === 'done', message: `${taskId} ${task.result === 'done' ? 'approved and merged' : task.result}: ${task.message}` };
  return { ok: true, message: `${taskId} rejected; the next attempt ended ${task.result}: ${task.message}` };
}
