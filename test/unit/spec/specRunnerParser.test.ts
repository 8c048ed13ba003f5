// The spec-runner parser on real fixture files: exact ids, statuses, spans and diagnostics, the
// tolerated quirks, every near-miss header, line-ending variants, windows and incremental edits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reparseSpec } from '../../../src/core/spec/incremental';
import type { LineChange } from '../../../src/core/spec/incremental';
import type { Diagnostic, ParsedSpec, Span, Task } from '../../../src/core/spec/model';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { formatSpecRunnerStatus, parseMetaLine } from '../../../src/core/spec/specRunnerMeta';
import { specRunnerParser } from '../../../src/core/spec/specRunnerParser';
import { SpecRunnerTask } from '../../../src/core/spec/specRunnerTask';
import { splitText } from '../../../src/core/spec/text';

const FIXTURES = join(__dirname, '../../fixtures/spec-runner');
const FILE = 'spec/tasks.md';

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function parse(name: string): ParsedSpec {
  return parseSpec(fixture(name), FILE);
}

function task(spec: ParsedSpec, id: string): Task {
  const t = spec.tasks.find((x) => x.id === id);
  assert.ok(t, `no task ${id}`);
  return t;
}

const sp = (line: number, col: number, endCol: number): Span => ({ line, col, endCol });

