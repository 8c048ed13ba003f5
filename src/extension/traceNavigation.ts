// Ctrl+click navigation: go-to-definition and document links from a task's trace references to
// the requirement / design heading, and from a dependency reference to its task's header.
import * as vscode from 'vscode';
import { definitionLocation, lookupAt } from './refLookup';
import type { SpecWorkspace } from './specWorkspace';

export class TraceDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly ws: SpecWorkspace) {}

  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.Location[] | undefined {
    const found = lookupAt(this.ws, doc, pos);
    if (!found) return undefined;
    if (found.kind === 'trace') return found.hit.definitions.map(definitionLocation);
    if (found.kind === 'dep' && found.target) {
      const h = found.target.header;
      return [new vscode.Location(found.entry.uri, new vscode.Range(h.line, h.col, h.line, h.endCol))];
    }
    return undefined;
  }
}

export class TraceLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly ws: SpecWorkspace) {}

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const entry = this.ws.entryFor(doc.uri);
    if (!entry) return [];
    const a = entry.analysis;
    const links: vscode.DocumentLink[] = [];
    for (const task of a.spec.tasks) {
      for (const ref of task.traces) {
        const def = ref.ids.map((id) => a.trace.definition(id)).find((d) => d !== null);
        if (!def) continue;
        const s = ref.span;
        const link = new vscode.DocumentLink(
          new vscode.Range(s.line, s.col, s.line, s.endCol),
          vscode.Uri.file(def.file).with({ fragment: `L${def.line + 1},${def.span.col + 1}` }),
        );
        link.tooltip = `${def.id}${def.title ? `: ${def.title}` : ''}`;
        links.push(link);
      }
      for (const ref of [...task.dependsOn, ...task.blocks]) {
        const target = a.graph.task(ref.id);
        if (!target) continue;
        const s = ref.span;
        const link = new vscode.DocumentLink(
          new vscode.Range(s.line, s.col, s.line, s.endCol),
          entry.uri.with({ fragment: `L${target.line + 1},${target.header.col + 1}` }),
        );
        link.tooltip = `${target.id}: ${target.title}`;
        links.push(link);
      }
    }
    return links;
  }
}
