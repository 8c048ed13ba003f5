// Verify through VS Code's Testing API: one TestItem per task (at its header line) grouped by task
// file, kept in sync with the spec workspace, and a "Verify" run profile, so results, history and
// gutter icons come from the Testing view. Each result carries its evidence; Restricted Mode refuses.
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { loadConfig } from '../core/config';
import type { VerifyCheck, VerifyResult } from '../core/report/verify';
import { verifiedWithEvidence } from '../core/report/verifications';
import { verifySession } from '../core/report/verifySession';
import type { Task } from '../core/spec/model';
import { toRange } from './convert';
import type { RunController } from './runController';
import { runOverrides } from './runOptions';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';
import { statusLabel } from './statusIcons';
import { checkLines, evidenceText } from './verifyEvidence';

export const TEST_CONTROLLER_ID = 'specpilot';
export const RESTRICTED_VERIFY_MESSAGE =
  'Specpilot: Verify runs the test and lint gates, which Restricted Mode does not allow. Trust the workspace to verify.';

/** How often at most the Testing view looks for a Verify made through the CodeLens. */
const MIRROR_DELAY_MS = 300;

export type VerifyOutcomeState = 'passed' | 'failed' | 'skipped' | 'errored';

/** How an item's last Verify run in this window ended, with the text of its message or output. */
export interface VerifyOutcome {
  readonly state: VerifyOutcomeState;
  readonly message: string;
}

/** What the integration tests read: the controller's items as the Testing view lists them. */
export interface VerifyTestFile {
  readonly id: string;
  readonly file: string;
  readonly label: string;
  readonly tasks: readonly { readonly id: string; readonly label: string; readonly line: number | null; readonly children: readonly string[] }[];
}

interface Target {
  readonly item: vscode.TestItem;
  readonly task: Task;
  /** Asked for by itself (not only through its file or "run all"). */
  readonly explicit: boolean;
}

const taskItemId = (uri: vscode.Uri, taskId: string): string => `${uri.toString()}#${taskId}`;
const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

