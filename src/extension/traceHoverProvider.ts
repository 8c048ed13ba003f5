// Hovers that make traceability visible where people read: on REQ-/DESIGN-/Kiro `N.M` references
// the requirement's own text and the tasks tracing it; on a dependency its task; on a heading in
// requirements.md the tasks that trace that requirement.
import * as vscode from 'vscode';
import type { SpecAnalysis } from '../core/project/analyzeSpec';
import type { TraceDefinition } from '../core/trace';
import { definitionText } from '../core/trace';
import { COMMANDS } from './commandIds';
import { lookupAt } from './refLookup';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';
import { statusIcon, statusLabel } from './statusIcons';

export class TraceHoverProvider implements vscode.HoverProvider {
  constructor(private readonly ws: SpecWorkspace) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const found = lookupAt(this.ws, doc, pos);
    if (!found) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [COMMANDS.openTask, COMMANDS.revealTask] };
    switch (found.kind) {
      case 'trace': {
        const { hit, entry } = found;
        hit.definitions.forEach((def, i) => {
          if (i > 0) md.appendMarkdown('\n\n---\n\n');
          appendDefinition(md, def, entry.analysis);
        });
        for (const id of hit.missing) md.appendMarkdown(`\n\n$(warning) \`${id}\` is not defined in ${sources(entry)}`);
        if (hit.definitions.length === 0 && hit.missing.length === 0) md.appendText(`"${hit.ref.text}" names no requirement id`);
        const s = hit.ref.span;
        return new vscode.Hover(md, new vscode.Range(s.line, s.col, s.line, s.endCol));
      }
      case 'dep': {
        const { target, ref, entry } = found;
        if (target) {
          md.appendMarkdown(`$(${statusIcon(target.status).id}) **${target.id}**: ${escapeMd(target.title)}\n\n${statusLabel(target.status)}`);
          if (target.priority) md.appendMarkdown(` · ${target.priority.toUpperCase()}`);
          if (target.estimate) md.appendMarkdown(` · ${escapeMd(target.estimate)}`);
          if (target.description) md.appendMarkdown(`\n\n${escapeMd(target.description.split('\n').slice(0, 4).join(' '))}`);
          md.appendMarkdown(`\n\n[Reveal in Tasks](${commandUri(COMMANDS.revealTask, [entry.uri.fsPath, target.id])})`);
        } else {
          md.appendMarkdown(`$(warning) \`${ref.id}\` is not a task of this file`);
        }
        const s = ref.span;
        return new vscode.Hover(md, new vscode.Range(s.line, s.col, s.line, s.endCol));
      }
      case 'definition': {
        const def = found.def;
        md.appendMarkdown(`**${escapeMd(def.id)}**${def.title ? `: ${escapeMd(def.title)}` : ''}\n\n`);
        let any = false;
        for (const entry of found.entries) {
          const ids = entry.analysis.trace.tasksTracing(def.id);
          for (const id of ids) {
            any = true;
            appendTaskLine(md, entry, id);
          }
        }
        if (!any) md.appendMarkdown('$(warning) No task traces this yet.');
        const s = def.span;
        return new vscode.Hover(md, new vscode.Range(s.line, s.col, s.line, s.endCol));
      }
    }
  }
}

function appendDefinition(md: vscode.MarkdownString, def: TraceDefinition, a: SpecAnalysis): void {
  const text = a.definitionTexts.get(def.file);
  md.appendMarkdown(`**${escapeMd(def.id)}**${def.title ? `: ${escapeMd(def.title)}` : ''}`);
  md.appendMarkdown(` · [${escapeMd(fileName(def.file))}:${def.line + 1}](${vscode.Uri.file(def.file).with({ fragment: `L${def.line + 1}` }).toString()})\n\n`);
  if (text) {
    // The heading is already shown; the rest is the requirement's own words, quoted.
    const body = definitionText(def, text).split('\n').slice(1).join('\n').trim();
    if (body) md.appendMarkdown(`${body.split('\n').map((l) => `> ${l}`).join('\n')}\n\n`);
  }
  const tracing = a.trace.tasksTracing(def.id);
  if (tracing.length > 0) {
    md.appendMarkdown('Traced by:\n\n');
    for (const id of tracing) appendTaskLineFor(md, a, id);
  }
}

function appendTaskLine(md: vscode.MarkdownString, entry: SpecEntry, id: string): void {
  appendTaskLineFor(md, entry.analysis, id);
}

function appendTaskLineFor(md: vscode.MarkdownString, a: SpecAnalysis, id: string): void {
  const t = a.graph.task(id);
  if (!t) return;
  const link = commandUri(COMMANDS.openTask, [vscode.Uri.file(a.spec.file).toString(), t.line]);
  md.appendMarkdown(`- $(${statusIcon(t.status).id}) [${escapeMd(t.id)}](${link}) ${escapeMd(t.title)} (${statusLabel(t.status)})\n`);
}

function sources(entry: SpecEntry): string {
  return entry.definitionFiles.map(fileName).join(', ') || 'no definition file';
}

function fileName(p: string): string {
  return p.split(/[\\/]/).slice(-2).join('/');
}

export function commandUri(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|]/g, '\\$&');
}