/** code, severity, line, col, endCol of each diagnostic, in order. */
function diagRows(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${d.code} ${d.severity} ${d.span.line}:${d.span.col}-${d.span.endCol}`);
}

/**
 * Every field of the Task interface as a plain object: a spec-runner task is a class instance that
 * reads some fields lazily from its own lines, so tests that spell a whole task compare this.
 */
function plainTask(t: Task): Record<keyof Task, unknown> {
  return {
    id: t.id, title: t.title, format: t.format, line: t.line, endLine: t.endLine, header: t.header,
    idSpan: t.idSpan, titleSpan: t.titleSpan, status: t.status, statusText: t.statusText, statusSpan: t.statusSpan,
    meta: t.meta, priority: t.priority, estimate: t.estimate, description: t.description, checklist: t.checklist,
    dependsOn: t.dependsOn, blocks: t.blocks, traces: t.traces, parent: t.parent, children: t.children,
    group: t.group, subgroup: t.subgroup, optional: t.optional, parallel: t.parallel, story: t.story, mode: t.mode,
    fields: t.fields,
  };
}

/** The parts of a task most tests compare, with refs as `ID@line:col-endCol`. */
function summary(t: Task): Record<string, unknown> {
  const at = (s: Span) => `${s.line}:${s.col}-${s.endCol}`;
  return {
    id: t.id,
    line: t.line,
    endLine: t.endLine,
    status: t.status,
    statusText: t.statusText,
    statusSpan: t.statusSpan && at(t.statusSpan),
    priority: t.priority,
    estimate: t.estimate,
    group: t.group,
    dependsOn: t.dependsOn.map((r) => `${r.id}@${at(r.span)}`),
    blocks: t.blocks.map((r) => `${r.id}@${at(r.span)}`),
    traces: t.traces.map((r) => `${r.text}@${at(r.span)}`),
    checklist: t.checklist.map((c) => `${c.index}${c.checked ? 'x' : 'o'} ${c.text}`),
    mode: t.mode,
  };
}

describe('specRunnerParser', () => {
  describe('formats.md example (valid.md)', () => {
    const spec = parse('valid.md');

    it('finds the frontmatter, the three tasks and both milestones', () => {
      assert.equal(spec.format, 'spec-runner');
      assert.deepEqual(spec.frontmatter, { startLine: 0, endLine: 3 });
      assert.deepEqual(spec.tasks.map((t) => t.id), ['TASK-001', 'TASK-002', 'API-7']);
      assert.deepEqual(spec.groups, [
        { title: 'Milestone 1: Accounts', kind: 'milestone', line: 4, span: sp(4, 0, 24) },
        { title: 'Milestone 2: Hardening', kind: 'milestone', line: 30, span: sp(30, 0, 25) },
      ]);
      assert.deepEqual(spec.contextLines, [4, 30]);
      assert.equal(spec.lineCount, 37);
    });

    it('reads TASK-001 completely', () => {
      assert.deepEqual(plainTask(task(spec, 'TASK-001')), {
        id: 'TASK-001',
        title: 'Add the users table',
        format: 'spec-runner',
        line: 6,
        endLine: 17,
        header: sp(6, 0, 33),
        idSpan: sp(6, 4, 12),
        titleSpan: sp(6, 14, 33),
        status: 'done',
        statusText: '✅ DONE',
        statusSpan: sp(7, 8, 14),
        meta: sp(7, 0, 24),
        priority: 'p0',
        estimate: '1d',
        description: 'Create the schema migration and the model.',
        checklist: [
          { index: 1, text: 'Write the migration', checked: true, span: sp(12, 0, 25), box: sp(12, 3, 4) },
          { index: 2, text: 'Add the model', checked: true, span: sp(13, 0, 19), box: sp(13, 3, 4) },
        ],
        dependsOn: [],
        blocks: [{ id: 'TASK-002', span: sp(17, 13, 21), via: 'field' }],
        traces: [
          { text: 'REQ-001', span: sp(15, 16, 23), ids: ['REQ-001'] },
          { text: 'DESIGN-001', span: sp(15, 27, 37), ids: ['DESIGN-001'] },
        ],
        parent: null,
        children: [],
        group: 'Milestone 1: Accounts',
        subgroup: null,
        optional: false,
        parallel: false,
        story: null,
        mode: null,
        fields: [
          { name: 'Checklist', span: sp(11, 0, 14), value: sp(11, 14, 14) },
          { name: 'Traces to', span: sp(15, 0, 38), value: sp(15, 15, 38) },
          { name: 'Depends on', span: sp(16, 0, 17), value: sp(16, 16, 17) },
          { name: 'Blocks', span: sp(17, 0, 22), value: sp(17, 12, 22) },
        ],
      });
    });

    it('reads TASK-002 and API-7, keeping REQ-009 as a ref for the graph to judge', () => {
      assert.deepEqual(summary(task(spec, 'TASK-002')), {
        id: 'TASK-002', line: 19, endLine: 28, status: 'todo', statusText: '⬜ TODO', statusSpan: '20:8-14',
        priority: 'p1', estimate: '2-3d', group: 'Milestone 1: Accounts',
        dependsOn: ['TASK-001@28:17-25'], blocks: [], traces: ['REQ-002@27:16-23'],
        checklist: ['1o POST /signup validates input', '2o Password is hashed'], mode: null,
      });
      assert.equal(task(spec, 'TASK-002').description, '');
      assert.deepEqual(summary(task(spec, 'API-7')), {
        id: 'API-7', line: 32, endLine: 35, status: 'blocked', statusText: 'BLOCKED', statusSpan: '33:5-12',
        priority: 'p2', estimate: null, group: 'Milestone 2: Hardening',
        dependsOn: ['TASK-002@35:17-25', 'REQ-009@35:29-36'], blocks: [], traces: [], checklist: [], mode: null,
      });
      assert.deepEqual(task(spec, 'API-7').meta, sp(33, 0, 12));
    });

    it('reports the indented item, the missing traces and the missing estimate', () => {
      assert.deepEqual(diagRows(spec.diagnostics), [
        'indented-checklist info 25:2-50',
        'no-traces warning 32:0-24',
        'missing-estimate warning 33:0-12',
      ]);
      for (const d of spec.diagnostics) assert.equal(d.file, FILE);
    });
  });

  describe('a realistic file (realistic.md)', () => {
    const spec = parse('realistic.md');

    it('has no diagnostics', () => {
      assert.deepEqual(spec.diagnostics, []);
    });

    it('reads every task', () => {
      assert.deepEqual(spec.tasks.map(summary), [
        {
          id: 'TASK-001', line: 11, endLine: 24, status: 'done', statusText: '✅ DONE', statusSpan: '12:8-14',
          priority: 'p0', estimate: '1d', group: 'Milestone 1: Data model', dependsOn: [],
          blocks: ['TASK-002@24:13-21', 'TASK-003@24:25-33'],
          traces: ['REQ-001@22:16-23', 'REQ-002@22:27-34', 'DESIGN-001@22:38-48'],
          checklist: ['1x Write migration 0007_invoices.sql', '2x Add the Invoice and InvoiceLine models', '3x Cover the models with unit tests'],
          mode: null,
        },
        {
          id: 'TASK-002', line: 26, endLine: 33, status: 'done', statusText: '✅ DONE', statusSpan: '27:8-14',
          priority: 'p1', estimate: '0.5d', group: 'Milestone 1: Data model', dependsOn: ['TASK-001@33:17-25'],
          blocks: [], traces: ['REQ-003@32:16-23'], checklist: ['1x Seed the table from the ECB feed'], mode: null,
        },
        {
          id: 'TASK-003', line: 35, endLine: 51, status: 'review', statusText: '🔍 REVIEW', statusSpan: '36:8-17',
          priority: 'p1', estimate: '4h', group: 'Milestone 1: Data model', dependsOn: ['TASK-001@50:17-25'],
          blocks: [], traces: ['REQ-004@49:16-23', 'DESIGN-002@49:27-37'],
          checklist: ['1x Sequence per tenant and year', '2o Concurrency test with 50 writers'], mode: 'tdd',
        },
        {
          id: 'TASK-004', line: 55, endLine: 67, status: 'in_progress', statusText: '🔄 IN_PROGRESS', statusSpan: '56:8-22',
          priority: 'p0', estimate: '2-3d', group: 'Milestone 2: API', dependsOn: ['TASK-001@66:17-25', 'TASK-003@66:29-37'],
          blocks: ['TASK-005@67:13-21'], traces: ['REQ-005@65:16-23', 'NFR-001@65:27-34', 'DESIGN-003@65:38-48'],
          checklist: ['1x Request schema with zod', '2o Idempotency key support', '3o Return 409 on a duplicate key'], mode: null,
        },
        {
          id: 'TASK-005', line: 69, endLine: 79, status: 'todo', statusText: '⬜ TODO', statusSpan: '70:8-14',
          priority: 'p2', estimate: '2d', group: 'Milestone 2: API', dependsOn: ['TASK-004@79:17-25'],
          blocks: [], traces: ['REQ-006@78:16-23'],
          checklist: ['1o Template with tenant branding', '2o Snapshot test of the PDF text layer'], mode: null,
        },
        {
          id: 'BILL-12', line: 81, endLine: 90, status: 'blocked', statusText: '⏸️ BLOCKED', statusSpan: '82:8-18',
          priority: 'p3', estimate: '1d', group: 'Milestone 2: API', dependsOn: ['TASK-004@90:17-25', 'TASK-005@90:29-37'],
          blocks: [], traces: ['REQ-007@89:16-23'], checklist: ['1o Three reminder templates'], mode: null,
        },
      ]);
    });

    it('reads titles and their spans', () => {
      assert.deepEqual(spec.tasks.map((t) => [t.title, t.idSpan, t.titleSpan]), [
        ['Create the invoices schema', sp(11, 4, 12), sp(11, 14, 40)],
        ['Currency conversion table', sp(26, 4, 12), sp(26, 14, 39)],
        ['Invoice numbering', sp(35, 4, 12), sp(35, 14, 31)],
        ['POST /invoices endpoint', sp(55, 4, 12), sp(55, 14, 37)],
        ['PDF rendering', sp(69, 4, 12), sp(69, 14, 27)],
        ['Dunning emails', sp(81, 4, 11), sp(81, 13, 27)],
      ]);
    });

    it('keeps fenced lines in the description and never reads them as tasks or groups', () => {
      assert.equal(task(spec, 'TASK-001').description,
        'Add the `invoices` and `invoice_lines` tables with a forward-only migration.\nAmounts are stored in minor units (integers), never floats.');
      assert.equal(task(spec, 'TASK-003').description,
        'Numbers are gap-free per tenant and year, for example:\n\n```text\nINV-2025-000123\n### TASK-999: this is sample text, not a task\n```');
      assert.equal(spec.tasks.some((t) => t.id === 'TASK-999'), false);
      assert.deepEqual(spec.contextLines, [5, 9, 40, 43, 53]);
      assert.deepEqual(spec.groups.map((g) => [g.title, g.kind, g.line]), [
        ['Milestone 1: Data model', 'milestone', 9],
        ['Milestone 2: API', 'milestone', 53],
      ]);
    });
  });

  describe('tolerated quirks (quirks.md)', () => {
    const spec = parse('quirks.md');

    it('reads meta lines with extra spaces, no spaces, status first, bold, bullets and word variants', () => {
      const rows = spec.tasks.slice(0, 7).map((t) => [t.id, t.priority, t.status, t.statusText, t.statusSpan, t.estimate, t.meta]);
      assert.deepEqual(rows, [
        ['TASK-001', 'p1', 'in_progress', '🔄  IN_PROGRESS', sp(3, 11, 26), '2d', sp(3, 0, 39)],
        ['TASK-002', 'p2', 'review', '🔍 REVIEW', sp(8, 6, 15), '4h', sp(8, 0, 23)],
        ['TASK-003', 'p0', 'done', '✅ DONE', sp(13, 0, 6), '1d', sp(13, 0, 24)],
        ['TASK-004', 'p3', 'todo', '⬜ TODO', sp(18, 10, 16), '0.5d', sp(18, 0, 30)],
        ['TASK-005', 'p2', 'blocked', '⏸ BLOCKED', sp(23, 10, 19), '1d', sp(23, 0, 29)],
        ['TASK-006', 'p1', 'in_progress', 'in progress', sp(29, 7, 18), '2d', sp(29, 0, 28)],
        ['TASK-007', 'p2', 'in_progress', 'In-Progress', sp(35, 5, 16), null, sp(35, 0, 16)],
      ]);
    });

    it('reads bare, bracketed and prose-followed ids in Depends on and Traces to', () => {
      assert.deepEqual(summary(task(spec, 'TASK-005')).dependsOn, ['TASK-001@26:16-24', 'TASK-002@26:26-34']);
      assert.deepEqual(summary(task(spec, 'TASK-006')).dependsOn, ['TASK-003@32:17-25']);
      assert.deepEqual(summary(task(spec, 'TASK-006')).traces, ['REQ-006@31:15-22', 'NFR-002@31:24-31']);
      assert.deepEqual(summary(task(spec, 'TASK-007')).dependsOn, ['TASK-001@38:17-25', 'TASK-004@38:28-36', 'TASK-005@38:41-49']);
      assert.deepEqual(task(spec, 'TASK-007').traces, [{ text: 'REQ-007', span: sp(37, 13, 20), ids: ['REQ-007'] }]);
      assert.deepEqual(task(spec, 'TASK-007').fields.map((f) => [f.name, f.value]), [
        ['Traces', sp(37, 12, 21)],
        ['Depends on', sp(38, 16, 49)],
      ]);
    });

    it('treats —, -, –, none, N/A and an empty value as no refs', () => {
      for (const id of ['TASK-017', 'API-7', 'AUTH2-15']) {
        assert.deepEqual(task(spec, id).dependsOn, [], id);
        assert.deepEqual(task(spec, id).blocks, [], id);
      }
      assert.deepEqual(task(spec, 'AUTH2-15').fields.at(-1), { name: 'Blocks', span: sp(125, 0, 11), value: sp(125, 11, 11) });
    });

    it('lets the word win over a disagreeing emoji and reports unknown words and priorities', () => {
      const rows = spec.tasks.slice(7, 15).map((t) => [t.id, t.priority, t.status, t.statusText, t.statusSpan, t.meta]);
      assert.deepEqual(rows, [
        ['TASK-008', 'p1', 'todo', '✅ TODO', sp(43, 8, 14), sp(43, 0, 24)],
        ['TASK-009', 'p1', 'unknown', 'WIP', sp(48, 5, 8), sp(48, 0, 18)],
        ['TASK-010', null, 'todo', 'TODO', sp(53, 5, 9), sp(53, 0, 19)],
        ['TASK-011', null, 'blocked', '⏸️ BLOCKED', sp(58, 5, 15), sp(58, 0, 25)],
        ['TASK-012', 'p0', 'todo', '', null, null],
        ['TASK-014', 'p1', 'done', '✅', sp(66, 8, 9), sp(66, 0, 19)],
        ['TASK-015', 'p1', 'unknown', '', null, sp(71, 0, 15)],
        ['TASK-016', null, 'todo', '⬜ TODO', sp(76, 0, 6), sp(76, 0, 16)],
      ]);
      assert.equal(task(spec, 'TASK-012').description, 'This line is the description, not a meta line.');
    });

    it('reports each problem at its exact place, in line order', () => {
      assert.deepEqual(diagRows(spec.diagnostics), [
        'missing-estimate warning 35:0-16',
        'status-mismatch warning 43:8-9',
        'unknown-status error 48:5-8',
        'unknown-priority error 53:0-2',
        'no-traces warning 57:0-29',
        'unknown-priority error 58:0-2',
        'blocked-without-deps warning 58:5-15',
        'missing-meta error 60:0-26',
        'unknown-status warning 66:8-9',
        'unknown-status error 71:0-15',
        'unknown-priority error 76:0-16',
        'indented-checklist info 100:2-43',
      ]);
      const byCode = (code: string, line: number) => spec.diagnostics.find((d) => d.code === code && d.span.line === line)!.message;
      assert.equal(byCode('missing-meta', 60),
        'TASK-012 has no meta line: expected a line like "🟠 P1 | ⬜ TODO | Est: 1d" right after the header; without it the task would default to P0/TODO and look ready');
      assert.equal(byCode('unknown-status', 48),
        'Status "WIP" is not a spec-runner status: expected one of TODO, IN_PROGRESS, REVIEW, DONE, BLOCKED (any case, optionally after its emoji ⬜ 🔄 🔍 ✅ ⏸️).');
      assert.equal(byCode('unknown-priority', 53),
        'Priority "P7" is not a spec-runner priority: expected P0, P1, P2 or P3 (optionally after its emoji 🔴 🟠 🟡 🟢).');
      assert.equal(byCode('status-mismatch', 43),
        'The status emoji ✅ means DONE but the word says TODO: the word wins; expected "⬜ TODO".');
      assert.match(byCode('indented-checklist', 100), /column 0/);
    });

    it('reads fields, X and n boxes, and ignores fenced headers, groups, items and fields', () => {
      const t = task(spec, 'TASK-017');
      assert.deepEqual(summary(t), {
        id: 'TASK-017', line: 82, endLine: 109, status: 'todo', statusText: '⬜ TODO', statusSpan: '83:8-14',
        priority: 'p3', estimate: '3d', group: 'Backlog', dependsOn: [], blocks: [],
        traces: ['REQ-013@107:16-23', 'DESIGN-004@107:27-37'],
        checklist: ['1x Upper-case X is checked', '2o n is kept but not checked', '3o Last item'], mode: 'tdd',
      });
      assert.deepEqual(t.checklist.map((c) => [c.span, c.box]), [
        [sp(98, 0, 29), sp(98, 3, 4)],
        [sp(99, 0, 31), sp(99, 3, 4)],
        [sp(101, 0, 15), sp(101, 3, 4)],
      ]);
      assert.equal(t.description,
        'The description runs until the first field.\n### Notes\nStill description.\n\n```bash\n'
        + '### TASK-900: inside a fence, not a task\n## Not a group either\n- [ ] not an item\n```');
      assert.deepEqual(t.fields.map((f) => f.name), ['Estimate', 'Mode', 'Checklist', 'Traces to', 'Depends on', 'Blocks']);
      assert.equal(spec.tasks.some((x) => x.id === 'TASK-900'), false);
    });

    it('resets the group at a "#" heading and accepts any upper-case prefix', () => {
      assert.deepEqual(spec.groups.map((g) => [g.title, g.kind, g.line]), [
        ['Milestone 1: Tolerated meta lines', 'milestone', 0],
        ['Milestone 2: Problems in the meta line', 'milestone', 40],
        ['Backlog', 'group', 80],
      ]);
      assert.deepEqual(spec.tasks.map((t) => t.group).slice(-3), ['Backlog', null, null]);
      assert.deepEqual(task(spec, 'AUTH2-15').idSpan, sp(120, 4, 12));
      assert.deepEqual(spec.contextLines, [0, 40, 80, 89, 91, 93, 103, 105, 111]);
    });
  });

  describe('near misses (broken.md)', () => {
    const spec = parse('broken.md');
    const expected: [number, number, string][] = [
      [2, 44, 'has 2 "#": spec-runner task headers are "### TASK-001: Title" with exactly three "#".'],
      [7, 26, 'has 4 "#": spec-runner task headers are "### TASK-001: Title" with exactly three "#".'],
      [8, 25, 'its id is bold: spec-runner task headers are "### TASK-001: Title" with a plain id (no "**").'],
      [9, 35, 'its id is bold: spec-runner task headers are "### TASK-001: Title" with a plain id (no "**").'],
      [10, 26, 'has no ":" right after "TASK-105": spec-runner task headers are "### TASK-001: Title" with ":" right after the id.'],
      [11, 36, 'has no ":" right after "TASK-106": spec-runner task headers are "### TASK-001: Title" with ":" right after the id.'],
      [12, 31, 'its id prefix "task" is lower-case: spec-runner task headers are "### TASK-001: Title" with an upper-case prefix.'],
      [13, 13, 'has no title: spec-runner task headers are "### TASK-001: Title" with a title after ": ".'],
      [14, 37, 'its id "TASK-1a" does not end in digits: spec-runner task headers are "### TASK-001: Title" where the id is an upper-case prefix, "-" and digits.'],
      [15, 38, 'has no space after "###": spec-runner task headers are "### TASK-001: Title" with one space after "###".'],
      [16, 37, 'has no space after ":": spec-runner task headers are "### TASK-001: Title" with one space after ":".'],
      [17, 42, 'has more than one space after "###": spec-runner task headers are "### TASK-001: Title" with one space after "###".'],
      [21, 20, 'has 1 "#": spec-runner task headers are "### TASK-001: Title" with exactly three "#".'],
    ];

    it('explains every line that looks like a task header but is not one', () => {
      assert.deepEqual(
        spec.diagnostics.map((d) => [d.code, d.severity, d.span.line, d.span.col, d.span.endCol, d.message]),
        expected.map(([line, endCol, why]) => ['not-a-task', 'warning', line, 0, endCol, `This heading looks like a task but ${why}`]),
      );
    });

    it('keeps the one real task, with the near misses as its text', () => {
      assert.deepEqual(spec.tasks.map((t) => [t.id, t.line, t.endLine, t.group]),
        [['TASK-100', 4, 19, 'TASK-101: Two hashes make a group heading']]);
      assert.deepEqual(spec.groups.map((g) => [g.title, g.kind, g.line]), [['TASK-101: Two hashes make a group heading', 'group', 2]]);
      assert.deepEqual(spec.contextLines, [0, 2, 21]);
    });
  });

  describe('line endings, BOM and windows', () => {
    const lf = fixture('valid.md');
    const base = parseSpec(lf, FILE);
    const same = (a: ParsedSpec, b: ParsedSpec) => {
      assert.deepEqual(a.tasks, b.tasks);
      assert.deepEqual(a.diagnostics, b.diagnostics);
      assert.deepEqual(a.groups, b.groups);
      assert.deepEqual(a.contextLines, b.contextLines);
      assert.deepEqual(a.frontmatter, b.frontmatter);
    };

    it('gives the same tasks for CRLF, a BOM, both, and no final newline', () => {
      const crlf = parseSpec(lf.replace(/\n/g, '\r\n'), FILE);
      assert.equal(crlf.eol, '\r\n');
      same(crlf, base);
      const bom = parseSpec(`\uFEFF${lf}`, FILE);
      assert.equal(bom.bom, true);
      same(bom, base);
      same(parseSpec(`\uFEFF${lf.replace(/\n/g, '\r\n')}`, FILE), base);
      const trimmed = parseSpec(lf.slice(0, -1), FILE);
      assert.equal(trimmed.lineCount, base.lineCount - 1);
      same(trimmed, base);
    });

    it('parses a window from a task header with its context exactly like the whole file', () => {
      const { lines } = splitText(fixture('realistic.md'));
      const whole = parseSpec(fixture('realistic.md'), FILE);
      const t4 = task(whole, 'TASK-004');
      const t5 = task(whole, 'TASK-005');
      const chunk = specRunnerParser.parse(lines, t4.line, t5.line, { group: t4.group, subgroup: null }, FILE);
      assert.deepEqual(chunk.tasks, [t4]);
      assert.deepEqual(chunk.diagnostics, []);
      const tail = specRunnerParser.parse(lines, t5.line, lines.length, { group: 'Milestone 2: API', subgroup: null }, FILE);
      assert.deepEqual(tail.tasks, whole.tasks.slice(4));
    });

    it('knows its context lines', () => {
      const yes = ['# Tasks', '## Milestone 1', '##', '```', '```ts', '~~~', '   ```', '````md'];
      const no = ['### TASK-001: x', '#hashtag', '#### Notes', '    ```', 'text', '``', '```inline```', '- [ ] x', ''];
      for (const l of yes) assert.equal(specRunnerParser.isContextLine(l), true, l);
      for (const l of no) assert.equal(specRunnerParser.isContextLine(l), false, l);
    });
  });

  describe('meta line and status text', () => {
    it('formats the status write-back puts in place of statusSpan', () => {
      assert.equal(formatSpecRunnerStatus('todo'), '⬜ TODO');
      assert.equal(formatSpecRunnerStatus('in_progress'), '🔄 IN_PROGRESS');
      assert.equal(formatSpecRunnerStatus('review'), '🔍 REVIEW');
      assert.equal(formatSpecRunnerStatus('done'), '✅ DONE');
      assert.equal(formatSpecRunnerStatus('blocked'), '\u23F8\uFE0F BLOCKED');
    });

    it('rewriting statusSpan with it round-trips through the parser', () => {
      const text = fixture('valid.md');
      const { lines } = splitText(text);
      const spec = parseSpec(text, FILE);
      for (const t of spec.tasks) {
        for (const status of ['todo', 'in_progress', 'review', 'done', 'blocked'] as const) {
          const s = t.statusSpan!;
          const edited = lines.slice();
          edited[s.line] = edited[s.line]!.slice(0, s.col) + formatSpecRunnerStatus(status) + edited[s.line]!.slice(s.endCol);
          const again = task(parseSpec(edited.join('\n'), FILE), t.id);
          assert.equal(again.status, status, `${t.id} -> ${status}`);
          assert.equal(again.statusText, formatSpecRunnerStatus(status));
          assert.equal(again.priority, t.priority);
          assert.equal(again.estimate, t.estimate);
        }
      }
    });

    it('does not take prose, tables or a lone priority for a meta line', () => {
      for (const l of ['Use a | b pipes here', '| Field | Value |', 'Phase 1 | Phase 2', 'P1', '🔴 P0', 'TODO', 'WIP | Est: 2d']) {
        assert.equal(parseMetaLine(l), null, l);
      }
      assert.notEqual(parseMetaLine('| P1 | TODO |'), null);
      assert.notEqual(parseMetaLine('🔴 P0 ✅ DONE'), null);
      assert.equal(parseMetaLine('**Priority:** P1 | **Status:** DONE')?.word?.text, 'DONE');
      assert.equal(parseMetaLine('P1 | TODO | 3d')?.estimate, '3d');
    });
  });

  describe('robustness', () => {
    it('never throws, on any prefix or shuffle of the fixtures and on junk', () => {
      const all = ['valid.md', 'realistic.md', 'quirks.md', 'broken.md'].flatMap((f) => splitText(fixture(f)).lines);
      const junk = ['###', '### ', '### A-1: ', '- [', '- [ ]', '**', '****:', '**:**', '🔴', '⏸', '|', '```', '~~~~', '#', '- **x', '***', '* ', '\t- [x]'];
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
      for (let round = 0; round < 200; round++) {
        const lines: string[] = [];
        for (let i = 0; i < 60; i++) lines.push(next() % 4 === 0 ? junk[next() % junk.length]! : all[next() % all.length]!);
        for (const from of [0, 5, 30]) {
          const chunk = specRunnerParser.parse(lines, from, lines.length, { group: null, subgroup: null }, FILE);
          for (const t of chunk.tasks) assert.ok(t.line >= from && t.endLine >= t.line && t.endLine < lines.length);
        }
      }
      for (let n = 0; n <= all.length; n += 7) specRunnerParser.parse(all, 0, n, { group: null, subgroup: null }, FILE);
    });
  });

  describe('lazily read details', () => {
    const text = fixture('realistic.md');

    it('reads description, checklist, fields and spans from the task\'s own lines, not the file\'s array', () => {
      const expected = parseSpec(text, FILE).tasks.map(plainTask);
      const lines = splitText(text).lines;
      const chunk = specRunnerParser.parse(lines, 0, lines.length, { group: null, subgroup: null }, FILE);
      // The extension edits its lines array in place between parses.
      lines.fill('### TASK-666: overwritten');
      assert.deepEqual(chunk.tasks.map(plainTask), expected);
    });

    it('keeps each task\'s lines, header to endLine, and nothing of its neighbours', () => {
      const { lines } = splitText(text);
      for (const t of parseSpec(text, FILE).tasks) {
        assert.ok(t instanceof SpecRunnerTask, t.id);
        assert.deepEqual(t.block, lines.slice(t.line, t.endLine + 1), t.id);
      }
    });

    it('gives a task moved by an edit above it its new lines in every span, read lazily or not', () => {
      const prev = parseSpec(text, FILE);
      const lines = splitText(text).lines;
      const n = lines.indexOf('### TASK-002: Currency conversion table');
      // Read TASK-004's lazy fields before the edit: the moved copy must not reuse them.
      assert.deepEqual(task(prev, 'TASK-004').checklist[0]!.span, sp(61, 0, 29));
      const next = [...lines.slice(0, n), 'One more line.', 'And another.', ...lines.slice(n)];
      const incremental = reparseSpec(prev, next, { startLine: n, oldEndLine: n, newEndLine: n + 2 });
      const moved = task(incremental, 'TASK-004');
      // Neither the shift nor the hierarchy pass may turn a task into a plain object without its getters.
      for (const t of incremental.tasks) assert.ok(t instanceof SpecRunnerTask, t.id);
      assert.deepEqual(moved.checklist[0]!.span, sp(63, 0, 29));
      assert.deepEqual(moved.idSpan, sp(57, 4, 12));
      assert.deepEqual(moved.titleSpan, sp(57, 14, 37));
      assert.deepEqual(moved.fields.map((f) => f.span.line), [62, 67, 68, 69]);
      assert.deepEqual(moved.dependsOn.map((r) => r.span), [sp(68, 17, 25), sp(68, 29, 37)]);
      assert.deepEqual(incremental.tasks.map(plainTask), parseSpec(next.join('\n'), FILE).tasks.map(plainTask));
      assert.deepEqual(task(prev, 'TASK-004').checklist[0]!.span, sp(61, 0, 29));
    });
  });

  describe('incremental re-parse', () => {
    const text = fixture('realistic.md');
    const { lines } = splitText(text);
    const prev = parseSpec(text, FILE);

    function check(name: string, edit: (l: string[]) => LineChange): void {
      it(name, () => {
        const next = lines.slice();
        const change = edit(next);
        const incremental = reparseSpec(prev, next, change);
        const whole = parseSpec(next.join('\n'), FILE);
        assert.deepEqual(incremental, whole);
      });
    }
    const replace = (n: number, s: string) => (l: string[]): LineChange => {
      l[n] = s;
      return { startLine: n, oldEndLine: n + 1, newEndLine: n + 1 };
    };
    const lineOf = (s: string) => {
      const n = lines.indexOf(s);
      assert.ok(n >= 0, s);
      return n;
    };

    check('edits a description line', replace(lineOf('Render invoices with the existing template engine.'), 'Render invoices with Typst.'));
    check('turns a description line into a field', replace(lineOf('Render invoices with the existing template engine.'), '**Mode:** tdd'));
    check('ticks a checklist item', replace(lineOf('- [ ] Idempotency key support'), '- [x] Idempotency key support'));
    check('indents a checklist item', replace(lineOf('- [ ] Idempotency key support'), '  - [ ] Idempotency key support'));
    check('renames a task in its header', replace(lineOf('### TASK-005: PDF rendering'), '### TASK-005: PDF and HTML rendering'));
    check('breaks a header into a near miss', replace(lineOf('### TASK-005: PDF rendering'), '### TASK-005 PDF rendering'));
    check('turns a text line into a new task header', replace(lineOf('Render invoices with the existing template engine.'), '### TASK-006: Split out'));
    check('changes a meta line', replace(lineOf('🟡 P2 | ⬜ TODO | Est: 2d'), '🟡 P2 | 🔄 IN_PROGRESS | Est: 2d'));
    check('breaks a meta line', replace(lineOf('🟡 P2 | ⬜ TODO | Est: 2d'), 'P2 | WIP'));
    check('edits a Depends on line', replace(lineOf('**Depends on:** [TASK-004], [TASK-005]'), '**Depends on:** [TASK-004]'));
    check('edits a line in a task that holds a fence', replace(lineOf('- [ ] Concurrency test with 50 writers'), '- [x] Concurrency test with 50 writers'));
    check('edits the first task (after a group heading)', replace(lineOf('- [x] Add the Invoice and InvoiceLine models'), '- [ ] Add the Invoice and InvoiceLine models'));
    check('edits the preamble', replace(lineOf('Tasks for the billing rewrite. Each task traces to spec/requirements.md and spec/design.md.'), 'Preamble.'));
    check('inserts a checklist line', (l) => {
      const n = lineOf('- [ ] Return 409 on a duplicate key');
      l.splice(n + 1, 0, '- [ ] Document the endpoint');
      return { startLine: n + 1, oldEndLine: n + 1, newEndLine: n + 2 };
    });
    check('inserts a line before a task header', (l) => {
      const n = lineOf('### TASK-005: PDF rendering');
      l.splice(n, 0, 'A stray line.');
      return { startLine: n, oldEndLine: n, newEndLine: n + 1 };
    });
    check('deletes a description line', (l) => {
      const n = lineOf('Waiting for the mail provider contract.');
      l.splice(n, 1);
      return { startLine: n, oldEndLine: n + 1, newEndLine: n };
    });
    check('deletes a task header', (l) => {
      const n = lineOf('### TASK-002: Currency conversion table');
      l.splice(n, 1);
      return { startLine: n, oldEndLine: n + 1, newEndLine: n };
    });
    check('inserts a group heading', (l) => {
      const n = lineOf('### BILL-12: Dunning emails');
      l.splice(n, 0, '## Milestone 3: Collections', '');
      return { startLine: n, oldEndLine: n, newEndLine: n + 2 };
    });
    check('opens a code fence', replace(lineOf('Render invoices with the existing template engine.'), '```'));

    it('matches a whole re-parse after every one-line edit of every fixture line', () => {
      for (const name of ['realistic.md', 'quirks.md', 'broken.md', 'valid.md']) {
        const src = splitText(fixture(name)).lines;
        const before = parseSpec(src.join('\n'), FILE);
        for (let n = 1; n < src.length; n++) {
          const edits: [string, string[], LineChange][] = [
            ['append', src.map((l, k) => (k === n ? `${l} more` : l)), { startLine: n, oldEndLine: n + 1, newEndLine: n + 1 }],
            ['blank', src.map((l, k) => (k === n ? '' : l)), { startLine: n, oldEndLine: n + 1, newEndLine: n + 1 }],
            ['delete', src.filter((_, k) => k !== n), { startLine: n, oldEndLine: n + 1, newEndLine: n }],
            ['insert', [...src.slice(0, n), '- [ ] inserted item', ...src.slice(n)], { startLine: n, oldEndLine: n, newEndLine: n + 1 }],
          ];
          for (const [kind, next, change] of edits) {
            const incremental = reparseSpec(before, next, change);
            const whole = parseSpec(next.join('\n'), FILE);
            assert.deepEqual(incremental, whole, `${name} line ${n} ${kind}`);
            assert.deepEqual(incremental.tasks.map(plainTask), whole.tasks.map(plainTask), `${name} line ${n} ${kind}: lazy fields`);
          }
        }
      }
    });

    // An unclosed `---` on line 0: the bad-frontmatter diagnostic must survive an edit, and typing
    // the closing `---` later must turn lines 0..n into frontmatter.
    it('keeps an unclosed frontmatter diagnostic and notices when it gets closed', () => {
      const open = ['---', 'title: x', '', 'intro', '', '### TASK-001: A', '🔴 P0 | ⬜ TODO | Est: 1d', '**Traces to:** [REQ-001]', ''];
      const before = parseSpec(open.join('\n'), FILE);
      for (const replacement of ['intro edited', '---']) {
        const next = open.slice();
        next[3] = replacement;
        assert.deepEqual(reparseSpec(before, next, { startLine: 3, oldEndLine: 4, newEndLine: 4 }), parseSpec(next.join('\n'), FILE));
      }
    });
  });
});
