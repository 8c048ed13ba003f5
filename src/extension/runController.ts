// Runs tasks from the editor: checks Workspace Trust, starts the core's run session with the
// editor's settings and status writer, fans its events out (run panel, status bar, CodeLens, log)
// and keeps what the UI shows per task: running (stage, attempt, cost) or how it last ended.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { loadConfig } from '../core/config';
import type { Cost } from '../core/agents/types';
import type { RunEvent, RunMode, Stage, TaskResult } from '../core/executor/runEvents';
import { runSession, type RunSummary } from '../core/executor/runSession';
import type { Decision } from '../core/executor/decision';
import type { HunkRef, ReviewComment } from '../core/review/hunks';
import type { VerifyResult } from '../core/report/verify';
import { verifySession } from '../core/report/verifySession';
import { stateDirFor } from '../core/executor/stateDir';
import { DEFAULT_STATE_FILE, readRunStore } from '../core/store';
import { editorTaskFileWriter } from './editorTaskFileWriter';
import { allowRescueStash, runOverrides } from './runOptions';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';

export interface LiveTask {
  readonly stage: Stage;
  readonly attempt: number;
  readonly maxAttempts: number;
  /** null until the first cost report (claude, for one, prices a run only at its end). */
  readonly cost: Cost | null;
}

export interface EndedTask {
  readonly result: TaskResult | 'failed';
  readonly message: string;
  readonly logPath: string | null;
}

interface Session {
  readonly file: string;
  readonly controller: AbortController;
  readonly done: Promise<RunSummary>;
}

const key = (file: string, id: string): string => `${file}\u0000${id}`;

export class RunController implements vscode.Disposable {
  private readonly sessions = new Map<string, Session>();
  private readonly live = new Map<string, LiveTask>();
  private readonly ended = new Map<string, EndedTask>();
  private readonly logPaths = new Map<string, string>();
  private readonly loadedFiles = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly verified = new Map<string, VerifyResult>();
  private runCostUsd = 0;
  private runUnpriced = false;

  private readonly wsSubscription: vscode.Disposable;

  constructor(
    private readonly ws: SpecWorkspace,
    private readonly log: vscode.LogOutputChannel,
    private readonly sinks: readonly ((file: string, e: RunEvent) => void)[],
  ) {
    this.wsSubscription = ws.onDidChange(() => this.forgetRemovedState());
    // The CLI (or another window) parks, approves and fails tasks too: its saves of the state file
    // re-read what the store says, so lenses, tree and status bar follow without a reload.
    this.stateWatcher = vscode.workspace.createFileSystemWatcher('**/.specpilot/state.db');
    const onState = (): void => {
      if (this.stateTimer) clearTimeout(this.stateTimer);
      this.stateTimer = setTimeout(() => this.reloadStoreState(), 300);
    };
    this.stateWatcher.onDidChange(onState);
    this.stateWatcher.onDidCreate(onState);
  }

  private readonly stateWatcher: vscode.FileSystemWatcher;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;

  /** Forgets what earlier runs left (per the store) for files no run of this window holds, and reads it again. */
  private reloadStoreState(): void {
    for (const entry of this.ws.entries()) {
      const file = entry.uri.fsPath;
      if (this.sessions.has(file) || !this.loadedFiles.has(file)) continue;
      for (const [k, v] of [...this.ended]) {
        if (k.startsWith(`${file}\u0000`) && (v.result === 'awaiting_approval' || v.result === 'failed' || v.result === 'blocked')) this.ended.delete(k);
      }
      this.loadedFiles.delete(file);
      this.loadEnded(file);
    }
  }

  /** A run state the user deleted (or a reset repository) takes its Retry and log lenses with it. */
  private forgetRemovedState(): void {
    let changed = false;
    for (const entry of this.ws.entries()) {
      const file = entry.uri.fsPath;
      const root = entry.folder?.uri.fsPath;
      if (!root || this.sessions.has(file) || existsSync(join(stateDirFor(root, file), DEFAULT_STATE_FILE))) continue;
      // Evidence lives in the run state too: a verification whose state is gone is no longer shown.
      for (const map of [this.ended, this.logPaths, this.verified]) {
        for (const k of [...map.keys()]) {
          if (k.startsWith(`${file}\u0000`)) {
            map.delete(k);
            changed = true;
          }
        }
      }
      this.loadedFiles.delete(file);
    }
    if (changed) this.changed.fire();
  }

  /** Whether a run of this task file is going on in this window. */
  isRunning(file?: string): boolean {
    return file ? this.sessions.has(file) : this.sessions.size > 0;
  }

  liveTask(file: string, id: string): LiveTask | undefined {
    return this.live.get(key(file, id));
  }

  endedTask(file: string, id: string): EndedTask | undefined {
    this.loadEnded(file);
    return this.ended.get(key(file, id));
  }

  logPath(file: string, id: string): string | null {
    return this.logPaths.get(key(file, id)) ?? this.ended.get(key(file, id))?.logPath ?? null;
  }

