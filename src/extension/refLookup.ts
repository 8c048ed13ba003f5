// What is under the cursor in a spec file: a trace reference in a task, a dependency reference,
// or a requirement / design heading in a definition file. Hovers, go-to-definition and links
// all ask this one question.
import * as vscode from 'vscode';
import type { Task, TaskRef } from '../core/spec/model';
import type { RefHit, TraceDefinition } from '../core/trace';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';

export type Lookup =
  | { readonly kind: 'trace'; readonly entry: SpecEntry; readonly hit: RefHit }
  | { readonly kind: 'dep'; readonly entry: SpecEntry; readonly from: Task; readonly ref: TaskRef; readonly target: Task | undefined }
  | { readonly kind: 'definition'; readonly entries: readonly SpecEntry[]; readonly def: TraceDefinition };

export function lookupAt(ws: SpecWorkspace, doc: vscode.TextDocument, pos: vscode.Position): Lookup | undefined {
  const entry = ws.entryFor(doc.uri);
  if (entry) {
    const hit = entry.analysis.trace.refAt(pos.line, pos.character);
    if (hit) return { kind: 'trace', entry, hit };
    const dep = depRefAt(entry, pos);
    if (dep) return dep;
  }
  const users = ws.entriesUsingDefinitions(doc.uri);
  for (const e of users) {
    const defs = e.analysis.trace.definitionsAt(doc.uri.fsPath, pos.line).filter((d) => d.line === pos.line);
    const def = defs[defs.length - 1];
    if (def) return { kind: 'definition', entries: users, def };
  }
  return undefined;
}

function depRefAt(entry: SpecEntry, pos: vscode.Position): Lookup | undefined {
  const a = entry.analysis;
  const task = taskAtLine(a.spec.tasks, pos.line);
  if (!task) return undefined;
  for (const ref of [...task.dependsOn, ...task.blocks]) {
    const s = ref.span;
    if (s.line === pos.line && pos.character >= s.col && pos.character <= s.endCol) {
      return { kind: 'dep', entry, from: task, ref, target: a.graph.task(ref.id) };
    }
  }
  return undefined;
}

/** The task whose block holds `line` (tasks are in file order: binary search). */
export function taskAtLine(tasks: readonly Task[], line: number): Task | undefined {
  let lo = 0;
  let hi = tasks.length - 1;
  let found: Task | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tasks[mid]!;
    if (t.line <= line) {
      found = t;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && line <= Math.max(found.endLine, found.line) ? found : undefined;
}

export function definitionLocation(def: TraceDefinition): vscode.Location {
  return new vscode.Location(vscode.Uri.file(def.file), new vscode.Range(def.span.line, def.span.col, def.span.line, def.span.endCol));
}
