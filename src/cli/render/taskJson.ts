// The stable `--json` shapes of the CLI (documented in the README): one place builds them so
// `task list`, `task show`, `task next` and `validate` can never drift apart.
import { relative } from 'node:path';
import { idPrefix, taskPrefixes } from '../../core/graph';
import type { SpecAnalysis } from '../../core/project/analyzeSpec';
import type { Diagnostic, Severity, Task } from '../../core/spec/model';
import { directDeps } from './graphEdges';

export interface JsonDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  file: string;
  line: number;
  col: number;
  endCol: number;
}

export interface JsonTask {
  id: string;
  title: string;
  status: string;
  priority: string | null;
  estimate: string | null;
  group: string | null;
  dependsOn: string[];
  blocks: string[];
  waitsFor: { id: string; reason: string }[];
  traces: string[];
  optional: boolean;
  parallel: boolean;
  parent: string | null;
  children: string[];
  checklist: { index: number; text: string; checked: boolean; line: number }[];
  ready: boolean;
  line: number;
}

export function relPath(root: string, file: string): string {
  const rel = relative(root, file).replace(/\\/g, '/');
  return rel.startsWith('..') ? file : rel;
}

/** Longer messages are cut in the middle; see `clipMessage`. */
export const MAX_MESSAGE_LENGTH = 1000;

let lastLong: { readonly text: string; readonly clipped: string } | null = null;

/**
 * A message cut to MAX_MESSAGE_LENGTH characters, keeping its start and end: a cycle through
 * 50,000 tasks names them all in one message that every one of them carries, and printing that
 * once per task is quadratic. Consecutive diagnostics share one message, so the last cut is kept.
 */
export function clipMessage(text: string): string {
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  if (lastLong?.text === text) return lastLong.clipped;
  const keep = Math.floor((MAX_MESSAGE_LENGTH - 40) / 2);
  const clipped = `${text.slice(0, keep)} … (${text.length - 2 * keep} characters left out) … ${text.slice(text.length - keep)}`;
  lastLong = { text, clipped };
  return clipped;
}

export function jsonDiagnostic(root: string, d: Diagnostic): JsonDiagnostic {
  return {
    severity: d.severity,
    code: d.code,
    message: clipMessage(d.message),
    file: relPath(root, d.file),
    line: d.span.line + 1,
    col: d.span.col + 1,
    endCol: d.span.endCol + 1,
  };
}

export function makeTaskJson(a: SpecAnalysis): (t: Task) => JsonTask {
  const prefixes = taskPrefixes(a.spec.tasks);
  const ready = new Set(a.ready.map((t) => t.id));
  const isTaskRef = (id: string): boolean => prefixes.has(idPrefix(id));
  return (t) => {
    const traces: string[] = [];
    for (const r of t.traces) for (const id of r.ids) if (!traces.includes(id)) traces.push(id);
    return {
      id: t.id,
      title: t.title,
      status: t.status,
      priority: t.priority,
      estimate: t.estimate,
      group: t.group,
      dependsOn: unique(t.dependsOn.filter((r) => isTaskRef(r.id)).map((r) => r.id)),
      blocks: unique(t.blocks.filter((r) => isTaskRef(r.id)).map((r) => r.id)),
      waitsFor: directDeps(a.graph, t.id).map((d) => ({ id: d.id, reason: d.reason })),
      traces,
      optional: t.optional,
      parallel: t.parallel,
      parent: t.parent,
      children: [...t.children],
      checklist: t.checklist.map((c) => ({ index: c.index, text: c.text, checked: c.checked, line: c.span.line + 1 })),
      ready: ready.has(t.id),
      line: t.line + 1,
    };
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
