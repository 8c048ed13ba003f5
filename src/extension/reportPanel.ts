// The traceability report's host: one WebviewPanel per task file showing its matrix (requirement ->
// design -> tasks -> status -> verified -> commit, costs), rebuilt when the spec, the run state or
// the filter changes. The page may only ask to open files its cells link to; what it posts is checked.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { loadConfig } from '../core/config';
import { stateDirFor } from '../core/executor/stateDir';
import { openRepo } from '../core/git';
import { taskCommits, type TaskCommitIndex } from '../core/report/taskCommits';
import { tasksWithoutStoredCommit } from '../core/report/traceMatrix';
import { DEFAULT_STATE_FILE, readRunStore, type RunStoreReader, type RunStoreSnapshot } from '../core/store';
import { parseReportMessage, parseReportPanelState } from '../protocol/parseReportMessage';
import type { HostToReport, ReportFilter, ReportToHost, ReportToHostPayloads, ReportToHostRequestMap } from '../protocol/reportMessages';
import { buildReportSnapshot, linkedFiles } from './reportData';
import type { RunController } from './runController';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** Belongs in package.json's activationEvents as `onWebviewPanel:specpilot.report`. */
export const REPORT_PANEL_VIEW_TYPE = 'specpilot.report';
/** Typing in the task file re-analyses every 120 ms; the matrix need not follow each keystroke. */
const REBUILD_DELAY_MS = 250;

export interface ReportDeps {
  readonly extensionUri: vscode.Uri;
  readonly ws: SpecWorkspace;
  readonly runs: RunController;
  readonly log: vscode.LogOutputChannel;
}

/** What the integration tests read about an open report panel. */
export interface ReportPanelInfo {
  readonly file: string;
  readonly visible: boolean;
  /** True once the page's script ran under the CSP and posted `ready`. */
  readonly webviewReady: boolean;
  /** The last snapshot posted to the page. */
  readonly snapshot: HostToReport<'snapshot'> | null;
}

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: ReportDeps) {
    this.disposables = [
      vscode.window.registerWebviewPanelSerializer(REPORT_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => {
          const parsed = parseReportPanelState(state);
          if (!parsed.ok || this.panels.has(parsed.value.file)) {
            if (!parsed.ok) deps.log.warn(`report panel: not restored: ${parsed.error}`);
            panel.dispose();
            return Promise.resolve();
          }
          panel.webview.options = webviewOptions(deps.extensionUri);
          this.adopt(panel, parsed.value.file);
          return Promise.resolve();
        },
      }),
      deps.ws.onDidChange(() => {
        for (const p of this.panels.values()) p.schedule();
      }),
      // A run ending (merge, commit, cost) or a Verify changes the cells: read the state again.
      deps.runs.onDidChange(() => {
        for (const p of this.panels.values()) p.schedule();
      }),
    ];
  }

  /** Opens the report of a task file (or reveals the open one). */
  show(file: string): void {
    const open = this.panels.get(file);
    if (open) {
      open.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_PANEL_VIEW_TYPE, panelTitle(file), vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
    this.adopt(panel, file);
  }

  info(file?: string): ReportPanelInfo | undefined {
    const p = file ? this.panels.get(file) : [...this.panels.values()].at(-1);
    return p?.info();
  }

  /** Rebuilds now instead of after the debounce (for tests and the command). */
  async rebuild(file: string): Promise<void> {
    await this.panels.get(file)?.rebuild();
  }

  private adopt(panel: vscode.WebviewPanel, file: string): void {
    const owned = new ReportPanel(panel, file, this.deps, () => {
      if (this.panels.get(file) === owned) this.panels.delete(file);
    });
    this.panels.set(file, owned);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
    for (const d of this.disposables) d.dispose();
  }
}