  /** The last Verify of a task in this window, with its evidence. */
  verification(file: string, id: string): VerifyResult | undefined {
    return this.verified.get(key(file, id));
  }

  /** A Verify result from elsewhere (the Testing view's Verify profile), so lenses and hovers show it too. */
  recordVerification(file: string, result: VerifyResult): void {
    this.verified.set(key(file, result.taskId), result);
    this.changed.fire();
  }

  /** Verifies a task (checklist, traces, gates on the current tree, its commit); gates need trust. */
  async verify(entry: SpecEntry, id: string): Promise<VerifyResult | undefined> {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const pick = await vscode.window.showWarningMessage('Specpilot: Verify runs the test and lint gates, which Restricted Mode does not allow. Trust the workspace to verify.', manage);
      if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    const file = entry.uri.fsPath;
    const folder = entry.folder;
    const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Verifying ${id}` }, () =>
      verifySession({
        cwd: folder?.uri.fsPath ?? dirname(file),
        file,
        taskIds: [id],
        strict: false,
        front: 'extension',
        overrides: runOverrides(folder, loadConfig(folder?.uri.fsPath ?? dirname(file))),
      }),
    );
    if (!summary.ok) {
      void vscode.window.showErrorMessage(`Specpilot: ${summary.error}`);
      return undefined;
    }
    const result = summary.results[0];
    if (!result) return undefined;
    this.verified.set(key(file, id), result);
    for (const c of result.checks) this.log.info(`verify ${id}: ${c.name} ${c.passed === true ? 'passed' : c.passed === false ? 'FAILED' : 'not checked'}: ${c.detail}`);
    if (summary.note) this.log.warn(summary.note);
    const failed = result.checks.filter((c) => c.passed === false);
    if (result.verified) void vscode.window.showInformationMessage(`Specpilot: ${id} verified (${result.checks.map((c) => `${c.name} ${c.passed === null ? '−' : '✓'}`).join(', ')}).`);
    else void vscode.window.showWarningMessage(`Specpilot: ${id} is not verified: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`);
    this.changed.fire();
    return result;
  }

  /** The latest attempt log of a task id in any task file (the run panel knows tasks by id). */
  logPathById(id: string): string | null {
    for (const [k, path] of this.logPaths) if (k.endsWith(`\u0000${id}`)) return path;
    return null;
  }

  sessionCost(): { usd: number; unpriced: boolean } {
    return { usd: this.runCostUsd, unpriced: this.runUnpriced };
  }

  runningTasks(): { file: string; id: string; live: LiveTask }[] {
    return [...this.live.entries()].map(([k, live]) => {
      const [file, id] = k.split('\u0000') as [string, string];
      return { file, id, live };
    });
  }

  /** Approves a task awaiting approval: commit, merge, done. Refuses in Restricted Mode. */
  approve(entry: SpecEntry, id: string): Promise<RunSummary | undefined> {
    return this.run(entry, 'approve', [id], { kind: 'approve' });
  }

  /** Rejects a task awaiting approval: reverts the chosen hunks, then a new attempt with the reason and comments. */
  reject(entry: SpecEntry, id: string, r: { readonly reason: string; readonly comments: readonly ReviewComment[]; readonly revert: readonly HunkRef[] }): Promise<RunSummary | undefined> {
    return this.run(entry, 'reject', [id], { kind: 'reject', reason: r.reason, comments: r.comments, revert: r.revert });
  }

  /** Tasks parked for a person's decision, per this window's runs and the stores (the store is the truth: the base's task file keeps its old status). */
  awaitingApproval(): { file: string; id: string }[] {
    const out: { file: string; id: string }[] = [];
    for (const entry of this.ws.entries()) {
      const file = entry.uri.fsPath;
      this.loadEnded(file);
      for (const task of entry.analysis.spec.tasks) {
        if (this.ended.get(key(file, task.id))?.result === 'awaiting_approval' && !this.live.has(key(file, task.id))) out.push({ file, id: task.id });
      }
    }
    return out;
  }

  /** Runs tasks of `entry`; resolves when the run ends. Refuses in Restricted Mode, saying why. */
  async run(entry: SpecEntry, mode: RunMode, taskIds: readonly string[] = [], decision?: Decision): Promise<RunSummary | undefined> {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const pick = await vscode.window.showWarningMessage(
        'Specpilot does not start agents or commands in Restricted Mode: this workspace is not trusted. Trust it to run tasks.',
        manage,
      );
      if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    const file = entry.uri.fsPath;
    if (this.sessions.has(file)) {
      void vscode.window.showInformationMessage('Specpilot: a run of this task file is going on; stop it first or wait for it to end.');
      return undefined;
    }
    const controller = new AbortController();
    const folder = entry.folder;
    const cwd = folder?.uri.fsPath ?? file;
    const done = runSession({
      cwd,
      file,
      mode,
      taskIds,
      ...(decision ? { decision } : {}),
      front: 'extension',
      allowStash: allowRescueStash(folder),
      overrides: runOverrides(folder, loadConfig(folder?.uri.fsPath ?? dirname(file))),
      files: (opened) => editorTaskFileWriter(opened.path, opened.analysis.spec.format, this.log),
      emit: (e) => this.onEvent(file, e),
      signal: controller.signal,
    });
    this.sessions.set(file, { file, controller, done });
    this.runCostUsd = 0;
    this.runUnpriced = false;
    this.changed.fire();
    try {
      const summary = await done;
      if (summary.error) {
        this.log.error(summary.error);
        void vscode.window.showErrorMessage(`Specpilot: ${summary.error}`);
      }
      return summary;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`run failed: ${message}`);
      void vscode.window.showErrorMessage(`Specpilot: the run failed: ${message}`);
      return undefined;
    } finally {
      this.sessions.delete(file);
      for (const k of [...this.live.keys()]) if (k.startsWith(`${file}\u0000`)) this.live.delete(k);
      this.changed.fire();
      void this.ws.refresh();
    }
  }

  /** Stops the run of `file` (or every run): the agent is stopped, the work kept on its branch. */
  stop(file?: string): void {
    for (const s of this.sessions.values()) if (!file || s.file === file) s.controller.abort();
  }

  private onEvent(file: string, e: RunEvent): void {
    if (e.kind !== 'agent') this.log.trace(`event ${JSON.stringify(e)}`);
    for (const sink of this.sinks) sink(file, e);
    switch (e.kind) {
      case 'task_started':
        this.ended.delete(key(file, e.taskId));
        this.live.set(key(file, e.taskId), { stage: 'pre_start', attempt: 0, maxAttempts: e.maxAttempts, cost: null });
        break;
      case 'stage': {
        const k = key(file, e.taskId);
        const prev = this.live.get(k);
        this.live.set(k, { stage: e.stage, attempt: e.attempt, maxAttempts: e.maxAttempts, cost: prev?.cost ?? null });
        break;
      }
      case 'attempt_started':
        this.logPaths.set(key(file, e.taskId), e.logPath);
        break;
      case 'cost': {
        const k = key(file, e.taskId);
        const prev = this.live.get(k);
        if (prev) this.live.set(k, { ...prev, cost: e.taskCost });
        this.runCostUsd = e.runCostUsd;
        this.runUnpriced ||= e.unpriced;
        break;
      }
      case 'task_finished':
        this.live.delete(key(file, e.taskId));
        this.ended.set(key(file, e.taskId), { result: e.result, message: e.message, logPath: this.logPaths.get(key(file, e.taskId)) ?? null });
        break;
      case 'log':
        if (e.level === 'error') this.log.error(e.message);
        else if (e.level === 'warning') this.log.warn(e.message);
        else if (e.level === 'info') this.log.info(e.message);
        else this.log.debug(e.message);
        return;
      case 'run_started':
      case 'agent':
      case 'gate':
      case 'review':
      case 'retry':
      case 'run_finished':
        if (e.kind === 'run_finished') this.log.info(`run ${e.runId} ${e.status}: ${e.message}`);
        if (e.kind === 'review' && e.state === 'finished') this.log.info(`${e.taskId}: review ${e.role}: ${e.verdict === null ? 'no verdict' : `REVIEW_${e.verdict.toUpperCase()}`}`);
        if (e.kind === 'retry') this.log.info(`${e.taskId}: ${e.reason}; attempt ${e.nextAttempt} in ${Math.round(e.delayMs / 1000)} s`);
        if (e.kind === 'agent') return;
        break;
      default: {
        const never: never = e;
        return never;
      }
    }
    this.changed.fire();
  }

  /** How tasks of `file` ended in earlier runs (a window reload, the CLI): read once from the store. */
  private loadEnded(file: string): void {
    if (this.loadedFiles.has(file)) return;
    this.loadedFiles.add(file);
    const entry = this.ws.entries().find((e) => e.uri.fsPath === file);
    const root = entry?.folder?.uri.fsPath;
    if (!root) return;
    void readRunStore(stateDirFor(root, file)).then((r) => {
      if (!r.ok) return;
      try {
        for (const t of r.store.tasks()) {
          const k = key(file, t.taskId);
          if (this.ended.has(k) || this.live.has(k)) continue;
          if (t.status !== 'failed' && t.status !== 'blocked' && t.status !== 'awaiting_approval') continue;
          const last = r.store.attempts(t.taskId).at(-1);
          this.ended.set(k, { result: t.status, message: t.lastError ?? '', logPath: last?.logPath ?? null });
        }
      } finally {
        r.store.close();
      }
      this.changed.fire();
    });
  }

  dispose(): void {
    this.stop();
    this.wsSubscription.dispose();
    this.stateWatcher.dispose();
    if (this.stateTimer) clearTimeout(this.stateTimer);
    this.changed.dispose();
  }

  /** For deactivate(): stops every run and waits (bounded) for their agents to be gone. */
  async shutdown(timeoutMs = 8000): Promise<void> {
    this.stop();
    const all = Promise.allSettled([...this.sessions.values()].map((s) => s.done));
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs))]);
  }
}
