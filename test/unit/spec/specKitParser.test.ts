// The Spec Kit tasks.md parser on real fixture files: ids, titles, statuses, phases, markers, prose
// deps with exact spans, near-miss diagnostics, windows, the incremental re-parse, and the shared
// checkbox helpers the write-back uses.
import { deepStrictEqual, doesNotThrow, ok, strictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkboxChar, statusFromBox } from '../../../src/core/spec/checkbox';
import { reparseSpec } from '../../../src/core/spec/incremental';
import type { LineChange } from '../../../src/core/spec/incremental';
import type { Diagnostic, ParsedSpec, Priority, Span, Task, TaskStatus } from '../../../src/core/spec/model';
import { parseLines, parseSpec } from '../../../src/core/spec/parseSpec';
import { specKitParser } from '../../../src/core/spec/specKitParser';
import { splitText } from '../../../src/core/spec/text';

const SPECS = join(__dirname, '../../fixtures/spec-kit/specs');
const NO_CTX = { group: null, subgroup: null };

function fixture(feature: string): { text: string; file: string; lines: string[]; spec: ParsedSpec } {
  const text = readFileSync(join(SPECS, feature, 'tasks.md'), 'utf8');
  const file = `specs/${feature}/tasks.md`;
  return { text, file, lines: splitText(text).lines, spec: parseSpec(text, file) };
}

const S = (line: number, col: number, endCol: number): Span => ({ line, col, endCol });

function textAt(lines: readonly string[], s: Span): string {
  return lines[s.line]!.slice(s.col, s.endCol);
}

/** [id, line, endLine, status, box, title, group, subgroup, priority, parallel, story, idCol, titleCol, boxCol] */
type Row = [string, number, number, TaskStatus, string, string, string | null, string | null, Priority | null, boolean, string | null, number, number, number];

function checkRows(lines: readonly string[], tasks: readonly Task[], rows: readonly Row[]): void {
  deepStrictEqual(tasks.map((t) => t.id), rows.map((r) => r[0]));
  rows.forEach((r, k) => {
    const t = tasks[k]!;
    const [id, line, endLine, status, box, title, group, subgroup, priority, parallel, story, idCol, titleCol, boxCol] = r;
    deepStrictEqual(
      [t.id, t.line, t.endLine, t.status, t.statusText, t.title, t.group, t.subgroup, t.priority, t.parallel, t.story],
      [id, line, endLine, status, box, title, group, subgroup, priority, parallel, story],
      `task ${id}`,
    );
    deepStrictEqual(t.idSpan, S(line, idCol, idCol + id.length), `${id} idSpan`);
    deepStrictEqual(t.titleSpan, S(line, titleCol, titleCol + title.length), `${id} titleSpan`);
    deepStrictEqual(t.statusSpan, S(line, boxCol, boxCol + box.length), `${id} statusSpan`);
    strictEqual(textAt(lines, t.idSpan), id);
    strictEqual(textAt(lines, t.titleSpan), title);
    strictEqual(textAt(lines, t.statusSpan!), box);
    deepStrictEqual(t.header, S(line, t.header.col, titleCol + title.length), `${id} header ends with the title`);
    strictEqual(t.format, 'spec-kit');
    deepStrictEqual([t.checklist, t.blocks, t.traces, t.fields, t.children], [[], [], [], [], []]);
    deepStrictEqual([t.meta, t.estimate, t.mode, t.parent, t.optional], [null, null, null, null, false]);
  });
}

function deps(t: Task | undefined): [string, number, number, number, string][] {
  return (t?.dependsOn ?? []).map((r) => [r.id, r.span.line, r.span.col, r.span.endCol, r.via]);
}

function diags(ds: readonly Diagnostic[]): [string, string, number, number, number][] {
  return ds.map((d) => [d.severity, d.code, d.span.line, d.span.col, d.span.endCol]);
}

const P1 = 'Phase 1: Setup (Shared Infrastructure)';
const P2 = 'Phase 2: Foundational (Blocking Prerequisites)';
const P3 = 'Phase 3: User Story 1 - Sign up with email (Priority: P1) 🎯 MVP';
const P4 = 'Phase 4: User Story 2 - Verify the email address (Priority: P2)';
const P5 = 'Phase 5: Polish & Cross-Cutting Concerns';
const TESTS = 'Tests for User Story 1';
const IMPL = 'Implementation for User Story 1';

