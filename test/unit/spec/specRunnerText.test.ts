// parseSpec reads a spec-runner file from its text, unsplit; the editor's path reads the same file
// as lines. Both must give the same parse to the last span and diagnostic, on every fixture, every
// line-ending and BOM variant, frontmatter edge and shuffle of lines and junk.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedSpec, Task } from '../../../src/core/spec/model';
import { parseLines, parseSpec } from '../../../src/core/spec/parseSpec';
import { SpecRunnerTask } from '../../../src/core/spec/specRunnerTask';
import { splitText } from '../../../src/core/spec/text';

const FIXTURES = join(__dirname, '../../fixtures/spec-runner');
const FILE = 'spec/tasks.md';
const NAMES = ['valid.md', 'realistic.md', 'quirks.md', 'broken.md'];

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Every field of a task, the lazily read ones included, as a plain object. */
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

function plainSpec(spec: ParsedSpec): Record<string, unknown> {
  return { ...spec, tasks: spec.tasks.map(plainTask) };
}

/** The text parse of `text` equals the line parse of its split lines, blocks included. */
function assertSameParse(text: string, what: string): void {
  const fromText = parseSpec(text, FILE);
  const { lines, eol, bom } = splitText(text);
  const fromLines = parseLines(lines, FILE, 'spec-runner', eol, bom);
  assert.deepEqual(plainSpec(fromText), plainSpec(fromLines), what);
  for (const t of fromText.tasks) {
    assert.ok(t instanceof SpecRunnerTask, `${what}: ${t.id}`);
    assert.deepEqual(t.block, lines.slice(t.line, t.endLine + 1), `${what}: block of ${t.id}`);
  }
}

