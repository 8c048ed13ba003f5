// The Tasks tree: task files, then milestones / phases / groups, then tasks (Kiro and OpenSpec
// sub-tasks under their parents) with what each waits for as clickable children. Nodes are
// rebuilt per analysis and kept in maps so reveal() can walk from a task to its root.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { directDeps } from '../core/graph';
import type { SpecAnalysis } from '../core/project/analyzeSpec';
import type { Task, TaskStatus } from '../core/spec/model';
import { COMMANDS } from './commandIds';
import type { Settings } from './settings';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';
import { statusIcon, statusLabel } from './statusIcons';

export type TreeNode = FileNode | GroupNode | TaskNode | DepNode;

export interface FileNode {
  readonly kind: 'file';
  readonly entry: SpecEntry;
  readonly children: TreeNode[];
}
export interface GroupNode {
  readonly kind: 'group';
  readonly entry: SpecEntry;
  readonly title: string;
  readonly parent: FileNode | undefined;
  readonly children: TreeNode[];
}
export interface TaskNode {
  readonly kind: 'task';
  readonly entry: SpecEntry;
  readonly task: Task;
  readonly index: number;
  readonly parent: TreeNode | undefined;
  readonly children: TreeNode[];
}
export interface DepNode {
  readonly kind: 'dep';
  readonly entry: SpecEntry;
  readonly from: Task;
  readonly depId: string;
  readonly reason: string;
  readonly parent: TaskNode;
}