class ReportPanel implements vscode.Disposable {
  private ready = false;
  private disposed = false;
  private seq = 0;
  private filter: ReportFilter = { milestone: null, uncoveredOnly: false };
  private last: HostToReport<'snapshot'> | null = null;
  private allowed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private building: Promise<void> | null = null;
  private again = false;
  private store: { stamp: string; reader: RunStoreSnapshot } | null = null;
  private commits: { stamp: string; index: TaskCommitIndex | null; note: string | null } | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly file: string,
    private readonly deps: ReportDeps,
    private readonly onDisposed: () => void,
  ) {
    panel.title = panelTitle(file);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'specpilot.svg');
    const handlers: ReportToHostRequestMap = {
      ready: async () => {
        this.ready = true;
        await this.rebuild();
      },
      open: (m) => this.open(m.file, m.line),
      filter: async (m) => {
        this.filter = { milestone: m.milestone, uncoveredOnly: m.uncoveredOnly };
        await this.rebuild();
      },
    };
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = parseReportMessage(raw);
        if (!parsed.ok) {
          deps.log.warn(`report panel: ignored a malformed message: ${parsed.error}`);
          return;
        }
        const message = parsed.value;
        Promise.resolve()
          .then(() => dispatch(handlers, message))
          .catch((err: unknown) => deps.log.error(`report panel: ${message.type} failed: ${String(err)}`));
      }),
      // Without retainContextWhenHidden a hidden page is torn down; it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, { view: 'report', title: panelTitle(file), styleSheet: 'report.css' });
  }

  info(): ReportPanelInfo {
    return { file: this.file, visible: this.panel.visible, webviewReady: this.ready, snapshot: this.last };
  }

  reveal(): void {
    this.panel.reveal();
  }

  schedule(): void {
    if (this.disposed || !this.ready) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild();
    }, REBUILD_DELAY_MS);
  }

  /** Builds the matrix and posts it; a request while one is building runs once after it. */
  rebuild(): Promise<void> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    this.building = this.build()
      .catch((err: unknown) => this.deps.log.error(`report panel: ${String(err)}`))
      .finally(() => {
        this.building = null;
        if (this.again && !this.disposed) {
          this.again = false;
          void this.rebuild();
        }
      });
    return this.building;
  }

  private async build(): Promise<void> {
    const entry = this.deps.ws.entries().find((e) => e.uri.fsPath === this.file);
    if (!entry) {
      this.deps.log.info(`report panel: ${this.file} is no task file of this workspace`);
      return;
    }
    const notes: string[] = [];
    const store = await this.readStore(entry, notes);
    const commits = await this.readCommits(entry, store);
    if (commits.note) notes.push(commits.note);
    if (this.disposed) return;
    const snapshot = buildReportSnapshot({
      seq: ++this.seq,
      analysis: entry.analysis,
      fileLabel: vscode.workspace.asRelativePath(entry.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1),
      filter: this.filter,
      store,
      commits: commits.index,
      notes,
    });
    this.last = snapshot;
    this.allowed = linkedFiles(snapshot);
    if (this.ready) await this.panel.webview.postMessage(snapshot);
  }

  /** A read-only snapshot of the run state, read again only when its file changed. */
  private async readStore(entry: SpecEntry, notes: string[]): Promise<RunStoreReader | null> {
    const dir = stateDirFor(rootOf(entry), this.file);
    const stamp = fileStamp(join(dir, DEFAULT_STATE_FILE));
    if (stamp === null) {
      this.dropStore();
      return null;
    }
    if (this.store?.stamp === stamp) return this.store.reader;
    const r = await readRunStore(dir);
    this.dropStore();
    if (!r.ok) {
      notes.push(`The run state could not be read (${r.error.message}): no costs, commits or verifications from it.`);
      return null;
    }
    this.store = { stamp, reader: r.store };
    return r.store;
  }

  /**
   * The base branch's commits for tasks the store has no SHA for: one `git log`, again only when
   * HEAD or the refs move. Restricted Mode spawns no process, git included.
   */
  private async readCommits(entry: SpecEntry, store: RunStoreReader | null): Promise<{ index: TaskCommitIndex | null; note: string | null }> {
    if (!vscode.workspace.isTrusted) return { index: null, note: 'Restricted Mode: commits are shown only from the run state (git is not run).' };
    const root = rootOf(entry);
    const main = loadConfig(root).config.main_branch;
    const git = join(root, '.git');
    const stamp = [join(git, 'HEAD'), join(git, 'refs', 'heads', main), join(git, 'packed-refs'), join(stateDirFor(root, this.file), DEFAULT_STATE_FILE)]
      .map((p) => fileStamp(p) ?? '-')
      .join('|');
    if (this.commits?.stamp === stamp) return this.commits;
    const repo = await openRepo(root);
    let result: { index: TaskCommitIndex | null; note: string | null };
    if ('error' in repo) result = { index: null, note: null };
    else {
      const r = await taskCommits(repo, main, tasksWithoutStoredCommit(entry.analysis, store));
      result = r.ok ? { index: r.value, note: null } : { index: null, note: `Commits could not be read from git: ${r.error}` };
    }
    this.commits = { stamp, ...result };
    return result;
  }

  /** Only files the matrix links to, at a line inside them: the page never names an arbitrary path. */
  private async open(file: string, line: number): Promise<void> {
    if (!this.allowed.has(file)) {
      this.deps.log.warn(`report panel: refused to open ${file}: no cell of the report links to it`);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const at = Math.min(line, Math.max(0, doc.lineCount - 1));
    const range = new vscode.Range(at, 0, at, 0);
    await vscode.window.showTextDocument(doc, { viewColumn: editorColumn(this.panel.viewColumn), selection: range, preview: true });
  }

  private dropStore(): void {
    this.store?.reader.close();
    this.store = null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ready = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.dropStore();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDisposed();
  }
}

function dispatch<K extends keyof ReportToHostPayloads>(handlers: ReportToHostRequestMap, message: ReportToHost<K>): void | Promise<void> {
  return handlers[message.type](message);
}

function panelTitle(file: string): string {
  return `Report · ${vscode.workspace.asRelativePath(file, false)}`;
}

function rootOf(entry: SpecEntry): string {
  return entry.folder?.uri.fsPath ?? dirname(entry.uri.fsPath);
}

/** mtime and size, or null when the file is not there. */
function fileStamp(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    const st = statSync(path);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
}

/** A column other than the panel's, so the opened file never covers the report. */
function editorColumn(panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  const other = vscode.window.visibleTextEditors.map((e) => e.viewColumn).find((c) => c !== undefined && c !== panelColumn);
  return other ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
}
