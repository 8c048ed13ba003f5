// Specpilot itself changes the task file while a task runs (its status, e.g. in_progress, and
// ticked checklist items): bookkeeping, not the work under review. This takes those lines out of
// the diff the reviewers read, and the task file altogether when they are its only changes.
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { planStatus } from '../executor/taskFileWriter';
import type { WritableStatusName } from '../executor/taskMachine';
import { planTaskChange } from '../project/updateTaskFile';
import type { SpecFormat } from '../spec/model';
import { parseSpec } from '../spec/parseSpec';

export interface OwnTaskFile {
  /** As the diff names it: relative to the repository root, `/`-separated. */
  readonly path: string;
  /** The file's path for the parser's messages. */
  readonly file: string;
  readonly format: SpecFormat;
  readonly taskId: string;
  /** The working tree's text: the diff's new side. */
  readonly text: string;
}

interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** The header line with its trailing section text. */
  readonly header: string;
  readonly lines: string[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * `diffText` (as GitPort.diff prints it) without Specpilot's own changes to the task file. Any
 * doubt (a new file, an unreadable hunk, a line the diff and the file disagree on) leaves the
 * diff as it was: showing a bookkeeping line is better than hiding work.
 */
export function dropOwnChanges(diffText: string, own: OwnTaskFile): string {
  const chunks = splitChunks(diffText);
  const i = chunks.findIndex((c) => c.startsWith(`diff --git a/${own.path} b/${own.path}\n`));
  const chunk = chunks[i];
  if (chunk === undefined) return diffText;
  const filtered = filterChunk(chunk, own);
  if (filtered === chunk) return diffText;
  return [...chunks.slice(0, i), filtered, ...chunks.slice(i + 1)].join('');
}

function splitChunks(text: string): string[] {
  const starts: number[] = [];
  const header = /^diff --git /gm;
  for (let m = header.exec(text); m !== null; m = header.exec(text)) starts.push(m.index);
  const head = text.slice(0, starts[0] ?? text.length);
  return [...(head ? [head] : []), ...starts.map((start, n) => text.slice(start, starts[n + 1] ?? text.length))];
}

/** The chunk without Specpilot's lines: '' when nothing else changed in the file. */
function filterChunk(chunk: string, own: OwnTaskFile): string {
  const parsed = parseChunk(chunk);
  if (!parsed) return chunk;
  const after = own.text.split('\n');
  const before = oldSide(after, parsed.hunks);
  if (before === null) return chunk;
  const expected = specpilotVersion(before.join('\n'), own);
  if (expected === null) return chunk;
  // Every change is Specpilot's: the file is not part of the work.
  if (expected === own.text) return '';
  const expectedLines = expected.split('\n');
  // Status and ticks are rewritten in place: anything else is beyond this filter.
  if (expectedLines.length !== before.length) return chunk;
  const mine = new Map<number, string>();
  before.forEach((line, n) => {
    const e = expectedLines[n];
    if (e !== undefined && e !== line) mine.set(n, e);
  });
  const hunks = parsed.hunks.map((h) => withoutOwnPairs(h, mine)).filter((h) => h.lines.some((l) => l.startsWith('+') || l.startsWith('-')));
  if (hunks.length === 0) return '';
  return parsed.head + hunks.map((h) => `${h.header}\n${h.lines.map((l) => `${l}\n`).join('')}`).join('');
}

function parseChunk(chunk: string): { head: string; hunks: Hunk[] } | null {
  const lines = chunk.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const first = lines.findIndex((l) => l.startsWith('@@'));
  // A new, deleted or binary file, or a mode change alone: nothing of Specpilot's to pick out.
  if (first < 0 || lines.some((l) => l.startsWith('new file mode') || l.startsWith('deleted file mode') || l.startsWith('\\'))) return null;
  const hunks: Hunk[] = [];
  for (const line of lines.slice(first)) {
    const m = HUNK_HEADER.exec(line);
    if (m) {
      hunks.push({ oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]), header: line, lines: [] });
    } else {
      const h = hunks.at(-1);
      if (!h || !/^[ +-]/.test(line)) return null;
      h.lines.push(line);
    }
  }
  return { head: lines.slice(0, first).map((l) => `${l}\n`).join(''), hunks };
}

