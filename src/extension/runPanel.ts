// The run panel's host: one WebviewPanel per task, showing that task's run live. The executor's
// RunEvents go in through `feed`; runFeed.ts keeps each task's bounded state and batches what the
// page gets. This file owns the panels, checks what the pages post, restores them after a reload.
import * as vscode from 'vscode';
import type { RunEvent } from '../core/executor/runEvents';
import { COMMANDS } from './commandIds';
import type { HostToRun, RunToHost, RunToHostPayloads, RunToHostRequestMap } from '../protocol/runMessages';
import { parseRunMessage, parseRunPanelState } from '../protocol/parseRunMessage';
import { RunFeedSet, realScheduler, type RunFeed, type RunFeedOptions, type RunFeedView } from './runFeed';
import { ReviewPart, type ReviewBackend } from './reviewHost';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** Belongs in package.json's activationEvents as `onWebviewPanel:specpilot.run`. */
export const RUN_PANEL_VIEW_TYPE = 'specpilot.run';

export interface RunPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The Stop button: cancel this task's run (the executor's driver). */
  readonly stop: (taskId: string, runId: string | null) => void | Promise<void>;
  /** The attempt's full log on disk (the store's attempt log path), null when there is none yet. */
  readonly logFileFor: (taskId: string, runId: string | null, attempt: number) => string | null;
  /** "Show task": defaults to the revealTask command with the task id. */
  readonly revealTask?: (taskId: string) => void | Promise<void>;
  /** Batching and memory bounds; the defaults suit the editor. */
  readonly feedOptions?: Partial<RunFeedOptions>;
  /** The Review tab's backend (src/extension/reviewService.ts); read late, it is built after the panels. */
  readonly review?: () => ReviewBackend | undefined;
}

/** What the integration tests read about an open run panel. */
export interface RunPanelInfo {
  readonly taskId: string;
  readonly title: string;
  readonly visible: boolean;
  readonly active: boolean;
  readonly viewColumn: vscode.ViewColumn | undefined;
  /** True once the page's script ran under the CSP and posted `ready`. */
  readonly webviewReady: boolean;
}

export interface ShowRunOptions {
  /** Keep the focus where it is (default true: a run starting must not steal the cursor). */
  readonly preserveFocus?: boolean;
  readonly viewColumn?: vscode.ViewColumn;
}

/**
 * All run panels. Constructing it registers the panel serializer; dispose it to undo that and
 * close every panel. `feed` every RunEvent of the executor here, whether or not a panel is open:
 * a panel opened later starts from what its task's feed kept.
 */