/** What the tree shows of runs: the run controller, seen through only what the rows need. */
export interface TaskRunLook {
  liveTask(file: string, id: string): { readonly stage: string; readonly attempt: number; readonly maxAttempts: number } | undefined;
  endedTask(file: string, id: string): { readonly result: string; readonly message: string } | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export class TaskTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private runLook: TaskRunLook | undefined;
  private runSubscription: vscode.Disposable | undefined;
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: TreeNode[] = [];
  private readonly taskNodes = new Map<string, TaskNode>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly workspace: SpecWorkspace,
    private readonly settings: Settings,
  ) {
    this.subscription = workspace.onDidChange(() => this.rebuild());
    this.rebuild();
  }

  /** Rows then show running and failed tasks (spinner, attempt, Retry / Stop in the menus). */
  setRunState(look: TaskRunLook): void {
    this.runLook = look;
    this.runSubscription?.dispose();
    this.runSubscription = look.onDidChange(() => this.emitter.fire(undefined));
  }

  /** Number of tasks ready to run, across task files (the view's badge). */
  readyCount(): number {
    return this.workspace.entries().reduce((n, e) => n + e.analysis.ready.length, 0);
  }

  findTask(file: string | undefined, id: string): TaskNode | undefined {
    if (file) return this.taskNodes.get(nodeKey(file, id));
    for (const n of this.taskNodes.values()) if (n.task.id === id) return n;
    return undefined;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots;
    return node.kind === 'dep' ? [] : node.children;
  }

  /** Tooltips only for rows the user hovers: building one reads a task's lazy details. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'task' && item.tooltip === undefined) item.tooltip = taskTooltip(node.task, node.entry.analysis);
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.kind === 'file' ? undefined : node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'file':
        return fileItem(node);
      case 'group':
        return groupItem(node);
      case 'task':
        return taskItem(node, this.runLook);
      case 'dep':
        return depItem(node);
    }
  }

  private rebuild(): void {
    this.taskNodes.clear();
    const entries = this.workspace.entries();
    const groupBy = this.settings.groupBy();
    if (entries.length === 1) this.roots = this.buildFile(entries[0]!, undefined, groupBy);
    else {
      this.roots = entries.map((entry) => {
        const file: FileNode = { kind: 'file', entry, children: [] };
        for (const n of this.buildFile(entry, file, groupBy)) file.children.push(n);
        return file;
      });
    }
    this.emitter.fire(undefined);
  }

  private buildFile(entry: SpecEntry, file: FileNode | undefined, groupBy: 'group' | 'status' | 'none'): TreeNode[] {
    const a = entry.analysis;
    const out: TreeNode[] = [];
    const groups = new Map<string, GroupNode>();
    const groupOf = (title: string): GroupNode => {
      let g = groups.get(title);
      if (!g) {
        g = { kind: 'group', entry, title, parent: file, children: [] };
        groups.set(title, g);
        out.push(g);
      }
      return g;
    };
    const seen = new Set<string>();
    const byId = new Map<string, TaskNode>();
    a.spec.tasks.forEach((task, index) => {
      const parentTask = task.parent !== null && groupBy !== 'status' ? byId.get(task.parent) : undefined;
      const holder: TaskNode | GroupNode | undefined = parentTask
        ?? (groupBy === 'group' && task.group !== null ? groupOf(task.group)
          : groupBy === 'status' ? groupOf(statusLabel(task.status)) : undefined);
      const container: TreeNode | undefined = holder ?? file;
      const node: TaskNode = { kind: 'task', entry, task, index, parent: container, children: [] };
      // Direct edges only: expanding Spec Kit phase barriers per task would be quadratic.
      for (const d of seen.has(task.id) ? [] : directDeps(a.graph, task.id)) {
        if (d.reason === 'child') continue;
        node.children.push({ kind: 'dep', entry, from: task, depId: d.id, reason: d.reason, parent: node });
      }
      if (!seen.has(task.id)) {
        seen.add(task.id);
        byId.set(task.id, node);
        this.taskNodes.set(nodeKey(entry.uri.fsPath, task.id), node);
      }
      if (holder) holder.children.push(node);
      else out.push(node);
    });
    if (groupBy === 'status') {
      const order: TaskStatus[] = ['in_progress', 'review', 'todo', 'blocked', 'unknown', 'done'];
      out.sort((x, y) => order.indexOf(statusOfGroup(x)) - order.indexOf(statusOfGroup(y)));
    }
    return out;
  }

  dispose(): void {
    this.subscription.dispose();
    this.runSubscription?.dispose();
    this.emitter.dispose();
  }
}

function statusOfGroup(n: TreeNode): TaskStatus {
  if (n.kind === 'group') {
    const first = n.children[0];
    if (first?.kind === 'task') return first.task.status;
  }
  return 'unknown';
}

function nodeKey(file: string, id: string): string {
  return `${path.normalize(file)}#${id}`;
}

function openCommand(entry: SpecEntry, line: number): vscode.Command {
  return { command: COMMANDS.openTask, title: 'Open Task', arguments: [entry.uri, line] };
}

function fileItem(node: FileNode): vscode.TreeItem {
  const a = node.entry.analysis;
  const rel = node.entry.folder ? path.relative(node.entry.folder.uri.fsPath, node.entry.uri.fsPath) : node.entry.uri.fsPath;
  const item = new vscode.TreeItem(featureName(rel), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `file:${node.entry.uri.toString()}`;
  item.description = `${a.spec.format} · ${doneOf(a)}`;
  item.tooltip = rel;
  item.resourceUri = node.entry.uri;
  item.iconPath = new vscode.ThemeIcon('checklist');
  item.contextValue = 'file';
  return item;
}

function groupItem(node: GroupNode): vscode.TreeItem {
  const tasks = node.children.filter((c): c is TaskNode => c.kind === 'task');
  const done = tasks.filter((t) => t.task.status === 'done').length;
  const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.entry.uri.toString()}#${node.title}`;
  item.description = `${done}/${tasks.length}`;
  item.iconPath = new vscode.ThemeIcon(done === tasks.length && tasks.length > 0 ? 'milestone' : 'folder');
  item.contextValue = 'group';
  return item;
}

function taskItem(node: TaskNode, runs: TaskRunLook | undefined): vscode.TreeItem {
  const { task, entry } = node;
  const a = entry.analysis;
  const ready = readyIds(a).has(task.id);
  const hasKids = node.children.length > 0;
  const item = new vscode.TreeItem(
    `${task.id} ${task.title}`,
    !hasKids ? vscode.TreeItemCollapsibleState.None
      : node.children.some((c) => c.kind === 'task') ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `task:${entry.uri.toString()}#${task.id}#${node.index}`;
  const parts = [task.priority?.toUpperCase(), task.estimate, task.optional ? 'optional' : undefined, ready ? 'ready' : undefined];
  item.description = parts.filter(Boolean).join(' · ');
  item.iconPath = statusIcon(task.status);
  item.command = openCommand(entry, task.line);
  item.contextValue = `task.${task.status}${ready ? '.ready' : ''}`;
  const file = entry.uri.fsPath;
  const live = runs?.liveTask(file, task.id);
  const ended = live ? undefined : runs?.endedTask(file, task.id);
  if (live) {
    item.iconPath = new vscode.ThemeIcon('sync~spin');
    item.description = [live.stage === 'implement' ? `running · attempt ${live.attempt}/${live.maxAttempts}` : `running · ${live.stage.replace('_', ' ')}`, item.description].filter(Boolean).join(' · ');
    item.contextValue += '.running';
  } else if (ended?.result === 'awaiting_approval') {
    item.iconPath = new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.purple'));
    item.description = ['awaiting approval', item.description].filter(Boolean).join(' · ');
    item.contextValue += '.awaiting';
  } else if (ended && (ended.result === 'failed' || ended.result === 'stopped') && task.status !== 'done') {
    item.description = [item.description, `last run ${ended.result}`].filter(Boolean).join(' · ');
    item.contextValue += '.failed';
  }
  item.accessibilityInformation = { label: `${task.id} ${task.title}, ${statusLabel(task.status)}${ready ? ', ready' : ''}` };
  return item;
}

function depItem(node: DepNode): vscode.TreeItem {
  const a = node.entry.analysis;
  const dep = a.graph.task(node.depId);
  const status = a.graph.effectiveStatus(node.depId);
  const verb = node.reason === 'blocks' ? 'blocked by' : node.reason === 'prose' ? 'after' : 'depends on';
  const item = new vscode.TreeItem(`${verb} ${node.depId}`, vscode.TreeItemCollapsibleState.None);
  item.id = `dep:${node.entry.uri.toString()}#${node.from.id}->${node.depId}#${node.parent.index}`;
  item.description = dep ? dep.title : 'missing';
  item.iconPath = status ? statusIcon(status) : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  item.tooltip = dep ? `${node.depId}: ${dep.title} (${statusLabel(status ?? dep.status)}). Click to reveal it.` : `${node.depId} is not a task of this file`;
  item.command = { command: COMMANDS.revealTask, title: 'Reveal Task', arguments: [node.entry.uri.fsPath, node.depId] };
  item.contextValue = 'dependency';
  return item;
}

function taskTooltip(task: Task, a: SpecAnalysis): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(task.id)}: ${escape(task.title)}**\n\n`);
  md.appendMarkdown(`$(${statusIcon(task.status).id}) ${statusLabel(task.status)}`);
  if (task.priority) md.appendMarkdown(` · ${task.priority.toUpperCase()}`);
  if (task.estimate) md.appendMarkdown(` · ${escape(task.estimate)}`);
  if (task.group) md.appendMarkdown(` · ${escape(task.group)}`);
  if (task.description) md.appendMarkdown(`\n\n${escape(task.description.split('\n').slice(0, 6).join(' '))}`);
  if (task.checklist.length > 0) {
    const done = task.checklist.filter((c) => c.checked).length;
    md.appendMarkdown(`\n\nChecklist: ${done}/${task.checklist.length}`);
  }
  const deps = directDeps(a.graph, task.id);
  if (deps.length > 0) md.appendMarkdown(`\n\nWaits for: ${deps.map((d) => `${d.id} (${statusLabel(a.graph.effectiveStatus(d.id) ?? 'unknown')})`).join(', ')}`);
  const traces = task.traces.flatMap((r) => r.ids);
  if (traces.length > 0) md.appendMarkdown(`\n\nTraces to: ${escape(traces.join(', '))}`);
  return md;
}

const readyCache = new WeakMap<SpecAnalysis, Set<string>>();

export function readyIds(a: SpecAnalysis): Set<string> {
  let ids = readyCache.get(a);
  if (!ids) readyCache.set(a, (ids = new Set(a.ready.map((t) => t.id))));
  return ids;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

function doneOf(a: SpecAnalysis): string {
  const done = a.spec.tasks.filter((t) => t.status === 'done').length;
  return `${done}/${a.spec.tasks.length} done`;
}

/** `specs/001-signup/tasks.md` -> `001-signup`; `spec/tasks.md` -> `spec/tasks.md`. */
function featureName(rel: string): string {
  const parts = rel.split(/[\\/]/);
  return parts.length >= 3 ? parts[parts.length - 2]! : rel;
}
