// The Kiro tasks.md parser on real fixture files: ids, titles, statuses, hierarchy from numbers,
// details, traces and fields with exact spans, near-miss diagnostics, and the incremental re-parse.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseChunk } from '../../../src/core/spec/formatParser';
import { reparseSpec } from '../../../src/core/spec/incremental';
import { kiroParser } from '../../../src/core/spec/kiroParser';
import type { Diagnostic, ParsedSpec, Span, Task, TaskStatus } from '../../../src/core/spec/model';
import { parseLines, parseSpec } from '../../../src/core/spec/parseSpec';
import { splitText } from '../../../src/core/spec/text';

const SPECS = join(__dirname, '../../fixtures/kiro/.kiro/specs');
const TASK_RE = /^(\s*)- \[(.)\](\*)? (\d+(?:\.\d+)*)\.? (.+)$/;
const NO_CTX = { group: null, subgroup: null };

function fixture(feature: string): { text: string; file: string; lines: string[] } {
  const text = readFileSync(join(SPECS, feature, 'tasks.md'), 'utf8');
  return { text, file: `.kiro/specs/${feature}/tasks.md`, lines: splitText(text).lines };
}

function parseKiro(text: string): ParseChunk {
  const { lines } = splitText(text);
  return kiroParser.parse(lines, 0, lines.length, NO_CTX, 'tasks.md');
}

const S = (line: number, col: number, endCol: number): Span => ({ line, col, endCol });

interface Expected {
  id: string;
  title: string;
  line: number;
  endLine?: number;
  /** Column of the `-` that starts the task line. */
  indent?: number;
  box: string;
  status: TaskStatus;
  optional?: boolean;
  /** Column where the title starts; the id starts after `- [.] ` (and `*`). */
  titleCol: number;
  titleEnd: number;
  description?: string;
  parent?: string | null;
  children?: string[];
  group?: string | null;
  traces?: Task['traces'];
  fields?: Task['fields'];
  checklist?: Task['checklist'];
}

/** A whole Kiro Task as the parser must build it; spans follow from the task line's layout. */
function kiro(e: Expected): Task {
  const indent = e.indent ?? 0;
  const idCol = indent + 6 + (e.optional ? 1 : 0);
  return {
    id: e.id,
    title: e.title,
    format: 'kiro',
    line: e.line,
    endLine: e.endLine ?? e.line,
    header: S(e.line, indent, e.titleEnd),
    idSpan: S(e.line, idCol, idCol + e.id.length),
    titleSpan: S(e.line, e.titleCol, e.titleEnd),
    status: e.status,
    statusText: e.box,
    statusSpan: S(e.line, indent + 3, indent + 4),
    meta: null,
    priority: null,
    estimate: null,
    description: e.description ?? '',
    checklist: e.checklist ?? [],
    dependsOn: [],
    blocks: [],
    traces: e.traces ?? [],
    parent: e.parent ?? null,
    children: e.children ?? [],
    group: e.group ?? null,
    subgroup: null,
    optional: e.optional ?? false,
    parallel: false,
    story: null,
    mode: null,
    fields: e.fields ?? [],
  };
}

/** Every span must cover exactly the text it claims, whatever the line holds. */
function assertSpansPointAtText(lines: readonly string[], tasks: readonly Task[]): void {
  const at = (s: Span): string => (lines[s.line] ?? '').slice(s.col, s.endCol);
  for (const t of tasks) {
    strictEqual(at(t.idSpan), t.id);
    strictEqual(at(t.titleSpan), t.title);
    strictEqual(at(t.statusSpan!), t.statusText);
    strictEqual(t.header.line, t.line);
    ok(t.endLine >= t.line);
    for (const r of t.traces) strictEqual(at(r.span), r.text);
    for (const f of t.fields) strictEqual(f.span.endCol, (lines[f.span.line] ?? '').length);
    for (const c of t.checklist) {
      ok(at(c.span).endsWith(c.text));
      strictEqual(at(c.box).length, 1);
    }
  }
}

