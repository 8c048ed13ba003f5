// The extension's live model of the workspace's task files: one analysis per task file, read from
// the editor when the file is open (unsaved edits included) and from disk otherwise, re-parsed
// incrementally as the user types, and announced (debounced) to the tree, diagnostics and hovers.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeSpec, type SpecAnalysis } from '../core/project/analyzeSpec';
import { findTaskFiles } from '../core/project/taskFiles';
import { detectFormat } from '../core/spec/detect';
import type { ParsedSpec, SpecFormat } from '../core/spec/model';
import { reparseSpec } from '../core/spec/incremental';
import { parseLines } from '../core/spec/parseSpec';
import { splitText } from '../core/spec/text';
import { loadDefinitions, specFilesFor } from '../core/trace';
import { applyContentChange } from './lineBuffer';
import type { Settings } from './settings';

export interface SpecEntry {
  readonly uri: vscode.Uri;
  readonly folder: vscode.WorkspaceFolder | undefined;
  readonly analysis: SpecAnalysis;
  /** Definition files (requirements, design) this entry's traces resolve against. */
  readonly definitionFiles: readonly string[];
}

interface Source {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder | undefined;
  format: SpecFormat;
  lines: string[];
  spec: ParsedSpec;
  /** Document version the lines mirror, or null when read from disk. */
  version: number | null;
}

const DEBOUNCE_MS = 120;

export class SpecWorkspace implements vscode.Disposable {
  private readonly sources = new Map<string, Source>();
  private entriesByKey = new Map<string, SpecEntry>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  private discovering: Promise<void> | null = null;

  constructor(
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpenOrClose(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onOpenOrClose(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.refresh()),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/{spec,specs,openspec,.kiro}/**/*.md');
    const configWatcher = vscode.workspace.createFileSystemWatcher('**/spec-runner.config.yaml');
    for (const w of [watcher, configWatcher]) {
      this.disposables.push(
        w,
        w.onDidCreate(() => void this.refresh()),
        w.onDidDelete(() => void this.refresh()),
        w.onDidChange((uri) => this.onDiskChange(uri)),
      );
    }
  }

  entries(): readonly SpecEntry[] {
    return [...this.entriesByKey.values()];
  }

  entryFor(uri: vscode.Uri): SpecEntry | undefined {
    return this.entriesByKey.get(key(uri));
  }

  /** Entries whose traces resolve against `uri` (a requirements or design file). */
  entriesUsingDefinitions(uri: vscode.Uri): SpecEntry[] {
    const p = path.normalize(uri.fsPath);
    return this.entries().filter((e) => e.definitionFiles.some((f) => path.normalize(f) === p));
  }

  /** Rediscovers the task files of every workspace folder and analyses them. */
  refresh(): Promise<void> {
    if (this.discovering) {
      // A file created while a discovery runs (git checkout deletes and re-creates tasks.md) may
      // be missed by it: one more discovery follows, shared by every caller meanwhile.
      this.again ??= this.discovering.then(() => {
        this.again = null;
        return this.refresh();
      });
      return this.again;
    }
    this.discovering = this.discover().finally(() => {
      this.discovering = null;
    });
    return this.discovering;
  }

  private again: Promise<void> | null = null;

  /** Resolves once no analysis is pending: for tests and commands that need fresh state. */
  async whenIdle(): Promise<void> {
    if (this.discovering) await this.discovering;
    if (this.timer === undefined) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private async discover(): Promise<void> {
    const started = Date.now();
    const found = new Map<string, Source>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      for (const ref of findTaskFiles(folder.uri.fsPath, this.settings.specPrefix(folder))) {
        const uri = vscode.Uri.file(ref.path);
        const prev = this.sources.get(key(uri));
        found.set(key(uri), prev ?? this.load(uri, folder));
      }
    }
    this.sources.clear();
    for (const [k, s] of found) this.sources.set(k, this.reload(s));
    this.analyzeAll();
    this.log.info(`found ${this.sources.size} task file(s) in ${Date.now() - started} ms`);
  }

  private load(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): Source {
    const source: Source = { uri, folder, format: 'spec-runner', lines: [], spec: parseLines([], uri.fsPath, 'spec-runner'), version: null };
    return this.reload(source);
  }

  /** Re-reads a source from its open document, else from disk, and parses it whole. */
  private reload(s: Source): Source {
    const doc = vscode.workspace.textDocuments.find((d) => key(d.uri) === key(s.uri));
    let text: string;
    try {
      text = doc ? doc.getText() : readFileSync(s.uri.fsPath, 'utf8');
    } catch (err) {
      this.log.warn(`cannot read ${s.uri.fsPath}: ${String(err)}`);
      text = '';
    }
    const rel = s.folder ? path.relative(s.folder.uri.fsPath, s.uri.fsPath).replace(/\\/g, '/') : s.uri.fsPath;
    const format = detectFormat(rel, text, this.settings.format(s.folder)).format;
    const { lines, eol, bom } = splitText(text);
    return { ...s, format, lines, spec: parseLines(lines, s.uri.fsPath, format, eol, bom), version: doc ? doc.version : null };
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const s = this.sources.get(key(e.document.uri));
    if (s) {
      const change = e.contentChanges.length === 1 ? applyContentChange(s.lines, e.contentChanges[0]!) : null;
      if (change && s.lines.length === e.document.lineCount) {
        s.spec = reparseSpec(s.spec, s.lines, change);
        s.version = e.document.version;
      } else {
        Object.assign(s, this.reload(s));
      }
      this.schedule();
      return;
    }
    if (this.isDefinitionFile(e.document.uri)) this.schedule();
  }

  private onOpenOrClose(doc: vscode.TextDocument): void {
    const s = this.sources.get(key(doc.uri));
    // On close the editor's unsaved text is gone: the file on disk is the truth again.
    if (s && (doc.isClosed || s.version !== doc.version)) {
      Object.assign(s, this.reload(s));
      this.schedule();
    }
  }

  private onDiskChange(uri: vscode.Uri): void {
    const s = this.sources.get(key(uri));
    const open = vscode.workspace.textDocuments.some((d) => key(d.uri) === key(uri));
    if (s && !open) Object.assign(s, this.reload(s));
    if (s || this.isDefinitionFile(uri) || uri.fsPath.endsWith('spec-runner.config.yaml')) this.schedule();
  }

  private isDefinitionFile(uri: vscode.Uri): boolean {
    return this.entriesUsingDefinitions(uri).length > 0;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.analyzeAll();
    }, DEBOUNCE_MS);
  }

  private analyzeAll(): void {
    const next = new Map<string, SpecEntry>();
    for (const [k, s] of this.sources) {
      const prefix = s.format === 'spec-runner' ? this.settings.specPrefix(s.folder) : '';
      const files = specFilesFor(s.uri.fsPath, s.format, prefix);
      const definitions = loadDefinitions(files, readOpenOrDisk);
      next.set(k, { uri: s.uri, folder: s.folder, analysis: analyzeSpec(s.spec, definitions), definitionFiles: files.map((f) => f.path) });
    }
    this.entriesByKey = next;
    this.emitter.fire();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const w of this.idleWaiters) w();
    for (const d of this.disposables) d.dispose();
  }
}

export function key(uri: vscode.Uri): string {
  return uri.toString();
}

/** Definition text from the editor when the file is open there (unsaved edits count), else from disk. */
function readOpenOrDisk(file: string): string | null {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && path.normalize(d.uri.fsPath) === path.normalize(file));
  if (doc) return doc.getText();
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
