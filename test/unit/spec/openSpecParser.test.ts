// The OpenSpec tasks.md parser on real fixture files: numbered ids, titles, statuses, groups,
// hierarchy from the number, details, exact spans, near-miss diagnostics and the incremental re-parse.
import { deepStrictEqual, doesNotThrow, ok, strictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reparseSpec } from '../../../src/core/spec/incremental';
import type { LineChange } from '../../../src/core/spec/incremental';
import type { Diagnostic, ParsedSpec, Span, Task, TaskStatus } from '../../../src/core/spec/model';
import { openSpecParser } from '../../../src/core/spec/openSpecParser';
import { parseLines, parseSpec } from '../../../src/core/spec/parseSpec';
import { splitText } from '../../../src/core/spec/text';

const CHANGES = join(__dirname, '../../fixtures/openspec/openspec/changes');
const NO_CTX = { group: null, subgroup: null };

function fixture(change: string): { file: string; lines: string[]; spec: ParsedSpec } {
  const text = readFileSync(join(CHANGES, change, 'tasks.md'), 'utf8');
  const file = `openspec/changes/${change}/tasks.md`;
  return { file, lines: splitText(text).lines, spec: parseSpec(text, file) };
}

const S = (line: number, col: number, endCol: number): Span => ({ line, col, endCol });

function textAt(lines: readonly string[], s: Span): string {
  return lines[s.line]!.slice(s.col, s.endCol);
}

/** [id, line, endLine, status, box, title, group, subgroup, parent, children, headerCol, boxCol, idCol, titleCol] */
type Row = [string, number, number, TaskStatus, string, string, string | null, string | null, string | null, string[], number, number, number, number];

function checkRows(lines: readonly string[], tasks: readonly Task[], rows: readonly Row[]): void {
  deepStrictEqual(tasks.map((t) => t.id), rows.map((r) => r[0]));
  rows.forEach((r, k) => {
    const t = tasks[k]!;
    const [id, line, endLine, status, box, title, group, subgroup, parent, children, headerCol, boxCol, idCol, titleCol] = r;
    deepStrictEqual(
      [t.id, t.line, t.endLine, t.status, t.statusText, t.title, t.group, t.subgroup, t.parent, t.children],
      [id, line, endLine, status, box, title, group, subgroup, parent, children],
      `task ${id}`,
    );
    deepStrictEqual(
      [t.header, t.statusSpan, t.idSpan, t.titleSpan],
      [S(line, headerCol, titleCol + title.length), S(line, boxCol, boxCol + box.length), S(line, idCol, idCol + id.length), S(line, titleCol, titleCol + title.length)],
      `${id} spans`,
    );
    strictEqual(textAt(lines, t.idSpan), id);
    strictEqual(textAt(lines, t.titleSpan), title);
    strictEqual(textAt(lines, t.statusSpan!), box);
    strictEqual(t.format, 'openspec');
    deepStrictEqual([t.checklist, t.dependsOn, t.blocks, t.traces, t.fields], [[], [], [], [], []]);
    deepStrictEqual([t.priority, t.estimate, t.meta, t.mode, t.parallel, t.story, t.optional], [null, null, null, null, false, null, false]);
  });
}

function diags(ds: readonly Diagnostic[]): [string, string, number, number, number][] {
  return ds.map((d) => [d.severity, d.code, d.span.line, d.span.col, d.span.endCol]);
}