describe('kiroParser', () => {
  describe('the sessions fixture through parseSpec', () => {
    const { text, file, lines } = fixture('sessions');
    const spec = parseSpec(text, file);

    it('detects Kiro by path and reports no diagnostics, groups or frontmatter', () => {
      strictEqual(spec.format, 'kiro');
      deepStrictEqual(spec.diagnostics, []);
      deepStrictEqual(spec.groups, []);
      strictEqual(spec.frontmatter, null);
      deepStrictEqual(spec.contextLines, [0]);
      strictEqual(spec.lineCount, 27);
    });

    it('reads every task with exact ids, statuses, spans, hierarchy, details, traces and fields', () => {
      deepStrictEqual(spec.tasks, [
        kiro({ id: '1', title: 'Set up the data model', line: 2, box: 'x', status: 'done', titleCol: 9, titleEnd: 30, children: ['1.1', '1.2'] }),
        kiro({
          id: '1.1', title: 'Create the Session type with validation', line: 3, endLine: 6, box: 'x', status: 'done',
          titleCol: 10, titleEnd: 49, parent: '1',
          description: 'Validate that expiry is in the future\nReject empty user ids',
          traces: [
            { text: '1.1', span: S(6, 19, 22), ids: ['1.1'] },
            { text: '1.2', span: S(6, 24, 27), ids: ['1.2'] },
          ],
          fields: [{ name: 'Requirements', span: S(6, 0, 28), value: S(6, 19, 27) }],
        }),
        kiro({
          id: '1.2', title: 'Add the sessions table migration', line: 8, endLine: 10, box: 'x', status: 'done',
          titleCol: 10, titleEnd: 42, parent: '1',
          traces: [{ text: '1.3', span: S(9, 19, 22), ids: ['1.3'] }],
          fields: [
            { name: 'Requirements', span: S(9, 0, 23), value: S(9, 19, 22) },
            { name: 'Leverage', span: S(10, 0, 36), value: S(10, 15, 35) },
          ],
        }),
        kiro({ id: '2', title: 'Build the session service', line: 12, box: '-', status: 'in_progress', titleCol: 9, titleEnd: 34, children: ['2.1', '2.2'] }),
        kiro({
          id: '2.1', title: 'Implement create and revoke', line: 13, endLine: 15, indent: 2, box: ' ', status: 'todo',
          titleCol: 12, titleEnd: 39, parent: '2', description: 'Store sessions in the sessions table',
          traces: [{ text: '2.1-2.3', span: S(15, 21, 28), ids: ['2.1', '2.2', '2.3'] }],
          fields: [{ name: 'Requirements', span: S(15, 0, 29), value: S(15, 21, 28) }],
        }),
        kiro({
          id: '2.2', title: 'Write property tests for expiry', line: 16, endLine: 17, indent: 2, box: ' ', status: 'todo',
          optional: true, titleCol: 13, titleEnd: 44, parent: '2',
          traces: [{ text: 'All requirements', span: S(17, 21, 37), ids: [] }],
          fields: [{ name: 'Requirements', span: S(17, 0, 38), value: S(17, 21, 37) }],
        }),
        kiro({ id: '3', title: 'Expose the HTTP endpoints', line: 19, box: ' ', status: 'todo', titleCol: 9, titleEnd: 34, children: ['3.1', '3.2'] }),
        kiro({
          id: '3.1', title: 'Add POST /logout', line: 20, endLine: 23, indent: 2, box: ' ', status: 'todo',
          titleCol: 12, titleEnd: 28, parent: '3', description: 'Clear the session cookie',
          traces: [
            { text: '3.1', span: S(22, 21, 24), ids: ['3.1'] },
            { text: '3.2', span: S(22, 26, 29), ids: ['3.2'] },
          ],
          fields: [
            { name: 'Requirements', span: S(22, 0, 30), value: S(22, 21, 29) },
            { name: 'Design', span: S(23, 0, 27), value: S(23, 15, 26) },
          ],
        }),
        kiro({
          id: '3.2', title: 'Add GET /session', line: 24, endLine: 25, indent: 2, box: ' ', status: 'todo',
          titleCol: 12, titleEnd: 28, parent: '3',
          traces: [{ text: 'Requirement 3', span: S(25, 21, 34), ids: ['3'] }],
          fields: [{ name: 'Requirements', span: S(25, 0, 35), value: S(25, 21, 34) }],
        }),
      ]);
      assertSpansPointAtText(lines, spec.tasks);
    });

    it('traces only criteria that requirements.md defines (### Requirement N, numbered criteria)', () => {
      const req = splitText(readFileSync(join(SPECS, 'sessions', 'requirements.md'), 'utf8')).lines;
      const defined = new Set<string>();
      let n = '';
      for (const l of req) {
        const h = /^### Requirement (\d+): \S/.exec(l);
        if (h) {
          n = h[1]!;
          defined.add(n);
        }
        const c = /^(\d+)\. WHEN .+ THEN .+ SHALL .+$/.exec(l);
        if (c && n) defined.add(`${n}.${c[1]!}`);
      }
      deepStrictEqual([...defined], ['1', '1.1', '1.2', '1.3', '2', '2.1', '2.2', '2.3', '3', '3.1', '3.2', '3.3']);
      for (const t of spec.tasks) for (const r of t.traces) for (const id of r.ids) ok(defined.has(id), `${t.id} traces ${id}`);
      ok(readFileSync(join(SPECS, 'sessions', 'design.md'), 'utf8').includes('### Session API'));
    });

    it('reads the same tasks from CRLF and BOM text', () => {
      const crlf = parseSpec('\uFEFF' + text.replace(/\n/g, '\r\n'), file);
      strictEqual(crlf.eol, '\r\n');
      strictEqual(crlf.bom, true);
      deepStrictEqual(crlf.tasks, spec.tasks);
    });
  });

  describe('the quirks fixture', () => {
    const { text, file, lines } = fixture('quirks');
    const spec = parseSpec(text, file);
    const byLine = (line: number): Task => spec.tasks.find((t) => t.line === line)!;

    it('has no diagnostics; `## ` headings are groups, `#` and `###` are not', () => {
      deepStrictEqual(spec.diagnostics, []);
      deepStrictEqual(spec.groups, [
        { title: 'Backend', kind: 'group', line: 4, span: S(4, 0, 10) },
        { title: 'Frontend', kind: 'group', line: 19, span: S(19, 0, 11) },
      ]);
      // Headings and fence lines, including the heading-like line inside the fence.
      deepStrictEqual(spec.contextLines, [0, 4, 19, 28, 30, 31, 35]);
    });

    it('reads flush, indented and tab-indented tasks; hierarchy comes only from the number', () => {
      deepStrictEqual(spec.tasks.map((t) => [t.id, t.title, t.line, t.endLine, t.status, t.statusText, t.optional, t.parent, t.children, t.group]), [
        ['1', 'Create the store', 6, 6, 'todo', ' ', false, null, ['1.1', '1.2', '1.1'], 'Backend'],
        ['1.1', 'Write the schema', 7, 11, 'done', 'X', false, '1', [], 'Backend'],
        ['1.2', 'Wait for the DBA review', 12, 15, 'blocked', '!', false, '1', ['1.2.1'], 'Backend'],
        ['1.2.1', 'Tab-indented sub-task', 16, 17, 'todo', ' ', false, '1.2', [], 'Backend'],
        ['2', 'Polish the 🔐 login page', 21, 31, 'todo', ' ', true, null, [], 'Frontend'],
        // Its parent 2.1 does not exist: the post-pass drops it.
        ['2.1.3', 'Deep task whose parent 2.1 is missing', 32, 32, 'todo', ' ', false, null, [], 'Frontend'],
        // Duplicate ids are kept; validation reports them.
        ['1.1', 'Same id as an earlier task', 33, 33, 'todo', ' ', false, '1', [], 'Frontend'],
      ]);
      assertSpansPointAtText(lines, spec.tasks);
    });

    it('takes the number without its dot, and trims the title', () => {
      const t1 = byLine(6);
      deepStrictEqual([t1.idSpan, t1.titleSpan, t1.header, t1.statusSpan], [S(6, 6, 7), S(6, 8, 24), S(6, 0, 24), S(6, 3, 4)]);
      const t11 = byLine(7);
      deepStrictEqual([t11.idSpan, t11.titleSpan], [S(7, 6, 9), S(7, 11, 27)]);
      const t12 = byLine(12);
      deepStrictEqual([t12.titleSpan, t12.header], [S(12, 10, 33), S(12, 0, 33)]);
      const tab = byLine(16);
      deepStrictEqual([tab.header, tab.statusSpan, tab.idSpan, tab.titleSpan], [S(16, 1, 34), S(16, 4, 5), S(16, 7, 12), S(16, 13, 34)]);
    });

    it('joins detail bullets and continuation lines into the description, without bullets', () => {
      strictEqual(byLine(7).description, 'Tables for users\nand their sessions');
      strictEqual(byLine(12).description, 'Blocked on the DBA');
      strictEqual(byLine(21).description, 'See [the guide](https://example.com/guide)');
      strictEqual(byLine(6).description, '');
    });

    it('reads every spelling of the requirements line, and other labelled lines as fields', () => {
      deepStrictEqual(byLine(7).fields, [
        { name: 'Requirements', span: S(10, 0, 23), value: S(10, 20, 23) },
        { name: 'Requirements', span: S(11, 0, 25), value: S(11, 22, 25) },
      ]);
      deepStrictEqual(byLine(7).traces, [
        { text: '1.1', span: S(10, 20, 23), ids: ['1.1'] },
        { text: '1.2', span: S(11, 22, 25), ids: ['1.2'] },
      ]);
      deepStrictEqual(byLine(12).traces, [
        { text: '1.4-2.2', span: S(14, 18, 25), ids: ['1.4', '2.2'] },
        { text: '3', span: S(15, 18, 19), ids: ['3'] },
        { text: 'see design', span: S(15, 21, 31), ids: [] },
      ]);
      deepStrictEqual(byLine(12).fields.map((f) => [f.name, f.value]), [['Requirements', S(14, 18, 25)], ['Requirements', S(15, 18, 31)]]);
      deepStrictEqual(byLine(16).traces, [{ text: 'Requirement 2', span: S(17, 20, 33), ids: ['2'] }]);
      deepStrictEqual(byLine(21).fields, [
        { name: 'Requirements', span: S(26, 0, 33), value: S(26, 19, 32) },
        { name: 'Design', span: S(27, 0, 26), value: S(27, 16, 26) },
      ]);
    });

    it('counts columns in UTF-16 code units after an astral character', () => {
      const t2 = byLine(21);
      deepStrictEqual([t2.idSpan, t2.titleSpan], [S(21, 7, 8), S(21, 10, 34)]);
      deepStrictEqual(t2.traces, [
        { text: '🔐 login', span: S(26, 19, 27), ids: [] },
        { text: '1.2', span: S(26, 29, 32), ids: ['1.2'] },
      ]);
    });

    it('reads unnumbered checkbox bullets under a task as its checklist', () => {
      deepStrictEqual(byLine(21).checklist, [
        { index: 1, text: 'write docs', checked: true, span: S(22, 2, 18), box: S(22, 5, 6) },
        { index: 2, text: 'record a demo', checked: false, span: S(23, 2, 21), box: S(23, 5, 6) },
        { index: 3, text: 'update the changelog', checked: true, span: S(24, 2, 28), box: S(24, 5, 6) },
      ]);
    });

    it('hides everything inside a code fence, and a heading ends the task before it', () => {
      ok(!spec.tasks.some((t) => t.id === '9'));
      strictEqual(byLine(21).endLine, 31);
      strictEqual(byLine(33).endLine, 33);
      strictEqual(byLine(33).description, '');
    });
  });

  describe('the broken fixture', () => {
    const { text, file, lines } = fixture('broken');
    const spec = parseSpec(text, file);
    const example = '"- [ ] 1. Set up the model"';
    const warn = (code: Diagnostic['code'], span: Span, message: string): Diagnostic => ({ severity: 'warning', code, message, file, span });

    it('explains each near miss with what was expected, at the exact line', () => {
      deepStrictEqual(spec.diagnostics, [
        warn('not-a-task', S(2, 0, 14), `Not read as a task: expected a task number after the checkbox, as in ${example}; Kiro tasks are numbered.`),
        warn('not-a-task', S(4, 0, 30), `Not read as a task: expected a space between "]" and the task number, as in ${example}.`),
        warn('not-a-task', S(5, 0, 26), `Not read as a task: expected a space between "-" and "[", as in ${example}.`),
        warn('not-a-task', S(6, 0, 21), `Not read as a task: Kiro task lines start with "- ", not "* "; expected ${example}.`),
        warn('not-a-task', S(7, 0, 21), `Not read as a task: "1.a" is not a task number; expected digits separated by dots (1, 2.1, 2.1.3) then a space and the title, as in ${example}.`),
        warn('not-a-task', S(8, 0, 20), `Not read as a task: expected exactly one character inside the checkbox, as in ${example}.`),
        warn('not-a-task', S(9, 0, 25), `Not read as a task: expected exactly one space between "]" and the task number, as in ${example}.`),
        warn('not-a-task', S(10, 0, 9), `Not read as a task: expected a title after the task number "1.6", as in ${example}.`),
        warn('unknown-status', S(11, 3, 4), 'Unknown checkbox "[?]": expected "[ ]" (todo), "[x]" (done), "[-]" (in progress) or "[!]" (blocked); the task is shown with an unknown status.'),
        warn('unknown-status', S(12, 5, 6), 'Unknown checklist box "[~]": expected "[ ]" (unchecked) or "[x]" (checked); the item is read as unchecked.'),
        warn('not-a-task', S(14, 2, 9), 'This code fence is never closed, so the 2 task lines after it are hidden: expected a closing ``` line.'),
      ]);
    });

    it('still reads the valid tasks around the broken lines', () => {
      deepStrictEqual(spec.tasks.map((t) => [t.id, t.line, t.endLine, t.status, t.statusText, t.checklist.length]), [
        ['1', 3, 10, 'todo', ' ', 0],
        ['2', 11, 12, 'unknown', '?', 1],
        ['3', 13, 17, 'todo', ' ', 0],
      ]);
      deepStrictEqual(spec.tasks[1]!.checklist, [{ index: 1, text: 'pick a broker', checked: false, span: S(12, 2, 21), box: S(12, 5, 6) }]);
      assertSpansPointAtText(lines, spec.tasks);
    });
  });

  describe('line forms', () => {
    it('accepts every labelled-line spelling and records the value span', () => {
      const chunk = parseKiro([
        '- [ ] 1. Task',
        '  - _Requirements:_ 1.1',
        '  - **Requirements:** 1.2',
        '  - **Requirements**: 1.3',
        '  - _Requirement: 2.1_',
        '  - Requirements: 2.2',
        '  - *Requirements: 2.3*',
        '  _requirements: 3.1_',
        '  - _Requirements:_',
        '  - _Leverage: src/x.ts_',
        '  - _Design:_ Session API',
        '  - Note: plain labels are details',
        '  - _just emphasis_',
      ].join('\n'));
      const t = chunk.tasks[0]!;
      deepStrictEqual(t.fields, [
        { name: 'Requirements', span: S(1, 0, 23), value: S(1, 20, 23) },
        { name: 'Requirements', span: S(2, 0, 25), value: S(2, 22, 25) },
        { name: 'Requirements', span: S(3, 0, 25), value: S(3, 22, 25) },
        { name: 'Requirements', span: S(4, 0, 22), value: S(4, 18, 21) },
        { name: 'Requirements', span: S(5, 0, 21), value: S(5, 18, 21) },
        { name: 'Requirements', span: S(6, 0, 23), value: S(6, 19, 22) },
        { name: 'Requirements', span: S(7, 0, 21), value: S(7, 17, 20) },
        { name: 'Requirements', span: S(8, 0, 19), value: S(8, 19, 19) },
        { name: 'Leverage', span: S(9, 0, 24), value: S(9, 15, 23) },
        { name: 'Design', span: S(10, 0, 25), value: S(10, 14, 25) },
      ]);
      deepStrictEqual(t.traces.map((r) => [r.text, r.span.line, r.span.col]), [
        ['1.1', 1, 20], ['1.2', 2, 22], ['1.3', 3, 22], ['2.1', 4, 18], ['2.2', 5, 18], ['2.3', 6, 19], ['3.1', 7, 17],
      ]);
      strictEqual(t.description, 'Note: plain labels are details\n_just emphasis_');
      strictEqual(t.endLine, 12);
    });

    it('maps each box character to a status and keeps unknown ones', () => {
      const chunk = parseKiro('- [ ] 1. a\n- [x] 2. b\n- [X] 3. c\n- [-] 4. d\n- [!] 5. e\n- [~] 6. f\n- [\t] 7. g');
      deepStrictEqual(chunk.tasks.map((t) => [t.id, t.status, t.statusText]), [
        ['1', 'todo', ' '], ['2', 'done', 'x'], ['3', 'done', 'X'], ['4', 'in_progress', '-'], ['5', 'blocked', '!'], ['6', 'unknown', '~'], ['7', 'unknown', '\t'],
      ]);
      deepStrictEqual(chunk.diagnostics.map((d) => [d.code, d.span]), [['unknown-status', S(5, 3, 4)], ['unknown-status', S(6, 3, 4)]]);
    });

    it('warns on an unnumbered checkbox at column 0 or outside any task, not on links or other bullets', () => {
      const chunk = parseKiro('  - [ ] before any task\n- [ ] 1. Task\n- [ ] flush under a task\n  - [see](x.md) a link\n  - [a] odd box\n  - [ ]\n+ plus bullet');
      deepStrictEqual(chunk.diagnostics.map((d) => [d.code, d.span]), [
        ['not-a-task', S(0, 2, 23)],
        ['not-a-task', S(2, 0, 24)],
        ['unknown-status', S(4, 5, 6)],
        ['not-a-task', S(5, 2, 7)],
      ]);
      const t = chunk.tasks[0]!;
      deepStrictEqual(t.checklist.map((c) => [c.index, c.text, c.checked]), [[1, 'odd box', false]]);
      strictEqual(t.description, '[see](x.md) a link\nplus bullet');
      strictEqual(t.endLine, 6);
    });

    it('reads a task with a title that is only blanks as a near miss', () => {
      const chunk = parseKiro('- [ ] 1.2.   ');
      deepStrictEqual(chunk.tasks, []);
      deepStrictEqual(chunk.diagnostics.map((d) => [d.code, d.span, d.message]), [
        ['not-a-task', S(0, 0, 10), 'Not read as a task: expected a title after the task number "1.2", as in "- [ ] 1.2. Set up the model".'],
      ]);
    });

    it('closes a fence only with the same character, at least as long; ```a``` is not a fence', () => {
      const chunk = parseKiro([
        '- [ ] 1. Task', '  ~~~~', '  ```', '- [ ] 8. hidden', '  ~~~', '- [ ] 9. hidden', '  ~~~~~', '- [ ] 2. seen',
        '  ```a``` inline', '- [ ] 3. seen too',
      ].join('\n'));
      deepStrictEqual(chunk.tasks.map((t) => [t.id, t.line, t.endLine]), [['1', 0, 6], ['2', 7, 8], ['3', 9, 9]]);
      deepStrictEqual(chunk.contextLines, [1, 2, 4, 6, 8]);
      deepStrictEqual(chunk.diagnostics, []);
      strictEqual(chunk.tasks[1]!.description, '```a``` inline');
    });

    it('isContextLine holds for headings (up to 3 spaces in) and fences, nothing else', () => {
      const yes = ['# Implementation Plan', '## Backend', '   ### Notes', '######', '```', '  ```ts', '~~~', '\t~~~~'];
      const no = ['#hashtag', '    # indented code', '####### seven', '``', '- [ ] 1. task', 'text', '', '   '];
      for (const l of yes) strictEqual(kiroParser.isContextLine(l), true, l);
      for (const l of no) strictEqual(kiroParser.isContextLine(l), false, l);
    });

    it('sets the group from `## ` headings only, trimming closing hashes', () => {
      const chunk = parseKiro('# Plan\n- [ ] 1. a\n## Storage ##\n- [ ] 2. b\n### Sub\n- [ ] 3. c\n##\n- [ ] 4. d');
      deepStrictEqual(chunk.tasks.map((t) => [t.id, t.group]), [['1', null], ['2', 'Storage'], ['3', 'Storage'], ['4', 'Storage']]);
      deepStrictEqual(chunk.groups, [{ title: 'Storage', kind: 'group', line: 2, span: S(2, 0, 13) }]);
    });

    it('agrees with the formats.md task regex on every line shape', () => {
      let seed = 11;
      const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff);
      const pieces = [' ', '  ', '\t', '-', '- ', '[', ']', '[ ]', '[x]', '[-]', '[?]', '*', '1', '2.1', '.', '. ', 'a', 'Title', '\u2028', '\r', '\u00a0', '🔐'];
      for (let n = 0; n < 20000; n++) {
        let line = n % 2 === 0 ? '- [' : '';
        const len = next() % 9;
        for (let k = 0; k < len; k++) line += pieces[next() % pieces.length];
        const m = TASK_RE.exec(line);
        const chunk = kiroParser.parse([line], 0, 1, NO_CTX, 'f');
        const title = m ? m[5]!.trim() : '';
        if (m && title !== '') {
          strictEqual(chunk.tasks.length, 1, JSON.stringify(line));
          const t = chunk.tasks[0]!;
          deepStrictEqual([t.id, t.title, t.statusText, t.optional], [m[4], title, m[2], m[3] === '*'], JSON.stringify(line));
        } else {
          strictEqual(chunk.tasks.length, 0, JSON.stringify(line));
        }
      }
    });

    it('never throws, and keeps spans inside their lines, on arbitrary text', () => {
      let seed = 5;
      const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff);
      const pieces = ['- [ ] ', '- [x]* ', '  - ', '1.', '2', ' ', '_Requirements: ', '1.1-1.3', ', ', '_', '**', ':', '```', '~~~', '## ', '# ', '[', ']', '\n', '\n', 'a', '🔐'];
      for (let n = 0; n < 2000; n++) {
        let text = '';
        const len = next() % 40;
        for (let k = 0; k < len; k++) text += pieces[next() % pieces.length];
        const { lines } = splitText(text);
        const chunk = kiroParser.parse(lines, 0, lines.length, NO_CTX, 'f');
        assertSpansPointAtText(lines, chunk.tasks);
        for (const d of chunk.diagnostics) ok(d.span.endCol <= (lines[d.span.line] ?? '').length);
        deepStrictEqual(chunk.contextLines, lines.flatMap((l, i) => (kiroParser.isContextLine(l) ? [i] : [])));
      }
    });
  });

  describe('windows and the incremental re-parse', () => {
    for (const feature of ['sessions', 'quirks', 'broken']) {
      it(`parsing from any task header with its group gives what the whole parse gives (${feature})`, () => {
        const { lines } = fixture(feature);
        const whole = kiroParser.parse(lines, 0, lines.length, NO_CTX, 'f');
        whole.tasks.forEach((t, k) => {
          const end = whole.tasks[k + 1]?.line ?? lines.length;
          // Windows holding a context line are never re-parsed alone (reparseSpec parses the whole file).
          if (whole.contextLines.some((l) => l >= t.line && l < end)) return;
          const chunk = kiroParser.parse(lines, t.line, end, { group: t.group, subgroup: null }, 'f');
          deepStrictEqual(chunk.tasks, [t]);
          deepStrictEqual(chunk.diagnostics, whole.diagnostics.filter((d) => d.span.line >= t.line && d.span.line < end));
        });
      });
    }

    /** Applies one edit, re-parses incrementally, and checks it against a whole parse. */
    function editor(feature: string): { edit: (start: number, del: number, insert: string[]) => ParsedSpec; spec: () => ParsedSpec } {
      const { text, file } = fixture(feature);
      let lines = splitText(text).lines;
      let spec = parseSpec(text, file);
      return {
        spec: () => spec,
        edit(start, del, insert) {
          const next = [...lines.slice(0, start), ...insert, ...lines.slice(start + del)];
          const inc = reparseSpec(spec, next, { startLine: start, oldEndLine: start + del, newEndLine: start + insert.length });
          deepStrictEqual(inc, parseLines(next, file, 'kiro'));
          lines = next;
          spec = inc;
          return inc;
        },
      };
    }

    it('matches a whole re-parse after a series of one-line edits (sessions)', () => {
      const e = editor('sessions');
      const before = e.spec();
      // A detail bullet: the tasks before the edited block are reused as they were.
      const afterDetail = e.edit(4, 1, ['  - Validate that expiry is at least a minute ahead']);
      strictEqual(afterDetail.tasks[0], before.tasks[0]);
      strictEqual(afterDetail.tasks[1]!.description, 'Validate that expiry is at least a minute ahead\nReject empty user ids');
      // A requirements line.
      deepStrictEqual(e.edit(6, 1, ['  - _Requirements: 1.1-1.3_']).tasks[1]!.traces.map((r) => r.ids), [['1.1', '1.2', '1.3']]);
      // A task line's checkbox, then its number.
      strictEqual(e.edit(13, 1, ['  - [x] 2.1 Implement create and revoke']).tasks[4]!.status, 'done');
      deepStrictEqual(e.edit(16, 1, ['  - [ ]* 2.4 Write property tests for expiry']).tasks[3]!.children, ['2.1', '2.4']);
      // Inserting and deleting a line shift everything after.
      strictEqual(e.edit(15, 0, ['    - Index sessions by user id']).tasks[5]!.line, 17);
      strictEqual(e.edit(15, 1, []).tasks[5]!.line, 16);
      // Indenting a flush sub-task, and flushing an indented one, keep the hierarchy.
      deepStrictEqual(e.edit(8, 1, ['  - [x] 1.2 Add the sessions table migration']).tasks[2]!.header, S(8, 2, 44));
      strictEqual(e.edit(20, 1, ['- [ ] 3.1 Add POST /logout']).tasks[7]!.parent, '3');
      // Breaking a parent's line drops the parent from its children and adds a diagnostic.
      const broken = e.edit(19, 1, ['- [ ]3. Expose the HTTP endpoints']);
      deepStrictEqual(broken.diagnostics.map((d) => [d.code, d.span.line]), [['not-a-task', 19]]);
      deepStrictEqual(broken.tasks.map((t) => t.id), ['1', '1.1', '1.2', '2', '2.1', '2.4', '3.1', '3.2']);
      strictEqual(broken.tasks[6]!.parent, null);
      // Appending a task at the end, then deleting a blank line in the middle.
      strictEqual(e.edit(27, 0, ['- [ ] 4. Document the API']).tasks.at(-1)!.id, '4');
      e.edit(11, 1, []);
      // An unknown box and back.
      deepStrictEqual(e.edit(11, 1, ['- [?] 2. Build the session service']).diagnostics.map((d) => [d.code, d.span.line]), [['unknown-status', 11], ['not-a-task', 18]]);
      e.edit(11, 1, ['- [-] 2. Build the session service']);
    });

    it('matches a whole re-parse after edits inside groups (quirks)', () => {
      const e = editor('quirks');
      strictEqual(e.edit(13, 1, ['  - Blocked on the DBA until Friday']).tasks[2]!.group, 'Backend');
      strictEqual(e.edit(16, 1, ['- [ ] 1.2.1 Tab-indented sub-task']).tasks[3]!.parent, '1.2');
      strictEqual(e.edit(33, 0, ['- [ ] 2.5 Inserted in Frontend']).tasks[6]!.group, 'Frontend');
      strictEqual(e.edit(32, 1, []).tasks.length, 7);
      // A new heading or fence forces a whole parse, which must agree too.
      strictEqual(e.edit(32, 0, ['## Later']).tasks[6]!.group, 'Later');
      e.edit(14, 0, ['  ```']);
    });

    // Known bugs in incremental.ts (reported to the lead; not edited here). Un-skip once fixed.
    it('incremental.ts: mending or re-adding a parent re-links children outside the window', () => {
      const e = editor('sessions');
      e.edit(19, 1, ['- [ ]3. Expose the HTTP endpoints']);
      e.edit(19, 1, ['- [ ] 3. Expose the HTTP endpoints']);
      e.edit(12, 1, []);
      e.edit(12, 0, ['- [-] 2. Build the session service']);
    });

    it('incremental.ts: a window cut at a fence drops the lines of the task after it', () => {
      // A fence does not end a Kiro task: the requirements line after it still belongs to task 1.
      const file = '.kiro/specs/x/tasks.md';
      const text = '- [ ] 1. Task\n  - detail\n  ```\n  code\n  ```\n  - _Requirements: 1.1_\n- [ ] 2. Next\n';
      const next = splitText(text).lines;
      next[1] = '  - detail edited';
      const inc = reparseSpec(parseSpec(text, file), next, { startLine: 1, oldEndLine: 2, newEndLine: 2 });
      deepStrictEqual(inc, parseLines(next, file, 'kiro'));
      const e = editor('quirks');
      deepStrictEqual(e.edit(23, 1, ['  - [x] record a demo']).tasks[4]!.checklist.map((c) => c.checked), [true, true, true]);
    });

    it('incremental.ts: closing an unclosed frontmatter, or editing before the first task under it', () => {
      const file = '.kiro/specs/x/tasks.md';
      for (const [text, start, insert] of [
        ['---\ntitle: x\nmore\n- [ ] 1. A\n', 2, '---'],
        ['---\ntitle: x\n\n- [ ] 1. A\n', 2, 'note'],
      ] as const) {
        const lines = splitText(text).lines;
        const next = [...lines.slice(0, start), insert, ...lines.slice(start + 1)];
        const inc = reparseSpec(parseSpec(text, file), next, { startLine: start, oldEndLine: start + 1, newEndLine: start + 1 });
        deepStrictEqual(inc, parseLines(next, file, 'kiro'));
      }
    });
  });
});