export class RunPanels implements vscode.Disposable {
  private readonly feeds: RunFeedSet;
  private readonly panels = new Map<string, RunPanel>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: RunPanelDeps) {
    this.feeds = new RunFeedSet({ now: () => Date.now(), logFileFor: deps.logFileFor, scheduler: realScheduler }, deps.feedOptions);
    this.disposables = [
      vscode.window.registerWebviewPanelSerializer(RUN_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => this.restore(panel, state),
      }),
    ];
  }

  /** Opens the panel of `taskId` beside the editor, or reveals the open one. */
  show(taskId: string, options: ShowRunOptions = {}): void {
    const preserveFocus = options.preserveFocus ?? true;
    const open = this.panels.get(taskId);
    if (open) {
      open.reveal(preserveFocus);
      return;
    }
    const feed = this.feeds.ensure(taskId, taskId);
    const panel = vscode.window.createWebviewPanel(
      RUN_PANEL_VIEW_TYPE,
      panelTitle(taskId),
      { viewColumn: options.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus },
      webviewOptions(this.deps.extensionUri),
    );
    this.adopt(panel, feed);
  }

  feed(event: RunEvent): void {
    this.feeds.feed(event);
  }

  /** Opens the task's panel on its Review tab (sent once the page is ready). */
  showReview(taskId: string): void {
    this.show(taskId, { preserveFocus: false });
    void this.panels.get(taskId)?.review.refresh(true);
  }

  /** Sends an open panel its task's review again (the task parked, or a decision started a new attempt). */
  refreshReview(taskId: string): void {
    void this.panels.get(taskId)?.review.refresh(false);
  }

  /** What the task's panel holds (or would show when opened); undefined when no run of it is kept. */
  snapshotFor(taskId: string): RunFeedView | undefined {
    return this.feeds.get(taskId)?.view();
  }

  panelInfo(taskId: string): RunPanelInfo | undefined {
    return this.panels.get(taskId)?.info();
  }

  /** Task ids with an open panel. */
  openPanels(): string[] {
    return [...this.panels.keys()];
  }

  /** Posts every waiting batch now instead of on the next timer tick. */
  flush(): void {
    this.feeds.flushAll();
  }

  private restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = parseRunPanelState(state);
    if (!parsed.ok || this.panels.has(parsed.value.taskId)) {
      // A duplicate, or a state this version cannot read: close it rather than show a blank page.
      if (!parsed.ok) this.deps.log.warn(`run panel: not restored: ${parsed.error}`);
      panel.dispose();
      return Promise.resolve();
    }
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.adopt(panel, this.feeds.ensure(parsed.value.taskId, parsed.value.title));
    return Promise.resolve();
  }

  private adopt(panel: vscode.WebviewPanel, feed: RunFeed): void {
    const owned = new RunPanel(panel, feed, this.deps, () => {
      if (this.panels.get(feed.taskId) === owned) this.panels.delete(feed.taskId);
    });
    this.panels.set(feed.taskId, owned);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    this.feeds.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** One open panel: its webview, its subscriptions, and its task's feed while the page is ready. */
class RunPanel implements vscode.Disposable {
  readonly review: ReviewPart;
  private ready = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly feed: RunFeed,
    private readonly deps: RunPanelDeps,
    private readonly onDisposed: () => void,
  ) {
    panel.title = panelTitle(feed.taskId);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'specpilot.svg');
    const post = (message: HostToRun): Thenable<boolean> => panel.webview.postMessage(message);
    this.review = new ReviewPart(feed.taskId, (m) => panel.webview.postMessage(m), () => deps.review?.(), deps.log);
    const handlers: RunToHostRequestMap = {
      ready: () => {
        this.ready = true;
        feed.connect(post);
        void this.review.onReady();
      },
      resync: (m) => {
        deps.log.debug(`run panel ${feed.taskId}: resync after seq ${m.lastSeq}`);
        feed.resync();
      },
      stop: () => this.stop(),
      openLog: () => this.openLog(),
      revealTask: () => this.revealTask(),
      copy: async (m) => {
        await vscode.env.clipboard.writeText(m.text);
      },
    };
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        if (ReviewPart.claims(raw)) {
          this.review.receive(raw).catch((err: unknown) => deps.log.error(`run panel ${feed.taskId}: review message failed: ${String(err)}`));
          return;
        }
        const parsed = parseRunMessage(raw);
        if (!parsed.ok) {
          deps.log.warn(`run panel ${feed.taskId}: ignored a malformed message: ${parsed.error}`);
          return;
        }
        const message = parsed.value;
        Promise.resolve()
          .then(() => dispatch(handlers, message))
          .catch((err: unknown) => deps.log.error(`run panel ${feed.taskId}: ${message.type} failed: ${String(err)}`));
      }),
      // Without retainContextWhenHidden a hidden page is torn down; it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (panel.visible) return;
        this.ready = false;
        this.review.onHidden();
        feed.disconnect();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, { view: 'run', title: `${feed.taskId} · Run`, styleSheet: 'runPanel.css', extraStyleSheets: ['review.css'] });
  }

  info(): RunPanelInfo {
    return {
      taskId: this.feed.taskId,
      title: this.panel.title,
      visible: this.panel.visible,
      active: this.panel.active,
      viewColumn: this.panel.viewColumn,
      webviewReady: this.ready,
    };
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  private async stop(): Promise<void> {
    if (!this.feed.active) {
      this.deps.log.info(`run panel ${this.feed.taskId}: stop ignored, the task is not running`);
      return;
    }
    await this.deps.stop(this.feed.taskId, this.feed.runId);
  }

  /** Only the path the host resolved for this task's attempt: the page never names a file. */
  private async openLog(): Promise<void> {
    const header = this.feed.header();
    const file = header.logFile ?? (header.attempt > 0 ? this.deps.logFileFor(header.taskId, header.runId, header.attempt) : null);
    if (file === null) {
      void vscode.window.showInformationMessage(`Specpilot: no log file for ${header.taskId} yet`);
      return;
    }
    const uri = vscode.Uri.file(file);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      void vscode.window.showInformationMessage(`Specpilot: the log of ${header.taskId} is not on disk (${file})`);
      return;
    }
    // vscode.open rather than openTextDocument: a log over 50 MB cannot be synced to extensions, but the editor opens it.
    await vscode.commands.executeCommand('vscode.open', uri, { preview: true, viewColumn: editorColumn(this.panel.viewColumn) });
  }

  private async revealTask(): Promise<void> {
    if (this.deps.revealTask) await this.deps.revealTask(this.feed.taskId);
    else await vscode.commands.executeCommand(COMMANDS.revealTask, undefined, this.feed.taskId);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ready = false;
    this.review.onHidden();
    this.feed.disconnect();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
    this.onDisposed();
  }
}

function dispatch<K extends keyof RunToHostPayloads>(handlers: RunToHostRequestMap, message: RunToHost<K>): void | Promise<void> {
  return handlers[message.type](message);
}

export function panelTitle(taskId: string): string {
  return `${taskId} · Run`;
}

/** A column other than the panel's, so the log never covers the panel. */
function editorColumn(panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  const other = vscode.window.visibleTextEditors.map((e) => e.viewColumn).find((c) => c !== undefined && c !== panelColumn);
  return other ?? (panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
}