/** The file as it was before the change: the working tree's lines with every hunk undone. */
function oldSide(after: readonly string[], hunks: readonly Hunk[]): string[] | null {
  const out: string[] = [];
  let cursor = 0;
  for (const h of hunks) {
    // A zero-length range names the line before it.
    const start = h.newLines === 0 ? h.newStart : h.newStart - 1;
    if (start < cursor || start > after.length) return null;
    out.push(...after.slice(cursor, start));
    let n = start;
    for (const l of h.lines) {
      const body = l.slice(1);
      if (l[0] !== '-') {
        // The diff was read from this very tree: a line that differs means it changed since.
        if (after[n] !== body) return null;
        n += 1;
      }
      if (l[0] !== '+') out.push(body);
    }
    cursor = n;
  }
  out.push(...after.slice(cursor));
  return out;
}

/** `before` with only what Specpilot writes: the task's status and ticks as they are now. */
function specpilotVersion(before: string, own: OwnTaskFile): string | null {
  const now = parseSpec(own.text, own.file, { format: own.format }).tasks.find((t) => t.id === own.taskId);
  if (!now) return null;
  let text = before;
  if (now.status !== 'unknown') {
    const status: WritableStatusName = now.status;
    const planned = planStatus(text, own.file, own.format, own.taskId, status, false);
    if (!planned.ok) return null;
    text = planned.text;
  }
  let spec = parseSpec(text, own.file, { format: own.format });
  const then = spec.tasks.find((t) => t.id === own.taskId);
  if (!then) return null;
  for (const item of now.checklist) {
    const old = then.checklist.find((c) => c.index === item.index);
    if (!item.checked || !old || old.checked || old.text !== item.text) continue;
    const ticked = planTaskChange(spec, text, { kind: 'check', taskId: own.taskId, index: item.index, checked: true });
    if (!ticked.ok) return null;
    text = ticked.text;
    spec = ticked.spec;
  }
  return text;
}

/**
 * A removed line of Specpilot's and the added line it became, at the same place in their block of
 * changes, turn into one context line (the new text): both sides keep their order and counts, so
 * the hunk header stays true.
 */
function withoutOwnPairs(h: Hunk, mine: ReadonlyMap<number, string>): Hunk {
  const out: string[] = [];
  let old = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
  let k = 0;
  while (k < h.lines.length) {
    const line = h.lines[k]!;
    if (line.startsWith(' ')) {
      out.push(line);
      old += 1;
      k += 1;
      continue;
    }
    const removed: { text: string; at: number }[] = [];
    const added: string[] = [];
    while (k < h.lines.length && !h.lines[k]!.startsWith(' ')) {
      const l = h.lines[k]!;
      if (l.startsWith('-')) removed.push({ text: l.slice(1), at: old++ });
      else added.push(l.slice(1));
      k += 1;
    }
    let r = 0;
    let a = 0;
    for (let n = 0; n < Math.min(removed.length, added.length); n += 1) {
      const rm = removed[n]!;
      if (mine.get(rm.at) !== added[n]) continue;
      for (; r < n; r += 1) out.push(`-${removed[r]!.text}`);
      for (; a < n; a += 1) out.push(`+${added[a]!}`);
      out.push(` ${added[n]!}`);
      r = n + 1;
      a = n + 1;
    }
    for (; r < removed.length; r += 1) out.push(`-${removed[r]!.text}`);
    for (; a < added.length; a += 1) out.push(`+${added[a]!}`);
  }
  return { ...h, lines: out };
}

/** The task file as the diff names it, when it is inside the repository; `text` is the diff's new side. */
export function ownTaskFile(gitRoot: string, file: string, format: SpecFormat, taskId: string, text: string): OwnTaskFile | null {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  // git names its root with symlinks resolved (/private/tmp on macOS); the task file may not be.
  const path = relative(real(gitRoot), real(file));
  if (path === '' || path.startsWith('..')) return null;
  return { path: path.split(sep).join('/'), file, format, taskId, text };
}