describe('specKitParser', () => {
  describe('001-signup (a realistic generated file)', () => {
    const { lines, spec } = fixture('001-signup');
    const byId = (id: string): Task | undefined => spec.tasks.find((t) => t.id === id);

    it('is detected by path and skips the frontmatter', () => {
      strictEqual(spec.format, 'spec-kit');
      deepStrictEqual(spec.frontmatter, { startLine: 0, endLine: 2 });
      deepStrictEqual(spec.diagnostics, []);
      strictEqual(spec.lineCount, 70);
    });

    it('reads every task with exact ids, titles, statuses, phases, markers and spans', () => {
      checkRows(lines, spec.tasks, [
        ['T001', 16, 16, 'done', 'x', 'Create the project structure per the implementation plan', P1, null, null, false, null, 6, 11, 3],
        ['T002', 17, 17, 'done', 'X', 'Initialize a TypeScript project with Express and Vitest', P1, null, null, false, null, 6, 11, 3],
        ['T003', 18, 18, 'todo', ' ', 'Configure linting in .eslintrc.json', P1, null, null, true, null, 6, 15, 3],
        ['T004', 22, 22, 'todo', ' ', 'Set up the database schema and migrations in src/db/migrations/', P2, null, null, false, null, 6, 11, 3],
        // The checkpoint prose after T005 is still its block: the block ends at the next heading.
        ['T005', 23, 25, 'in_progress', '-', 'Implement the error middleware in src/api/errors.ts', P2, null, null, true, null, 6, 15, 3],
        ['T010', 33, 33, 'todo', ' ', 'Contract test for POST /signup in tests/contract/signup.test.ts', P3, TESTS, 'p1', true, 'US1', 6, 21, 3],
        ['T011', 34, 34, 'todo', ' ', 'Integration test for the sign-up journey in tests/integration/signup.test.ts', P3, TESTS, 'p1', true, 'US1', 6, 21, 3],
        ['T012', 38, 38, 'todo', ' ', 'Create the User model in src/models/user.ts', P3, IMPL, 'p1', true, 'US1', 6, 21, 3],
        ['T013', 39, 41, 'todo', ' ', 'Implement SignupService in src/services/signup.ts (depends on T012)', P3, IMPL, 'p1', false, 'US1', 6, 17, 3],
        ['T014', 42, 42, 'todo', ' ', 'Wire the endpoint in src/api/signup.ts, depends on T012, T013', P3, IMPL, 'p1', false, 'US1', 6, 17, 3],
        ['T015', 43, 45, 'blocked', '!', 'Send the welcome email (after T014)', P3, IMPL, 'p1', false, 'US1', 6, 17, 3],
        ['T016', 49, 49, 'todo', ' ', 'Add the verification token table; requires T004', P4, null, 'p2', false, 'US2', 6, 17, 3],
        ['T017', 50, 50, 'todo', ' ', 'Send the verification link from src/services/verify.ts', P4, null, 'p2', true, 'US2', 6, 21, 3],
        ['T018', 54, 54, 'todo', ' ', 'Document the endpoint in docs/signup.md', P5, null, null, true, null, 6, 15, 3],
        // The fenced example below T019 (and its `- [ ] T999` line) is hidden and belongs to no task.
        ['T019', 55, 55, 'todo', ' ', 'Run the quickstart.md validation', P5, null, null, false, null, 6, 11, 3],
      ]);
      deepStrictEqual(byId('T001')!.header, S(16, 0, 67));
    });

    it('gives the whole task exactly, details included', () => {
      deepStrictEqual(byId('T013'), {
        id: 'T013',
        title: 'Implement SignupService in src/services/signup.ts (depends on T012)',
        format: 'spec-kit',
        line: 39,
        endLine: 41,
        header: S(39, 0, 84),
        idSpan: S(39, 6, 10),
        titleSpan: S(39, 17, 84),
        status: 'todo',
        statusText: ' ',
        statusSpan: S(39, 3, 4),
        meta: null,
        priority: 'p1',
        estimate: null,
        description: 'Hash passwords with argon2id\nReject a duplicate email with 409 Conflict',
        checklist: [],
        dependsOn: [{ id: 'T012', span: S(39, 79, 83), via: 'prose' }],
        blocks: [],
        traces: [],
        parent: null,
        children: [],
        group: P3,
        subgroup: IMPL,
        optional: false,
        parallel: false,
        story: 'US1',
        mode: null,
        fields: [],
      });
    });

    it('reads prose dependencies with the exact span of each id', () => {
      deepStrictEqual(deps(byId('T013')), [['T012', 39, 79, 83, 'prose']]);
      deepStrictEqual(deps(byId('T014')), [['T012', 42, 68, 72, 'prose'], ['T013', 42, 74, 78, 'prose']]);
      deepStrictEqual(deps(byId('T015')), [['T014', 43, 47, 51, 'prose']]);
      deepStrictEqual(deps(byId('T016')), [['T004', 49, 60, 64, 'prose']]);
      deepStrictEqual(spec.tasks.filter((t) => t.dependsOn.length > 0).map((t) => t.id), ['T013', 'T014', 'T015', 'T016']);
      for (const t of spec.tasks) for (const r of t.dependsOn) strictEqual(textAt(lines, r.span), r.id);
    });

    it('lists every ## heading as a phase and every ### as a sub-group, with whole-line spans', () => {
      deepStrictEqual(spec.groups.map((g) => [g.kind, g.line, g.title]), [
        ['phase', 9, 'Format: `[ID] [P?] [Story] Description`'],
        ['phase', 14, P1],
        ['phase', 20, P2],
        ['phase', 27, P3],
        ['subgroup', 31, TESTS],
        ['subgroup', 36, IMPL],
        ['phase', 47, P4],
        ['phase', 52, P5],
        ['phase', 57, 'Parallel Example: User Story 1'],
        ['phase', 65, 'Notes'],
      ]);
      // UTF-16 columns: the 🎯 is two code units.
      deepStrictEqual(spec.groups[3]!.span, S(27, 0, 67));
      strictEqual(lines[27]!.length, 67);
    });

    it('records headings and fence lines (and heading-like lines inside fences) as context lines', () => {
      deepStrictEqual(spec.contextLines, [4, 9, 14, 20, 27, 31, 36, 47, 52, 57, 59, 60, 63, 65]);
      for (const l of spec.contextLines) ok(specKitParser.isContextLine(lines[l]!), `line ${l}`);
      ok(!specKitParser.isContextLine(lines[16]!));
      ok(!specKitParser.isContextLine('#hashtag is no heading'));
      ok(!specKitParser.isContextLine('    # four spaces is no heading'));
      ok(specKitParser.isContextLine('   ### three spaces still is'));
      ok(specKitParser.isContextLine('  ~~~~ an indented fence'));
    });

    it('parses a window from a task header with its context exactly as the whole file does', () => {
      const t13 = byId('T013')!;
      const t17 = byId('T017')!;
      // [T013, T015): no heading inside, so this is a window reparseSpec may use.
      const chunk = specKitParser.parse(lines, t13.line, 43, { group: t13.group, subgroup: t13.subgroup }, spec.file);
      deepStrictEqual(chunk.tasks.map((t) => t.id), ['T013', 'T014']);
      deepStrictEqual(chunk.tasks, spec.tasks.filter((t) => t.line >= 39 && t.line < 43));
      deepStrictEqual(chunk.diagnostics, []);
      deepStrictEqual(chunk.groups, []);
      // A window that starts after its heading still gets the phase's priority from the context.
      const tail = specKitParser.parse(lines, t17.line, 51, { group: t17.group, subgroup: t17.subgroup }, spec.file);
      deepStrictEqual(tail.tasks, [t17]);
    });
  });

  describe('002-quirks (what people write besides the template)', () => {
    const { lines, spec } = fixture('002-quirks');
    const PH1 = 'Phase 1: Setup';
    const PH2 = 'Phase 2: Hardening (Priority: P7)';

    it('tolerates bold ids, markers in either order, dashed stories, odd boxes and indentation', () => {
      checkRows(lines, spec.tasks, [
        ['T000', 2, 2, 'todo', ' ', 'A task before any phase', null, null, null, false, null, 6, 11, 3],
        // The id span leaves the ** out.
        ['T001', 6, 6, 'todo', ' ', 'Bold id with its stars left out of the id span', PH1, null, null, false, null, 8, 15, 3],
        ['T002', 7, 7, 'todo', ' ', 'Story label before the parallel marker', PH1, null, null, true, 'US1', 6, 21, 3],
        ['T003', 8, 8, 'todo', ' ', 'Dashed story label', PH1, null, null, false, 'AUTH-US1', 6, 22, 3],
        ['T004', 9, 9, 'done', 'x', 'Two-digit story; title keeps [brackets] and src/a.ts', PH1, null, null, true, 'US12', 6, 22, 3],
        ['T005', 10, 10, 'unknown', '?', 'Unknown box character', PH1, null, null, false, null, 6, 11, 3],
        ['T006', 11, 11, 'todo', ' ', 'Indented task line', PH1, null, null, false, null, 8, 13, 5],
        // Details run to the first column-0 line; the block runs on to the next heading.
        ['T007', 12, 18, 'todo', ' ', 'Task with details', PH1, null, null, false, null, 6, 11, 3],
        ['T008', 22, 22, 'todo', ' ', 'Task in sub A', PH1, 'Sub A', null, false, null, 6, 11, 3],
        // A box holding a surrogate pair: the status span is two UTF-16 units wide.
        ['T009', 26, 26, 'unknown', '🚀', 'Emoji in the box', PH2, null, null, false, null, 7, 12, 3],
        ['T010', 27, 27, 'todo', ' ', 'Title with (requires T009) and after T010 itself', PH2, null, null, false, null, 6, 11, 3],
        ['T0100', 28, 28, 'todo', ' ', 'Four-digit id', PH2, null, null, false, null, 6, 12, 3],
        ['T011', 29, 34, 'todo', ' ', '[P] Second P marker stays in the title', PH2, null, null, true, null, 6, 15, 3],
        // Duplicates are kept for validation to report; the plain checkbox after it is text.
        ['T001', 36, 37, 'todo', ' ', 'Duplicate id is kept', PH2, null, null, false, null, 6, 11, 3],
      ]);
      deepStrictEqual(spec.tasks[6]!.header, S(11, 2, 31));
    });

    it('collects indented details, bullets stripped, and their prose deps', () => {
      const t7 = spec.tasks[7]!;
      strictEqual(t7.description, 'First detail line\nsecond detail, depends on T001 and T003\nthird detail after a blank line');
      deepStrictEqual(deps(t7), [['T001', 14, 32, 36, 'prose'], ['T003', 14, 41, 45, 'prose']]);
      // A self reference is kept: validation reports it.
      deepStrictEqual(deps(spec.tasks[10]), [['T009', 27, 32, 36, 'prose'], ['T010', 27, 48, 52, 'prose']]);
      strictEqual(spec.tasks[5]!.description, '');
    });

    it('warns on unknown boxes and priorities, and notes indented tasks', () => {
      deepStrictEqual(diags(spec.diagnostics), [
        ['warning', 'unknown-status', 10, 3, 4],
        ['info', 'indented-task', 11, 0, 2],
        ['warning', 'unknown-priority', 24, 33, 35],
        ['warning', 'unknown-status', 26, 3, 5],
      ]);
      const [unknown, indented, priority] = spec.diagnostics;
      ok(unknown!.message.includes('"[?]"') && unknown!.message.includes('"[ ]" (todo)'));
      ok(indented!.message.includes('T006') && indented!.message.includes('column 0'));
      ok(priority!.message.includes('"P7"') && priority!.message.includes('expected P0, P1, P2 or P3'));
      strictEqual(textAt(lines, priority!.span), 'P7');
    });

    it('reads sub-groups and hides fenced lines, headings included', () => {
      deepStrictEqual(spec.groups.map((g) => [g.kind, g.line, g.title]), [
        ['phase', 4, PH1],
        ['subgroup', 20, 'Sub A'],
        ['phase', 24, PH2],
      ]);
      deepStrictEqual(spec.contextLines, [0, 4, 20, 24, 31, 33, 34]);
    });
  });

  describe('003-broken (near misses)', () => {
    const { lines, spec } = fixture('003-broken');

    it('keeps the one real task', () => {
      checkRows(lines, spec.tasks, [
        ['T011', 17, 20, 'todo', ' ', 'The only real task here', 'Phase 1: Setup', null, null, false, null, 6, 11, 3],
      ]);
    });

    it('explains each near miss at the offending token, saying what was expected', () => {
      deepStrictEqual(diags(spec.diagnostics), [
        ['warning', 'not-a-task', 4, 6, 8],
        ['warning', 'not-a-task', 5, 6, 9],
        ['warning', 'not-a-task', 6, 0, 1],
        ['warning', 'not-a-task', 7, 0, 1],
        ['warning', 'not-a-task', 8, 0, 2],
        ['warning', 'not-a-task', 9, 2, 4],
        ['warning', 'not-a-task', 10, 2, 7],
        ['warning', 'not-a-task', 11, 4, 5],
        ['warning', 'not-a-task', 12, 6, 10],
        ['warning', 'not-a-task', 13, 6, 11],
        ['warning', 'not-a-task', 14, 6, 10],
        ['warning', 'not-a-task', 15, 6, 10],
        ['warning', 'not-a-task', 16, 6, 10],
        ['warning', 'not-a-task', 19, 0, 7],
      ]);
      const m = spec.diagnostics.map((d) => d.message);
      ok(m[0]!.includes('expected "T001", found "T1"'), m[0]);
      ok(m[1]!.includes('expected "T001", found "T01"'), m[1]);
      ok(m[2]!.includes('not "* "') && m[2]!.includes('"- [ ] T001'), m[2]);
      ok(m[3]!.includes('not "+ "'), m[3]);
      ok(m[4]!.includes('space between "-" and "["'), m[4]);
      ok(m[5]!.includes('found "[]"'), m[5]);
      ok(m[6]!.includes('found "[ x ]"'), m[6]);
      ok(m[7]!.includes('space between "]" and the task id'), m[7]);
      ok(m[8]!.includes('expected "T008", found "t008"'), m[8]);
      ok(m[9]!.includes('space after the task id "T009", found "T009:"'), m[9]);
      ok(m[10]!.includes('title after the task id "T010"'), m[10]);
      ok(m[11]!.includes('title after the task id "T013"'), m[11]);
      ok(m[12]!.includes('"TXXX" is a template placeholder'), m[12]);
      ok(m[13]!.includes('never closed') && m[13]!.includes('1 checkbox line'), m[13]);
      for (const d of spec.diagnostics) ok(d.message.includes('expected'), d.message);
      strictEqual(spec.diagnostics[0]!.file, 'specs/003-broken/tasks.md');
    });
  });

  it('never throws, whatever the lines hold', () => {
    const nasty = [
      '', '-', '- ', '- [', '- [ ', '- [ ]', '- [ ] ', '- [ ] T', '- [ ] T0', '- [ ] **', '- [ ] **T001', '- [ ] **T001**',
      '- [ ] T001 [', '- [ ] T001 [P', '- [ ] T001 [P]', '- [\uD83D] T001 lone surrogate', '- [\uD83D', '\uDE80',
      '#', '##', '## ', '### ', '####### seven', '```', '~~~~', '`', '   ', '\t- [ ] T001 tab', '- [ ] T001 (depends on',
      '- [ ] T001 depends on T', '* [', '+', '-[', '-[]', '- []', '- [xx', '- [ x', ' - [ ] t', '- [ ] TX', '- [ ] TXX',
    ];
    const lines = [...nasty, ...nasty.map((l) => `  ${l}`)];
    for (let from = 0; from < lines.length; from++) {
      doesNotThrow(() => specKitParser.parse(lines, from, lines.length, NO_CTX, 'x.md'));
    }
    doesNotThrow(() => specKitParser.parse(lines, 5, 1000, NO_CTX, 'x.md'));
  });

  describe('the incremental re-parse', () => {
    /** Applies one edit, re-parses incrementally, and checks it against a whole parse. */
    function step(prev: ParsedSpec, lines: string[], change: LineChange, replacement: string[]): { spec: ParsedSpec; lines: string[] } {
      const next = [...lines.slice(0, change.startLine), ...replacement, ...lines.slice(change.oldEndLine)];
      strictEqual(next.length, lines.length + change.newEndLine - change.oldEndLine);
      const inc = reparseSpec(prev, next, change);
      deepStrictEqual(inc, parseLines(next, prev.file, prev.format, prev.eol, prev.bom));
      // Tasks outside the window are the previous objects: the edit did not re-parse the whole file.
      ok(inc.tasks.some((t) => prev.tasks.includes(t)), 'took the incremental path');
      return { spec: inc, lines: next };
    }

    it('matches a whole re-parse after several one-line edits to 001-signup', () => {
      let { spec, lines } = fixture('001-signup');
      // Edits of the first or last task under a heading re-parse the whole file (the window would
      // hold the heading), so these edit tasks inside a phase.
      // Retitle T013.
      ({ spec, lines } = step(spec, lines, { startLine: 39, oldEndLine: 40, newEndLine: 40 }, ['- [ ] T013 [US1] Implement AccountService in src/services/account.ts (depends on T012)']));
      strictEqual(spec.tasks.find((t) => t.id === 'T013')!.title, 'Implement AccountService in src/services/account.ts (depends on T012)');
      // Untick T002's box.
      ({ spec, lines } = step(spec, lines, { startLine: 17, oldEndLine: 18, newEndLine: 18 }, ['- [ ] T002 Initialize a TypeScript project with Express and Vitest']));
      strictEqual(spec.tasks[1]!.status, 'todo');
      // Insert a detail with a prose dep under T014.
      ({ spec, lines } = step(spec, lines, { startLine: 43, oldEndLine: 43, newEndLine: 44 }, ['  - and after T011 passes']));
      deepStrictEqual(deps(spec.tasks.find((t) => t.id === 'T014')), [['T012', 42, 68, 72, 'prose'], ['T013', 42, 74, 78, 'prose'], ['T011', 43, 14, 18, 'prose']]);
      // Delete a detail line of T013: everything below moves up one line.
      ({ spec, lines } = step(spec, lines, { startLine: 41, oldEndLine: 42, newEndLine: 41 }, []));
      strictEqual(spec.tasks.find((t) => t.id === 'T016')!.line, 49);
      // Break T014 into a near miss, then mend it.
      ({ spec, lines } = step(spec, lines, { startLine: 41, oldEndLine: 42, newEndLine: 42 }, ['- [ ] T14 [US1] Wire the endpoint in src/api/signup.ts, depends on T012, T013']));
      strictEqual(spec.tasks.some((t) => t.id === 'T014'), false);
      deepStrictEqual(diags(spec.diagnostics), [['warning', 'not-a-task', 41, 6, 9]]);
      ({ spec, lines } = step(spec, lines, { startLine: 41, oldEndLine: 42, newEndLine: 42 }, ['- [ ] T014 [US1] Wire the endpoint in src/api/signup.ts, depends on T012, T013']));
      deepStrictEqual(spec.diagnostics, []);
      deepStrictEqual(deps(spec.tasks.find((t) => t.id === 'T014')).map((d) => d[0]), ['T012', 'T013', 'T011']);
      // Add a task between T004 and T005.
      ({ spec, lines } = step(spec, lines, { startLine: 23, oldEndLine: 23, newEndLine: 24 }, ['- [?] T020 [P] Measure the error rate (after T004)']));
      deepStrictEqual(spec.tasks.slice(3, 6).map((t) => [t.id, t.line]), [['T004', 22], ['T020', 23], ['T005', 24]]);
      deepStrictEqual(deps(spec.tasks[4]), [['T004', 23, 45, 49, 'prose']]);
      deepStrictEqual(diags(spec.diagnostics), [['warning', 'unknown-status', 23, 3, 4]]);
    });

    // Regressions: incremental.ts once missed these (an unclosed frontmatter closed by a later edit,
    // its line-0 diagnostic dropped; a window cut at a fence inside a task's details).
    it('re-reads an unclosed frontmatter once an edit closes it, keeping its diagnostic meanwhile', () => {
      const file = 'specs/001-signup/tasks.md';
      const text = '---\ndescription: x\n\n- [ ] T001 A\n- [ ] T002 B\n';
      const prev = parseSpec(text, file);
      deepStrictEqual(diags(prev.diagnostics), [['warning', 'bad-frontmatter', 0, 0, 3]]);
      const edited = reparseSpec(prev, ['---', 'description: y', '', '- [ ] T001 A', '- [ ] T002 B', ''], { startLine: 1, oldEndLine: 2, newEndLine: 2 });
      deepStrictEqual(diags(edited.diagnostics), [['warning', 'bad-frontmatter', 0, 0, 3]]);
      const closed = reparseSpec(prev, ['---', 'description: x', '---', '- [ ] T001 A', '- [ ] T002 B', ''], { startLine: 2, oldEndLine: 3, newEndLine: 3 });
      deepStrictEqual([closed.frontmatter, closed.diagnostics], [{ startLine: 0, endLine: 2 }, []]);
    });

    it('keeps the rest of a task whose details hold a fenced block when an edit lands above the fence', () => {
      const file = 'specs/001-x/tasks.md';
      const text = '## Phase 1\n\n- [ ] T001 A\n- [ ] T002 B\n  details\n  ```sh\n  npm test\n  ```\n  more details\n- [ ] T003 C\n';
      const prev = parseSpec(text, file);
      deepStrictEqual([prev.tasks[1]!.endLine, prev.tasks[1]!.description], [8, 'details\nmore details']);
      const { spec } = step(prev, splitText(text).lines, { startLine: 4, oldEndLine: 5, newEndLine: 5 }, ['  details!']);
      deepStrictEqual([spec.tasks[1]!.endLine, spec.tasks[1]!.description], [8, 'details!\nmore details']);
    });

    // Known bug in incremental.ts (reported to the lead; not edited here). Un-skip once fixed: the
    // window now runs past fences to the next group heading, but context lines in
    // [oldEndLine, oldWindowEnd) are not shifted by the edit's line delta (only those at or after
    // oldWindowEnd are), so a fence below an inserted or deleted line keeps its old line number.
    it('incremental.ts: a fence below an inserted line moves with it in contextLines', () => {
      const file = 'specs/001-x/tasks.md';
      const text = '## Phase 1\n\n- [ ] T001 A\n- [ ] T002 B\n  details\n  ```sh\n  npm test\n  ```\n- [ ] T003 C\n';
      const prev = parseSpec(text, file);
      deepStrictEqual(prev.contextLines, [0, 5, 7]);
      const { spec } = step(prev, splitText(text).lines, { startLine: 5, oldEndLine: 5, newEndLine: 6 }, ['  inserted detail']);
      deepStrictEqual(spec.contextLines, [0, 6, 8]);
    });
  });
});

describe('checkbox helpers', () => {
  it('reads the status from the box character', () => {
    deepStrictEqual([' ', 'x', 'X', '-', '!', '?', '~', '🚀', ''].map(statusFromBox),
      ['todo', 'done', 'done', 'in_progress', 'blocked', 'unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('gives the character a status write-back puts in the box, in every checkbox format', () => {
    for (const format of ['spec-kit', 'openspec', 'kiro'] as const) {
      deepStrictEqual(
        (['todo', 'done', 'in_progress', 'review', 'blocked'] as const).map((s) => checkboxChar(s, format)),
        [' ', 'x', '-', '-', '!'],
      );
    }
    // What is written reads back as the status (review has no marker of its own: it reads as in progress).
    deepStrictEqual((['todo', 'done', 'in_progress', 'blocked'] as const).map((s) => statusFromBox(checkboxChar(s, 'spec-kit'))),
      ['todo', 'done', 'in_progress', 'blocked']);
  });
});