describe('spec-runner text parse', () => {
  it('equals the line parse on every fixture, with LF, CRLF, mixed endings, a BOM and no final newline', () => {
    for (const name of NAMES) {
      const lf = fixture(name).replace(/\r\n/g, '\n');
      const crlf = lf.replace(/\n/g, '\r\n');
      const mixed = lf.split('\n').map((l, i) => (i % 3 === 0 ? `${l}\r` : l)).join('\n');
      for (const [label, text] of [['LF', lf], ['CRLF', crlf], ['mixed', mixed]] as const) {
        assertSameParse(text, `${name} ${label}`);
        assertSameParse(`\uFEFF${text}`, `${name} ${label} BOM`);
        assertSameParse(text.replace(/\r?\n$/, ''), `${name} ${label} no final newline`);
      }
    }
  });

  it('counts lines and reads the task after frontmatter exactly as the line parse does', () => {
    const task = '### TASK-001: One\n🟠 P1 | ⬜ TODO | Est: 1d\n**Traces to:** [REQ-001]\n';
    const cases: [string, number, string | null][] = [
      ['', 1, null],
      ['\n', 2, null],
      [task, 4, null],
      [`---\nx: 1\n---\n${task}`, 7, '0-2'],
      [`---\nx: 1\n...\n${task}`, 7, '0-2'],
      ['---\nx: 1\n---', 3, '0-2'],
      ['---\r\nx: 1\r\n---\r\n### TASK-001: One\r\n', 5, '0-2'],
      [`\uFEFF---\nx: 1\n---\n${task}`, 7, '0-2'],
      [`---\nx: 1\n${task}`, 6, null],
      [`---\n${'x\n'.repeat(498)}---\n${task}`, 504, '0-499'],
      [`---\n${'x\n'.repeat(499)}---\n${task}`, 505, null],
      [`--- \n---\n${task}`, 6, null],
    ];
    for (const [text, lineCount, frontmatter] of cases) {
      const spec = parseSpec(text, FILE);
      assert.equal(spec.lineCount, lineCount, JSON.stringify(text.slice(0, 40)));
      const fm = spec.frontmatter;
      assert.equal(fm && `${fm.startLine}-${fm.endLine}`, frontmatter, JSON.stringify(text.slice(0, 40)));
      assertSameParse(text, JSON.stringify(text.slice(0, 40)));
    }
  });

  it('reads lines that end in a lone or doubled carriage return as splitText keeps them', () => {
    const texts = [
      '### TASK-001: One\r\r\n🟠 P1 | ⬜ TODO\r\n',
      '### TASK-001: One\r\n🟠 P1 | ⬜ TODO\r\nText.\r\n\r\r\n\r\r',
      '### TASK-001: One\rTwo\n🟠 P1 | ⬜ TODO\n**Depends on:** [TASK-002]\r\r\n### TASK-002: B\n',
      '### TASK-001: A\n  - [\n] x\n  - [ ]\r\n- [ ]\r\n**Blocks:**\r\n```\r\n### TASK-002: B\r\n```\r\n',
      '### TASK-001: A\n\u2028\n🔴 P0 | ✅ DONE | Est: 2d\n- **Mode:**\ttdd\r\n* **Est:** 3d\n',
    ];
    for (const text of texts) assertSameParse(text, JSON.stringify(text));
  });

  it('equals the line parse on 300 shuffles of fixture lines and junk, in LF and CRLF', () => {
    const all = NAMES.flatMap((f) => splitText(fixture(f)).lines);
    const junk = ['###', '### ', '### A-1: ', '- [', '- [ ]', '**', '****:', '**:**', '🔴', '⏸', '|', '```', '~~~~', '#', '- **x',
      '***', '* ', '\t- [x]', '  - [ ] x', '---', '...', '', '   ', '\r', '- **Depends on:** [TASK-1], TASK-2 and TASK-3',
      '**Traces to:** REQ-1, [DESIGN-2] (not REQ-3)', '## Milestone 9', '### TASK-1:  spaced  ', '🟢 P3 | 🔍 REVIEW'];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let round = 0; round < 300; round++) {
      const lines: string[] = [];
      const n = 1 + (next() % 80);
      for (let i = 0; i < n; i++) lines.push(next() % 3 === 0 ? junk[next() % junk.length]! : all[next() % all.length]!);
      const text = lines.join(round % 2 === 0 ? '\n' : '\r\n');
      assertSameParse(text, `round ${round}`);
    }
  });

  it('reads a header by hand exactly as formats.md\'s regex and String#trimEnd read it', () => {
    const HEADER = /^### ([A-Z][A-Z0-9]*-\d+): (.+)$/;
    const headers = ['### TASK-1: Title', '### TASK-1:  Two spaces', '### TASK-1: \tTab', '### TASK-1: Trailing \u00a0\u3000\t ',
      '### TASK-1: \u00a0', '### TASK-1: \u3000x', '### TASK-1: a\u2028b', '### TASK-1: a\u2029', '### TASK-1: a\rb', '### TASK-1: \u000b',
      '### TASK-1: x\u000c', '### TASK-1:', '### TASK-1: ', '### TASK-1:x', '### T1-2: ok', '### 1A-2: no', '### A-: no', '### A-1 : no',
      '### A1B2-0042: Mixed', '### A-1: \ufeffBOM in title\ufeff', '###  A-1: two spaces', '### A-1: 🔴 emoji 🔴'];
    for (const h of headers) {
      const m = HEADER.exec(h);
      const title = m ? m[2]!.replace(/^[ \t]+/, '').trimEnd() : '';
      const spec = parseSpec(`${h}\n🟠 P1 | ⬜ TODO | Est: 1d\n**Traces to:** [REQ-1]\n`, FILE);
      assert.deepEqual(spec.tasks.map((t) => [t.id, t.title]), title === '' ? [] : [[m![1], title]], JSON.stringify(h));
      assertSameParse(`${h}\n🟠 P1 | ⬜ TODO\n`, JSON.stringify(h));
    }
  });

  it('gives a task read from text its lines only when asked, and keeps them through a shift', () => {
    const text = fixture('realistic.md');
    const spec = parseSpec(text, FILE);
    const { lines } = splitText(text);
    const t = spec.tasks[1]!;
    assert.ok(t instanceof SpecRunnerTask);
    const moved = t.shift(3);
    assert.deepEqual(moved.block, lines.slice(t.line, t.endLine + 1));
    assert.equal(moved.line, t.line + 3);
    assert.deepEqual(moved.checklist.map((c) => c.span.line), t.checklist.map((c) => c.span.line + 3));
  });
});
