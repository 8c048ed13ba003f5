// The Task details panel: one WebviewPanel beside the editor showing a task, its checklist,
// dependencies and traced requirements. It speaks src/protocol/messages.ts (ready -> sequenced
// snapshots), checks every message the page posts, restores itself after a reload, and owns
// every Disposable it makes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type {
  HostToWebview, TaskDetails, TaskTarget, WebviewRequestMap, WebviewToHost, WebviewToHostPayloads,
} from '../protocol/messages';
import { parseTaskTarget, parseWebviewMessage } from '../protocol/parseWebviewMessage';
import { taskAtLine } from './refLookup';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';
import { statusLabel } from './statusIcons';
import { buildTaskDetails } from './taskDetails';
import type { TaskTreeProvider, TreeNode } from './taskTreeProvider';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** Belongs in COMMANDS (commandIds.ts) once package.json declares it. */
export const TASK_DETAILS_VIEW_TYPE = 'specpilot.taskDetails';

export interface TaskDetailsDeps {
  readonly ws: SpecWorkspace;
  readonly tree: TaskTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

/** What the integration tests read about the open panel. */
export interface TaskDetailsPanelInfo {
  readonly title: string;
  readonly visible: boolean;
  readonly active: boolean;
  readonly viewColumn: vscode.ViewColumn | undefined;
  readonly target: TaskTarget;
  /** True once the page's script ran under the CSP and posted `ready`. */
  readonly webviewReady: boolean;
  /** Sequence number of the last snapshot posted; 0 before the first. */
  readonly seq: number;
  /** The last snapshot's details (null: the task is not in the file). */
  readonly details: TaskDetails | null;
}

export interface TaskDetailsHost extends vscode.Disposable {
  /** The open panel, or undefined when none is open. */
  info(): TaskDetailsPanelInfo | undefined;
  /** Opens the one panel on `target`, or points the open one at it and reveals it. */
  show(target: TaskTarget): void;
}

/** Registers the command and the panel serializer; dispose the result to undo both and close the panel. */
export function registerTaskDetails(deps: TaskDetailsDeps): TaskDetailsHost {
  return new TaskDetailsManager(deps);
}

class TaskDetailsManager implements TaskDetailsHost {
  private panel: TaskDetailsPanel | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: TaskDetailsDeps) {
    this.disposables = [
      vscode.commands.registerCommand(COMMANDS.showTaskDetails, (a0?: unknown, a1?: unknown) => this.run(a0, a1)),
      vscode.window.registerWebviewPanelSerializer(TASK_DETAILS_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => this.restore(panel, state),
      }),
    ];
  }

  info(): TaskDetailsPanelInfo | undefined {
    return this.panel?.info();
  }

  show(target: TaskTarget): void {
    if (this.panel) {
      this.panel.retarget(target);
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      TASK_DETAILS_VIEW_TYPE,
      panelTitle(target.id),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(this.deps.extensionUri), enableFindWidget: true },
    );
    this.adopt(panel, target);
  }

  private async run(a0: unknown, a1: unknown): Promise<void> {
    await this.deps.ws.whenIdle();
    const target = targetFromArgs(a0, a1) ?? this.fromEditor() ?? this.fromTreeSelection() ?? (await this.pick());
    if (!target) return;
    const entry = this.deps.ws.entryFor(vscode.Uri.file(target.file));
    if (!entry?.analysis.spec.tasks.some((t) => t.id === target.id)) {
      void vscode.window.showWarningMessage(`Specpilot: no task ${target.id} in ${vscode.workspace.asRelativePath(target.file)}`);
      return;
    }
    this.show({ file: entry.uri.fsPath, id: target.id });
  }

  /** The task under the cursor when the active editor shows a task file. */
  private fromEditor(): TaskTarget | undefined {
    const editor = vscode.window.activeTextEditor;
    const entry = editor && this.deps.ws.entryFor(editor.document.uri);
    const task = entry && taskAtLine(entry.analysis.spec.tasks, editor.selection.active.line);
    return entry && task ? { file: entry.uri.fsPath, id: task.id } : undefined;
  }

  private fromTreeSelection(): TaskTarget | undefined {
    const node = this.deps.view.selection[0];
    return node ? targetFromArgs(node, undefined) : undefined;
  }

  private async pick(): Promise<TaskTarget | undefined> {
    const entries = this.deps.ws.entries();
    const items = entries.flatMap((e) => taskPicks(e, entries.length > 1));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Specpilot: no task file with tasks in this workspace');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Show the details of which task?', matchOnDescription: true });
    return picked?.target;
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const target = parseTaskTarget(state);
    // One panel only: a restored duplicate, or one without a readable state, is closed.
    if (!target || this.panel) {
      panel.dispose();
      return Promise.resolve();
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.adopt(panel, target);
    return Promise.resolve();
  }

  private adopt(panel: vscode.WebviewPanel, target: TaskTarget): void {
    const owned = new TaskDetailsPanel(panel, target, this.deps, () => {
      if (this.panel === owned) this.panel = undefined;
    });
    this.panel = owned;
  }

  dispose(): void {
    this.panel?.dispose();
    this.panel = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

interface TaskPick extends vscode.QuickPickItem {
  readonly target: TaskTarget;
}

function taskPicks(entry: SpecEntry, withFile: boolean): TaskPick[] {
  const seen = new Set<string>();
  const file = withFile ? ` · ${vscode.workspace.asRelativePath(entry.uri)}` : '';
  return entry.analysis.spec.tasks.flatMap((t) => {
    if (seen.has(t.id)) return [];
    seen.add(t.id);
    return [{ label: `${t.id} ${t.title}`, description: `${statusLabel(t.status)}${file}`, target: { file: entry.uri.fsPath, id: t.id } }];
  });
}

/** One open panel: its webview, its subscriptions and the snapshot sequence. */
class TaskDetailsPanel implements vscode.Disposable {
  private target: TaskTarget;
  private ready = false;
  private seq = 0;
  private lastBody = '';
  private lastDetails: TaskDetails | null = null;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    target: TaskTarget,
    private readonly deps: TaskDetailsDeps,
    private readonly onDisposed: () => void,
  ) {
    this.target = target;
    panel.title = panelTitle(target.id);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'specpilot.svg');
    const handlers: WebviewRequestMap = {
      // After a reload the page can be ready before the first analysis: wait, or it shows "not found".
      ready: async () => {
        await deps.ws.whenIdle();
        this.ready = true;
        this.post(true);
      },
      openTask: (m) => this.openTask(m.file, m.line),
      revealTask: (m) => this.revealTask({ file: m.file, id: m.id }),
      openDefinition: (m) => this.openDefinition(m.file, m.line),
    };
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (!message) {
          deps.log.warn('task details: ignored a malformed message from the webview');
          return;
        }
        Promise.resolve()
          .then(() => dispatch(handlers, message))
          .catch((err: unknown) => deps.log.error(`task details: ${message.type} failed: ${String(err)}`));
      }),
      // A hidden webview is torn down (no retainContextWhenHidden); it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      deps.ws.onDidChange(() => this.post(false)),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, { view: 'taskDetails', title: 'Task details', styleSheet: 'taskDetails.css' });
  }

  info(): TaskDetailsPanelInfo {
    return {
      title: this.panel.title,
      visible: this.panel.visible,
      active: this.panel.active,
      viewColumn: this.panel.viewColumn,
      target: this.target,
      webviewReady: this.ready,
      seq: this.seq,
      details: this.lastDetails,
    };
  }

  retarget(target: TaskTarget): void {
    if (samePath(target.file, this.target.file) && target.id === this.target.id) return;
    this.target = target;
    this.panel.title = panelTitle(target.id);
    this.post(true);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /**
   * Sends a full snapshot with the next sequence number. A workspace change that leaves this
   * task's snapshot as it was sends nothing: a re-render would move keyboard focus for nothing.
   */
  private post(force: boolean): void {
    if (!this.ready || this.disposed) return;
    const entry = this.entry();
    const body = {
      target: this.target,
      fileLabel: vscode.workspace.asRelativePath(this.target.file),
      details: entry ? buildTaskDetails(entry.analysis, this.target.id, (f) => vscode.workspace.asRelativePath(f)) : null,
    };
    const text = JSON.stringify(body);
    if (!force && text === this.lastBody) return;
    this.lastBody = text;
    this.lastDetails = body.details;
    const message: HostToWebview<'snapshot'> = { type: 'snapshot', seq: ++this.seq, ...body };
    void this.panel.webview.postMessage(message);
  }

  private entry(): SpecEntry | undefined {
    return this.deps.ws.entryFor(vscode.Uri.file(this.target.file));
  }

  /** Only the panel's own tasks file: the page must not open arbitrary paths. */
  private async openTask(file: string, line: number): Promise<void> {
    if (!samePath(file, this.target.file)) {
      this.deps.log.warn(`task details: refused to open ${file}, not the panel's tasks file`);
      return;
    }
    await this.openAt(file, line);
  }

  /** Only a requirements / design file the tasks file traces into. */
  private async openDefinition(file: string, line: number): Promise<void> {
    if (!this.entry()?.definitionFiles.some((f) => samePath(f, file))) {
      this.deps.log.warn(`task details: refused to open ${file}, not a definition file of ${this.target.file}`);
      return;
    }
    await this.openAt(file, line);
  }

  /** Shows the dependency here and selects it in the Tasks tree without taking focus there. */
  private async revealTask(target: TaskTarget): Promise<void> {
    const entry = this.entry();
    if (!samePath(target.file, this.target.file) || !entry?.analysis.spec.tasks.some((t) => t.id === target.id)) {
      this.deps.log.warn(`task details: no task ${target.id} in ${target.file}`);
      return;
    }
    this.retarget({ file: this.target.file, id: target.id });
    const node = this.deps.tree.findTask(entry.uri.fsPath, target.id);
    if (node) await this.deps.view.reveal(node, { select: true, focus: false, expand: true });
  }

  private async openAt(file: string, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const pos = new vscode.Position(Math.min(line, Math.max(0, doc.lineCount - 1)), 0);
    await vscode.window.showTextDocument(doc, {
      viewColumn: editorColumn(this.panel.viewColumn),
      selection: new vscode.Range(pos, pos),
      preview: true,
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDisposed();
  }
}

function dispatch<K extends keyof WebviewToHostPayloads>(handlers: WebviewRequestMap, message: WebviewToHost<K>): void | Promise<void> {
  return handlers[message.type](message);
}

export function panelTitle(id: string): string {
  return `${id} · Details`;
}

/** Tree nodes (context menu, selection), or (file path | Uri, task id) from other commands. */
function targetFromArgs(a0: unknown, a1: unknown): TaskTarget | undefined {
  if (isTreeNode(a0)) {
    if (a0.kind === 'task') return { file: a0.entry.uri.fsPath, id: a0.task.id };
    if (a0.kind === 'dep') return { file: a0.entry.uri.fsPath, id: a0.depId };
    return undefined;
  }
  if (typeof a1 !== 'string' || a1 === '') return undefined;
  if (a0 instanceof vscode.Uri) return { file: a0.fsPath, id: a1 };
  if (typeof a0 === 'string' && a0 !== '') return { file: a0.startsWith('file:') ? vscode.Uri.parse(a0).fsPath : a0, id: a1 };
  return undefined;
}

function isTreeNode(v: unknown): v is TreeNode {
  return typeof v === 'object' && v !== null && 'kind' in v && 'entry' in v;
}

/** A column other than the panel's, so opening a file never covers the panel. */
function editorColumn(panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  const other = vscode.window.visibleTextEditors.map((e) => e.viewColumn).find((c) => c !== undefined && c !== panelColumn);
  return other ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
}

function samePath(a: string, b: string): boolean {
  return path.normalize(a) === path.normalize(b);
}
