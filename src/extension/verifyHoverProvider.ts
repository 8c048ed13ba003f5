// Hover on a task's header or status (meta) line: its latest Verify with the evidence behind it
// (this window's, or the one stored in the run state), or "not verified" and why. A task never
// reads as verified here without its checks, commands, exit codes, output hashes and commit.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { stateDirFor } from '../core/executor/stateDir';
import { latestVerifications, verifiedWithEvidence } from '../core/report/verifications';
import type { VerifyResult } from '../core/report/verify';
import type { Task } from '../core/spec/model';
import { DEFAULT_STATE_FILE, readRunStore } from '../core/store';
import type { RunController } from './runController';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';
import { statusLabel } from './statusIcons';
import { escapeMd } from './traceHoverProvider';
import { evidenceLines } from './verifyEvidence';

type Stored = { readonly kind: 'none' } | { readonly kind: 'read'; readonly results: ReadonlyMap<string, VerifyResult> } | { readonly kind: 'error'; readonly error: string };

/** The stored verifications of one state file, read again only when the file changes. */
interface CacheEntry {
  readonly stamp: string;
  readonly stored: Stored;
}

export class VerifyHoverProvider implements vscode.HoverProvider {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly ws: SpecWorkspace,
    private readonly runs: RunController,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const entry = this.ws.entryFor(doc.uri);
    if (!entry) return undefined;
    const task = entry.analysis.spec.tasks.find((t) => t.line === pos.line || t.meta?.line === pos.line);
    if (!task) return undefined;
    const span = task.meta?.line === pos.line ? task.meta : task.header;
    const range = new vscode.Range(span.line, span.col, span.line, span.endCol);
    const local = this.runs.verification(entry.uri.fsPath, task.id);
    const stored = await this.stored(entry);
    const fromStore = stored.kind === 'read' ? stored.results.get(task.id) : undefined;
    const latest = newest(local, fromStore);
    const md = new vscode.MarkdownString(undefined, true);
    if (latest) appendEvidence(md, latest, latest === local ? "this window's Verify" : 'the run state');
    else appendUnverified(md, task, stored);
    return new vscode.Hover(md, range);
  }

  private async stored(entry: SpecEntry): Promise<Stored> {
    const file = entry.uri.fsPath;
    const root = entry.folder?.uri.fsPath ?? dirname(file);
    const dir = stateDirFor(root, file);
    const path = join(dir, DEFAULT_STATE_FILE);
    if (!existsSync(path)) return { kind: 'none' };
    let stamp: string;
    try {
      const st = statSync(path);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return { kind: 'none' };
    }
    const hit = this.cache.get(path);
    if (hit?.stamp === stamp) return hit.stored;
    const r = await readRunStore(dir);
    let stored: Stored;
    if (!r.ok) stored = { kind: 'error', error: r.error.message };
    else {
      try {
        stored = { kind: 'read', results: latestVerifications(r.store) };
      } finally {
        r.store.close();
      }
    }
    this.cache.set(path, { stamp, stored });
    return stored;
  }
}

function newest(a: VerifyResult | undefined, b: VerifyResult | undefined): VerifyResult | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.at > a.at ? b : a;
}

function appendEvidence(md: vscode.MarkdownString, r: VerifyResult, source: string): void {
  const ok = verifiedWithEvidence(r) === true;
  const [verdict, ...lines] = evidenceLines(r);
  md.appendMarkdown(`$(${ok ? 'verified-filled' : 'error'}) **${escapeMd(verdict ?? '')}**\n\n`);
  for (const line of lines) {
    const nested = line.startsWith('    ');
    md.appendMarkdown(`${nested ? '    ' : ''}- ${escapeMd(line.trim())}\n`);
  }
  md.appendMarkdown(`\nEvidence from ${source}.`);
}

function appendUnverified(md: vscode.MarkdownString, task: Task, stored: Stored): void {
  md.appendMarkdown(`$(circle-large-outline) **${escapeMd(task.id)} not verified**: `);
  if (stored.kind === 'error') {
    md.appendMarkdown(`the run state could not be read (${escapeMd(stored.error)}), so no evidence is known.`);
  } else if (task.status !== 'done') {
    md.appendMarkdown(`it is ${escapeMd(statusLabel(task.status))}; Verify checks finished tasks.`);
  } else {
    md.appendMarkdown('no Verify has been recorded for it. Use its Verify CodeLens or the Testing view to check its checklist, traces, gates, commit and review.');
  }
}