describe('openSpecParser', () => {
  describe('add-sessions (a realistic change)', () => {
    const { lines, spec } = fixture('add-sessions');

    it('is detected by path and reads without diagnostics', () => {
      strictEqual(spec.format, 'openspec');
      strictEqual(spec.frontmatter, null);
      deepStrictEqual(spec.diagnostics, []);
    });

    it('reads numbered items with exact ids, titles, statuses, groups, parents and spans', () => {
      checkRows(lines, spec.tasks, [
        // `1` is a heading, not a task, so the candidate parent of 1.1 is dropped.
        ['1.1', 4, 4, 'done', 'x', 'Add the sessions table in migrations/003_sessions.sql', '1. Storage', null, null, [], 0, 3, 6, 10],
        ['1.2', 5, 7, 'todo', ' ', 'Expire sessions after 30 days', '1. Storage', null, null, ['1.2.1', '1.2.2'], 0, 3, 6, 10],
        ['1.2.1', 8, 8, 'todo', ' ', 'Write the cleanup query', '1. Storage', null, '1.2', [], 2, 5, 8, 14],
        ['1.2.2', 9, 9, 'done', 'X', 'Schedule the job', '1. Storage', null, '1.2', [], 2, 5, 8, 14],
        ['2.1', 13, 13, 'todo', ' ', 'Add POST /logout and cover it with a test', '2. API', null, null, [], 0, 3, 6, 10],
        ['2.2', 14, 14, 'in_progress', '-', 'Add GET /sessions for the signed-in user', '2. API', null, null, [], 0, 3, 6, 10],
        ['3.1', 18, 18, 'todo', ' ', 'Run `openspec validate add-sessions --strict`', '3. Validation', null, null, [], 0, 3, 6, 10],
      ]);
      strictEqual(spec.tasks[1]!.description, 'Run the cleanup job hourly\nKeep expired rows for 7 days for the audit');
      strictEqual(spec.tasks[2]!.description, '');
    });

    it('gives each parser task its id-derived parent candidate before the shared post-pass', () => {
      const chunk = openSpecParser.parse(lines, 0, lines.length, NO_CTX, spec.file);
      deepStrictEqual(chunk.tasks.map((t) => [t.id, t.parent]), [
        ['1.1', '1'], ['1.2', '1'], ['1.2.1', '1.2'], ['1.2.2', '1.2'], ['2.1', '2'], ['2.2', '2'], ['3.1', '3'],
      ]);
    });

    it('lists the ## N. Name groups with whole-line spans, and the context lines', () => {
      deepStrictEqual(spec.groups, [
        { title: '1. Storage', kind: 'group', line: 2, span: S(2, 0, 13) },
        { title: '2. API', kind: 'group', line: 11, span: S(11, 0, 9) },
        { title: '3. Validation', kind: 'group', line: 16, span: S(16, 0, 16) },
      ]);
      deepStrictEqual(spec.contextLines, [0, 2, 11, 16]);
      ok(!openSpecParser.isContextLine(lines[4]!));
    });

    it('parses a window from a task header with its context exactly as the whole file does', () => {
      const t = spec.tasks[1]!;
      const chunk = openSpecParser.parse(lines, t.line, 10, { group: t.group, subgroup: t.subgroup }, spec.file);
      const whole = openSpecParser.parse(lines, 0, lines.length, NO_CTX, spec.file);
      deepStrictEqual(chunk.tasks, whole.tasks.slice(1, 4));
      deepStrictEqual([chunk.groups, chunk.diagnostics, chunk.contextLines], [[], [], []]);
    });
  });

  describe('quirks', () => {
    const { lines, spec } = fixture('quirks');

    it('tolerates a trailing dot, missing or extra spaces, odd boxes and deep nesting', () => {
      checkRows(lines, spec.tasks, [
        ['1', 2, 2, 'todo', ' ', 'Task before any group', null, null, null, ['1.1', '1.2', '1.3', '1.4'], 0, 3, 6, 8],
        ['1.1', 6, 6, 'todo', ' ', 'Trailing dot after the number', '1. Storage', null, '1', [], 0, 3, 6, 11],
        ['1.2', 7, 7, 'done', 'x', 'No spaces around the box', '1. Storage', null, '1', [], 0, 2, 4, 8],
        ['1.3', 8, 8, 'todo', ' ', 'Extra spaces everywhere', '1. Storage', null, '1', [], 0, 5, 10, 16],
        ['1.4', 9, 9, 'unknown', '?', 'Unknown box character', '1. Storage', null, '1', ['1.4.1'], 0, 3, 6, 10],
        ['1.4.1', 10, 11, 'todo', ' ', 'Deep child', '1. Storage', null, '1.4', [], 4, 7, 10, 16],
        // `3.1` does not exist, so the three-level id has no parent.
        ['3.1.2', 12, 12, 'todo', ' ', 'Orphan three-level id', '1. Storage', null, null, [], 0, 3, 6, 12],
        ['4.1', 16, 16, 'todo', ' ', 'Task under an unnumbered heading', 'Notes without a number', null, null, [], 0, 3, 6, 10],
        // The fence after 4.2 is in its block; the item inside the fence is hidden.
        ['4.2', 20, 24, 'todo', ' ', 'Task under a sub-section', 'Notes without a number', 'Sub-section', null, [], 0, 3, 6, 10],
      ]);
      strictEqual(spec.tasks[5]!.description, 'Detail of the deep child');
    });

    it('warns on the unknown box only', () => {
      deepStrictEqual(diags(spec.diagnostics), [['warning', 'unknown-status', 9, 3, 4]]);
      ok(spec.diagnostics[0]!.message.includes('"[?]"'));
    });

    it('reads any ## heading as a group and ### as a sub-group', () => {
      deepStrictEqual(spec.groups.map((g) => [g.kind, g.line, g.title]), [
        ['group', 4, '1. Storage'],
        ['group', 14, 'Notes without a number'],
        ['subgroup', 18, 'Sub-section'],
      ]);
      deepStrictEqual(spec.contextLines, [0, 4, 14, 18, 22, 24]);
    });
  });

  describe('broken', () => {
    const { lines, spec } = fixture('broken');

    it('keeps the one real task', () => {
      checkRows(lines, spec.tasks, [
        ['1.5', 9, 14, 'todo', ' ', 'The only real task', '1. Setup', null, null, [], 0, 3, 6, 10],
      ]);
      // The unnumbered sub-step was diagnosed, so it is not a detail either.
      strictEqual(spec.tasks[0]!.description, '');
    });

    it('explains each near miss, saying what was expected', () => {
      deepStrictEqual(diags(spec.diagnostics), [
        ['warning', 'not-a-task', 4, 0, 25],
        ['warning', 'not-a-task', 5, 6, 9],
        ['warning', 'not-a-task', 6, 0, 1],
        ['warning', 'not-a-task', 7, 2, 4],
        ['warning', 'not-a-task', 8, 6, 14],
        ['warning', 'not-a-task', 10, 2, 30],
        ['warning', 'not-a-task', 12, 0, 3],
      ]);
      const m = spec.diagnostics.map((d) => d.message);
      ok(m[0]!.includes('no task number') && m[0]!.includes('expected "- [ ] 1.2 Title"'), m[0]);
      ok(m[1]!.includes('title after the task number "1.1"'), m[1]);
      ok(m[2]!.includes('not "+ "'), m[2]);
      ok(m[3]!.includes('found "[]"'), m[3]);
      ok(m[4]!.includes('"1.4Title" is not a task number followed by a space'), m[4]);
      ok(m[5]!.includes('no task number'), m[5]);
      ok(m[6]!.includes('never closed') && m[6]!.includes('2 checkbox lines') && m[6]!.includes('closing ~~~ line'), m[6]);
      strictEqual(textAt(lines, spec.diagnostics[4]!.span), '1.4Title');
    });
  });

  it('never throws, whatever the lines hold', () => {
    const nasty = [
      '', '-', '* ', '- [', '- [ ]', '- [ ] ', '- [ ] 1', '- [ ] 1.', '- [ ] 1.2.', '- [ ] 1..2 x', '- [ ] .1 x', '-[x]1',
      '- [\uD83D] 1.1 lone surrogate', '- [\uD83D', '#', '## ', '```', '~~~', '\t* [ ] 2.1 tab', '+ [', '- []', '- [x', '*',
    ];
    const lines = [...nasty, ...nasty.map((l) => `   ${l}`)];
    for (let from = 0; from < lines.length; from++) {
      doesNotThrow(() => openSpecParser.parse(lines, from, lines.length, NO_CTX, 'x.md'));
    }
  });

  describe('the incremental re-parse', () => {
    function step(prev: ParsedSpec, lines: string[], change: LineChange, replacement: string[]): { spec: ParsedSpec; lines: string[] } {
      const next = [...lines.slice(0, change.startLine), ...replacement, ...lines.slice(change.oldEndLine)];
      const inc = reparseSpec(prev, next, change);
      deepStrictEqual(inc, parseLines(next, prev.file, prev.format, prev.eol, prev.bom));
      return { spec: inc, lines: next };
    }

    it('matches a whole re-parse after several one-line edits to add-sessions', () => {
      let { spec, lines } = fixture('add-sessions');
      const kids = (): string[] => [...spec.tasks.find((t) => t.id === '1.2')!.children];
      // Retitle 1.2.1.
      ({ spec, lines } = step(spec, lines, { startLine: 8, oldEndLine: 9, newEndLine: 9 }, ['  - [ ] 1.2.1 Write the cleanup query with an index']));
      // A detail under 1.2.1.
      ({ spec, lines } = step(spec, lines, { startLine: 9, oldEndLine: 9, newEndLine: 10 }, ['    Use a single DELETE statement']));
      strictEqual(spec.tasks[2]!.description, 'Use a single DELETE statement');
      // Mark 1.2 in progress, then delete its first detail line.
      ({ spec, lines } = step(spec, lines, { startLine: 5, oldEndLine: 6, newEndLine: 6 }, ['- [-] 1.2 Expire sessions after 30 days']));
      ({ spec, lines } = step(spec, lines, { startLine: 6, oldEndLine: 7, newEndLine: 6 }, []));
      strictEqual(spec.tasks[1]!.description, 'Keep expired rows for 7 days for the audit');
      // A new child of 1.2 between 1.2.1 and 1.2.2 joins the children of a task outside the window.
      ({ spec, lines } = step(spec, lines, { startLine: 9, oldEndLine: 9, newEndLine: 10 }, ['  - [ ] 1.2.3 Log each cleanup run']));
      deepStrictEqual(kids(), ['1.2.1', '1.2.3', '1.2.2']);
      // Break 1.2.1 into an unnumbered item, then mend it.
      ({ spec, lines } = step(spec, lines, { startLine: 7, oldEndLine: 8, newEndLine: 8 }, ['  - [ ] Write the cleanup query with an index']));
      deepStrictEqual(kids(), ['1.2.3', '1.2.2']);
      deepStrictEqual(diags(spec.diagnostics), [['warning', 'not-a-task', 7, 2, 45]]);
      ({ spec, lines } = step(spec, lines, { startLine: 7, oldEndLine: 8, newEndLine: 8 }, ['  - [ ] 1.2.1 Write the cleanup query with an index']));
      deepStrictEqual(kids(), ['1.2.1', '1.2.3', '1.2.2']);
      deepStrictEqual(spec.diagnostics, []);
    });

    // Regression: incremental.ts once lost the id-derived parent of tasks outside the window.
    it('re-links the children outside the window when their parent comes back', () => {
      let { spec, lines } = fixture('add-sessions');
      const original = lines[5]!;
      ({ spec, lines } = step(spec, lines, { startLine: 5, oldEndLine: 6, newEndLine: 6 }, ['Expire sessions after 30 days (no longer a task)']));
      deepStrictEqual(spec.tasks.filter((t) => t.id.startsWith('1.2.')).map((t) => t.parent), [null, null]);
      ({ spec, lines } = step(spec, lines, { startLine: 5, oldEndLine: 6, newEndLine: 6 }, [original]));
      deepStrictEqual(spec.tasks.find((t) => t.id === '1.2')!.children, ['1.2.1', '1.2.2']);
    });
  });
});