export class VerifyTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController(TEST_CONTROLLER_ID, 'Specpilot');
  readonly profile: vscode.TestRunProfile;
  private readonly outcomes = new Map<string, VerifyOutcome>();
  private readonly disposables: vscode.Disposable[];
  /** Task item -> its task, refreshed on every sync (the file and task id never change for an item id). */
  private readonly tasks = new Map<string, { entry: SpecEntry; task: Task }>();
  /** The Verify result each task item last showed, so one from the CodeLens is mirrored once. */
  private readonly shown = new Map<string, VerifyResult>();
  private mirrorTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ws: SpecWorkspace,
    private readonly runs: RunController,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.profile = this.controller.createRunProfile('Verify', vscode.TestRunProfileKind.Run, (request, token) => this.run(request, token), true);
    this.controller.refreshHandler = () => this.ws.refresh();
    this.disposables = [
      this.controller,
      this.profile,
      ws.onDidChange(() => this.sync()),
      // The controller fires on every run event; a Verify from the CodeLens is looked for at most every MIRROR_DELAY_MS.
      runs.onDidChange(() => {
        this.mirrorTimer ??= setTimeout(() => {
          this.mirrorTimer = undefined;
          this.mirrorOtherVerifies();
        }, MIRROR_DELAY_MS);
      }),
    ];
    this.sync();
  }

  /** Mirrors the workspace's task files and tasks into the controller, in place (results and check items stay). */
  sync(): void {
    const files = new Set<string>();
    this.tasks.clear();
    for (const entry of this.ws.entries()) {
      const fileId = entry.uri.toString();
      files.add(fileId);
      let fileItem = this.controller.items.get(fileId);
      if (!fileItem) {
        fileItem = this.controller.createTestItem(fileId, fileLabel(entry), entry.uri);
        this.controller.items.add(fileItem);
      }
      fileItem.label = fileLabel(entry);
      const ids = new Set<string>();
      entry.analysis.spec.tasks.forEach((task, index) => {
        const id = taskItemId(entry.uri, task.id);
        // A duplicate id is a parse diagnostic already; the first task keeps the item.
        if (ids.has(id)) return;
        ids.add(id);
        let item = fileItem.children.get(id);
        if (!item) {
          item = this.controller.createTestItem(id, `${task.id}: ${task.title}`, entry.uri);
          fileItem.children.add(item);
        }
        item.label = `${task.id}: ${task.title}`;
        item.description = statusLabel(task.status);
        item.range = toRange(task.header);
        item.sortText = String(index).padStart(8, '0');
        this.tasks.set(id, { entry, task });
      });
      fileItem.children.forEach((child) => {
        if (!ids.has(child.id)) fileItem.children.delete(child.id);
      });
    }
    this.controller.items.forEach((item) => {
      if (!files.has(item.id)) this.controller.items.delete(item.id);
    });
  }

  /** The Verify profile's handler: verifies the requested tasks (every task when none), reporting each with its evidence. */
  async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request, 'Verify', true);
    try {
      if (!vscode.workspace.isTrusted) {
        this.refuse(run, request);
        return;
      }
      for (const [, targets] of this.targets(request)) {
        await this.verifyFile(run, targets, token);
      }
    } catch (err) {
      const message = `Specpilot: Verify failed: ${err instanceof Error ? err.message : String(err)}`;
      this.log.error(message);
      run.appendOutput(`${crlf(message)}\r\n`);
    } finally {
      run.end();
    }
  }

  /** A Verify run elsewhere (the CodeLens, the Tasks view) shows in the Testing view too: results, history, gutter. */
  private mirrorOtherVerifies(): void {
    let run: vscode.TestRun | undefined;
    for (const [id, { entry, task }] of this.tasks) {
      if (task.status !== 'done') continue;
      const r = this.runs.verification(entry.uri.fsPath, task.id);
      if (!r || this.shown.get(id) === r) continue;
      const item = this.controller.items.get(entry.uri.toString())?.children.get(id);
      if (!item) continue;
      run ??= this.controller.createTestRun(new vscode.TestRunRequest([item]), 'Verify', true);
      run.started(item);
      this.report(run, item, entry, task, r, undefined);
    }
    run?.end();
  }

  /** The last outcome of an item (task or check) in this window. */
  outcome(itemId: string): VerifyOutcome | undefined {
    return this.outcomes.get(itemId);
  }

  itemIdFor(uri: vscode.Uri, taskId: string): string {
    return taskItemId(uri, taskId);
  }

  snapshot(): VerifyTestFile[] {
    const out: VerifyTestFile[] = [];
    this.controller.items.forEach((f) => {
      const tasks: { id: string; label: string; line: number | null; children: string[]; sort: string }[] = [];
      f.children.forEach((t) => {
        const children: string[] = [];
        t.children.forEach((c) => void children.push(c.label));
        tasks.push({ id: t.id, label: t.label, line: t.range?.start.line ?? null, children, sort: t.sortText ?? t.label });
      });
      tasks.sort((a, b) => a.sort.localeCompare(b.sort));
      out.push({ id: f.id, file: f.uri?.fsPath ?? '', label: f.label, tasks: tasks.map(({ sort: _sort, ...t }) => t) });
    });
    return out;
  }

  private refuse(run: vscode.TestRun, request: vscode.TestRunRequest): void {
    const top: vscode.TestItem[] = [];
    if (request.include) top.push(...request.include);
    else this.controller.items.forEach((i) => void top.push(i));
    for (const item of top) {
      run.errored(item, new vscode.TestMessage(RESTRICTED_VERIFY_MESSAGE));
      this.outcomes.set(item.id, { state: 'errored', message: RESTRICTED_VERIFY_MESSAGE });
    }
    run.appendOutput(`${RESTRICTED_VERIFY_MESSAGE}\r\n`);
    const manage = 'Manage Workspace Trust';
    void vscode.window.showWarningMessage(RESTRICTED_VERIFY_MESSAGE, manage).then((pick) => {
      if (pick === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  }

  /** The requested task items, grouped by task file in workspace order. */
  private targets(request: vscode.TestRunRequest): Map<string, Target[]> {
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    const byFile = new Map<string, Target[]>();
    const add = (item: vscode.TestItem, explicit: boolean): void => {
      const known = this.tasks.get(item.id);
      if (!known || excluded.has(item.id)) return;
      const file = known.entry.uri.toString();
      let list = byFile.get(file);
      if (!list) byFile.set(file, (list = []));
      if (!list.some((t) => t.item.id === item.id)) list.push({ item, task: known.task, explicit });
    };
    const addFile = (fileItem: vscode.TestItem): void => {
      if (excluded.has(fileItem.id)) return;
      fileItem.children.forEach((t) => add(t, false));
    };
    const include = request.include ?? [];
    if (include.length === 0) this.controller.items.forEach(addFile);
    for (const item of include) {
      if (this.tasks.has(item.id)) add(item, true);
      else if (this.controller.items.get(item.id) === item) addFile(item);
      else {
        // A check item: verify the task it belongs to.
        const parent = item.parent;
        if (parent && this.tasks.has(parent.id)) add(parent, true);
      }
    }
    for (const list of byFile.values()) list.sort((a, b) => a.task.line - b.task.line);
    return byFile;
  }

  /**
   * One verify session per task file, so its gates run once for all its tasks. A task asked for
   * only through its file (or "run all") is verified when done; the others are skipped, saying why.
   */
  private async verifyFile(run: vscode.TestRun, targets: readonly Target[], token: vscode.CancellationToken): Promise<void> {
    const first = targets[0];
    if (!first) return;
    const entry = this.tasks.get(first.item.id)?.entry;
    if (!entry) return;
    const chosen: Target[] = [];
    for (const t of targets) {
      if (t.explicit || t.task.status === 'done') {
        chosen.push(t);
        continue;
      }
      const why = `${t.task.id} is ${statusLabel(t.task.status)}: Verify checks finished tasks (run the task itself to verify it anyway).`;
      this.skip(run, t.item, why);
    }
    if (chosen.length === 0) return;
    if (token.isCancellationRequested) {
      for (const t of chosen) this.skip(run, t.item, 'Verify was cancelled before this task ran.');
      return;
    }
    for (const t of chosen) run.started(t.item);
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const file = entry.uri.fsPath;
    const root = entry.folder?.uri.fsPath ?? dirname(file);
    const started = Date.now();
    try {
      const summary = await verifySession({
        cwd: root,
        file,
        taskIds: chosen.map((t) => t.task.id),
        strict: false,
        front: 'extension',
        overrides: runOverrides(entry.folder, loadConfig(root)),
        signal: abort.signal,
      });
      if (!summary.ok) {
        for (const t of chosen) this.error(run, t.item, `Specpilot: ${summary.error}`);
        return;
      }
      if (summary.note) run.appendOutput(`${crlf(summary.note)}\r\n`);
      const duration = Math.round((Date.now() - started) / Math.max(1, summary.results.length));
      for (const t of chosen) {
        const result = summary.results.find((r) => r.taskId === t.task.id);
        if (!result || (abort.signal.aborted && result.checks.some((c) => c.name === 'gates' && c.passed === false))) {
          // Cancelled before it ran, or its gates were killed by the cancel: no verdict either way.
          this.skip(run, t.item, 'Verify was cancelled before this task finished.');
          continue;
        }
        this.runs.recordVerification(file, result);
        this.report(run, t.item, entry, t.task, result, duration);
      }
    } finally {
      cancel.dispose();
    }
  }

  private report(run: vscode.TestRun, item: vscode.TestItem, entry: SpecEntry, task: Task, r: VerifyResult, duration: number | undefined): void {
    this.shown.set(item.id, r);
    const location = new vscode.Location(entry.uri, toRange(task.header));
    const text = evidenceText(r);
    run.appendOutput(`${crlf(text)}\r\n`, location, item);
    for (const c of r.checks) this.reportCheck(run, item, entry, location, c);
    if (verifiedWithEvidence(r) === true) {
      run.passed(item, duration);
      this.outcomes.set(item.id, { state: 'passed', message: text });
    } else {
      const message = new vscode.TestMessage(text);
      message.location = location;
      run.failed(item, message, duration);
      this.outcomes.set(item.id, { state: 'failed', message: text });
    }
  }

  /** Each check is a child item: passed, failed with its evidence, or skipped when it could not run here. */
  private reportCheck(run: vscode.TestRun, parent: vscode.TestItem, entry: SpecEntry, location: vscode.Location, c: VerifyCheck): void {
    const id = `${parent.id}/${c.name}`;
    let item = parent.children.get(id);
    if (!item) {
      // No range: the task's own item carries the gutter icon; five icons on one line would hide it.
      item = this.controller.createTestItem(id, c.name, entry.uri);
      parent.children.add(item);
    }
    item.description = c.detail;
    const text = checkLines(c).join('\n');
    if (c.passed === true) {
      run.passed(item);
      this.outcomes.set(id, { state: 'passed', message: text });
    } else if (c.passed === false) {
      const message = new vscode.TestMessage(text);
      message.location = location;
      run.failed(item, message);
      this.outcomes.set(id, { state: 'failed', message: text });
    } else {
      run.appendOutput(`${crlf(text)}\r\n`, location, item);
      run.skipped(item);
      this.outcomes.set(id, { state: 'skipped', message: text });
    }
  }

  private skip(run: vscode.TestRun, item: vscode.TestItem, why: string): void {
    run.appendOutput(`${crlf(why)}\r\n`, undefined, item);
    run.skipped(item);
    this.outcomes.set(item.id, { state: 'skipped', message: why });
  }

  private error(run: vscode.TestRun, item: vscode.TestItem, why: string): void {
    run.errored(item, new vscode.TestMessage(why));
    this.outcomes.set(item.id, { state: 'errored', message: why });
  }

  dispose(): void {
    if (this.mirrorTimer !== undefined) clearTimeout(this.mirrorTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function fileLabel(entry: SpecEntry): string {
  return entry.folder ? vscode.workspace.asRelativePath(entry.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : entry.uri.fsPath;
}
