// Lossless write-back on every task file under test/fixtures, and on CRLF / BOM / no-final-newline
// variants of each: a status change or a checkbox toggle must change only its marker, re-parse to
// what it claims, leave every other task as it was, and (from a canonical marker) round-trip.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { planTaskChange, updateTaskFile } from '../../../src/core/project/updateTaskFile';
import type { ParsedSpec, SpecFormat, Task } from '../../../src/core/spec/model';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { formatSpecRunnerStatus } from '../../../src/core/spec/specRunnerMeta';
import {
  applyEdits,
  checkAllEdits,
  checkEdit,
  statusEdit,
  WRITABLE_STATUSES,
  type TextEdit,
  type WritableStatus,
} from '../../../src/core/spec/writeBack';

const FIXTURES = join(__dirname, '../../fixtures');

interface FixtureFile {
  /** Relative to test/fixtures, with '/'. */
  readonly name: string;
  /** The path the parser sees, so detection by path picks the format. */
  readonly parsePath: string;
  readonly format: SpecFormat | null;
  readonly text: string;
}

const TASK_PATH = [
  /(^|\/)spec\/[^/]*tasks\.md$/,
  /(^|\/)specs\/[^/]+\/tasks\.md$/,
  /(^|\/)openspec\/changes\/[^/]+\/tasks\.md$/,
  /(^|\/)\.kiro\/specs\/[^/]+\/tasks\.md$/,
];

/** Every task file under test/fixtures at the four conventional paths, plus the flat spec-runner fixtures. */
function findFixtureTaskFiles(): FixtureFile[] {
  const out: FixtureFile[] = [];
  const stack = [FIXTURES];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') stack.push(full);
        continue;
      }
      const name = relative(FIXTURES, full).split(sep).join('/');
      if (TASK_PATH.some((re) => re.test(name))) {
        out.push({ name, parsePath: name, format: null, text: readFileSync(full, 'utf8') });
      } else if (/^spec-runner\/[^/]+\.md$/.test(name)) {
        // spec-runner's own fixtures are named for what they show (valid.md, quirks.md): force the format.
        out.push({ name, parsePath: name, format: 'spec-runner', text: readFileSync(full, 'utf8') });
      }
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

interface Variant {
  readonly label: string;
  readonly make: (text: string) => string;
}

const toLf = (t: string): string => t.replace(/\r\n/g, '\n');
const VARIANTS: readonly Variant[] = [
  { label: 'as written', make: (t) => t },
  { label: 'CRLF', make: (t) => toLf(t).replace(/\n/g, '\r\n') },
  { label: 'BOM', make: (t) => `\uFEFF${t}` },
  { label: 'no final newline', make: (t) => t.replace(/(\r?\n)+$/, '') },
  { label: 'BOM + CRLF + no final newline', make: (t) => `\uFEFF${toLf(t).replace(/\n+$/, '').replace(/\n/g, '\r\n')}` },
];

/** The file's lines as stored: BOM removed (asserted separately), each line keeping its '\r'. */
function rawLines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
}

/** The parts of a task that an edit elsewhere must not change. */
function fingerprint(t: Task): string {
  return JSON.stringify({
    id: t.id,
    status: t.status,
    statusText: t.statusText,
    line: t.line,
    endLine: t.endLine,
    parent: t.parent,
    deps: t.dependsOn.map((r) => r.id),
    blocks: t.blocks.map((r) => r.id),
    checklist: t.checklist.map((c) => [c.index, c.text, c.checked]),
  });
}

/** The status a checkbox format reads back: it has no review marker, so review is written as in progress. */
function readBack(format: SpecFormat, status: WritableStatus): WritableStatus {
  return format !== 'spec-runner' && status === 'review' ? 'in_progress' : status;
}

function canonicalMarker(format: SpecFormat, status: WritableStatus): string {
  if (format === 'spec-runner') return formatSpecRunnerStatus(status);
  return { todo: ' ', done: 'x', in_progress: '-', review: '-', blocked: '!' }[status];
}

function mustEdit(result: ReturnType<typeof statusEdit>): TextEdit[] {
  if (!result.ok) assert.fail(result.error);
  return result.edits;
}

/**
 * `after` differs from `before` only on `line`, and there only between `col` and the end of the
 * new marker: prefix before `col` and suffix after the old marker's `endCol` are byte-identical.
 */
function assertOnlyMarkerChanged(before: string, after: string, line: number, col: number, endCol: number, marker: string, what: string): void {
  assert.equal(after.charCodeAt(0) === 0xfeff, before.charCodeAt(0) === 0xfeff, `${what}: BOM kept`);
  const a = rawLines(before);
  const b = rawLines(after);
  assert.equal(b.length, a.length, `${what}: line count`);
  for (let i = 0; i < a.length; i++) {
    if (i !== line) assert.equal(b[i], a[i], `${what}: line ${i + 1} must not change`);
  }
  const oldLine = a[line]!;
  const newLine = b[line]!;
  assert.equal(newLine.slice(0, col), oldLine.slice(0, col), `${what}: text before the marker`);
  assert.equal(newLine.slice(col + marker.length), oldLine.slice(endCol), `${what}: text after the marker`);
  assert.equal(newLine.slice(col, col + marker.length), marker, `${what}: the new marker`);
}

function assertOthersUnchanged(before: ParsedSpec, after: ParsedSpec, except: number, what: string): void {
  assert.equal(after.tasks.length, before.tasks.length, `${what}: task count`);
  for (let k = 0; k < before.tasks.length; k++) {
    if (k === except) continue;
    assert.equal(fingerprint(after.tasks[k]!), fingerprint(before.tasks[k]!), `${what}: task #${k + 1} (${before.tasks[k]!.id}) must re-parse identically`);
  }
  assert.equal(JSON.stringify(after.groups), JSON.stringify(before.groups), `${what}: groups`);
  assert.deepEqual(after.frontmatter, before.frontmatter, `${what}: frontmatter`);
  assert.equal(after.eol, before.eol, `${what}: line endings`);
  assert.equal(after.bom, before.bom, `${what}: BOM`);
}

const FILES = findFixtureTaskFiles();

describe('writeBack', () => {
  it('finds the fixture task files of all four formats', () => {
    const names = FILES.map((f) => f.name);
    for (const expected of [
      'demo/spec/tasks.md',
      'trace/spec-runner/spec/tasks.md',
      'spec-kit/specs/001-signup/tasks.md',
      'openspec/openspec/changes/add-sessions/tasks.md',
      'kiro/.kiro/specs/sessions/tasks.md',
      'spec-runner/quirks.md',
    ]) {
      assert.ok(names.includes(expected), `${expected} among ${names.join(', ')}`);
    }
    const formats = new Set(FILES.map((f) => parseSpec(f.text, f.parsePath, { format: f.format }).format));
    assert.deepEqual([...formats].sort(), ['kiro', 'openspec', 'spec-kit', 'spec-runner']);
  });

  for (const file of FILES) {
    describe(file.name, () => {
      for (const variant of VARIANTS) {
        const text = variant.make(file.text);
        const parse = (t: string): ParsedSpec => parseSpec(t, file.parsePath, { format: file.format });

        it(`${variant.label}: no edits give the same text`, () => {
          assert.equal(applyEdits(text, []), text);
          const spec = parse(text);
          assert.ok(spec.tasks.length > 0 || file.name.includes('broken'), 'the file has tasks');
        });

        it(`${variant.label}: every status change rewrites only the status marker, and round-trips`, () => {
          const spec = parse(text);
          let checked = 0;
          spec.tasks.forEach((task, k) => {
            if (!task.statusSpan) return;
            const s = task.statusSpan;
            for (const status of WRITABLE_STATUSES) {
              if (status === task.status) continue;
              const what = `${task.id} (line ${task.line + 1}) ${task.status} -> ${status}`;
              const marker = canonicalMarker(spec.format, status);
              const edits = mustEdit(statusEdit(spec, task, status));
              if (task.statusText === marker) {
                // `[-]` already reads as review's marker in a checkbox format: nothing to write.
                assert.deepEqual(edits, [], `${what}: no edit for a marker already in place`);
                continue;
              }
              assert.equal(edits.length, 1, `${what}: one edit`);
              assert.deepEqual({ line: edits[0]!.line, col: edits[0]!.col, endCol: edits[0]!.endCol }, s, `${what}: the edit covers the statusSpan`);
              const next = applyEdits(text, edits);
              assertOnlyMarkerChanged(text, next, s.line, s.col, s.endCol, marker, what);
              const after = parse(next);
              const moved = after.tasks[k]!;
              assert.equal(moved.id, task.id, `${what}: same id`);
              assert.equal(moved.status, readBack(spec.format, status), `${what}: re-parsed status`);
              assert.equal(moved.statusText, marker, `${what}: re-parsed marker`);
              assert.deepEqual(moved.dependsOn.map((r) => r.id), task.dependsOn.map((r) => r.id), `${what}: deps`);
              assert.deepEqual(moved.checklist.map((c) => c.checked), task.checklist.map((c) => c.checked), `${what}: checklist`);
              assertOthersUnchanged(spec, after, k, what);

              // Back to the original status: the original bytes when the original marker was canonical.
              if (task.status === 'unknown') continue;
              const back = mustEdit(statusEdit(after, moved, task.status));
              const restored = applyEdits(next, back);
              if (task.statusText === canonicalMarker(spec.format, task.status)) {
                assert.equal(restored, text, `${what} -> ${task.status}: original bytes restored`);
              } else {
                assert.equal(parse(restored).tasks[k]!.status, readBack(spec.format, task.status), `${what} -> back: status`);
              }
              checked++;
            }
          });
          if (spec.tasks.some((t) => t.statusSpan !== null && t.status !== 'unknown')) assert.ok(checked > 0);
        });

        it(`${variant.label}: every checklist toggle changes exactly one character, and round-trips`, () => {
          const spec = parse(text);
          spec.tasks.forEach((task, k) => {
            for (const item of task.checklist) {
              const what = `${task.id} item ${item.index} (line ${item.span.line + 1}) -> ${item.checked ? 'unchecked' : 'checked'}`;
              const edits = mustEdit(checkEdit(task, item.index, !item.checked));
              assert.deepEqual(edits, [{ ...item.box, newText: item.checked ? ' ' : 'x' }], what);
              const next = applyEdits(text, edits);
              assert.equal(next.length, text.length - (item.box.endCol - item.box.col) + 1, `${what}: length`);
              assertOnlyMarkerChanged(text, next, item.box.line, item.box.col, item.box.endCol, item.checked ? ' ' : 'x', what);
              const after = parse(next);
              const moved = after.tasks[k]!;
              assert.equal(moved.status, task.status, `${what}: the task's own status is unchanged`);
              assert.deepEqual(
                moved.checklist.map((c) => [c.index, c.text, c.checked]),
                task.checklist.map((c) => [c.index, c.text, c.index === item.index ? !item.checked : c.checked]),
                `${what}: the re-parsed checklist`,
              );
              assertOthersUnchanged(spec, after, k, what);
              // Re-checking an already checked item is no edit at all.
              assert.deepEqual(mustEdit(checkEdit(moved, item.index, !item.checked)), [], `${what}: idempotent`);
              const back = applyEdits(next, mustEdit(checkEdit(moved, item.index, item.checked)));
              const original = rawLines(text)[item.box.line]!.slice(item.box.col, item.box.endCol);
              if (original === ' ' || original === 'x') assert.equal(back, text, `${what}: original bytes restored`);
            }
          });
        });
      }
    });
  }

  describe('spec-runner specifics', () => {
    const FILE = 'spec/tasks.md';
    const base = (meta: string): string =>
      `## Milestone 1: M\n\n### TASK-001: One\n${meta}\n\n**Checklist:**\n- [ ] a\n- [x] b\n\n### TASK-002: Two\n🟠 P1 | ⬜ TODO | Est: 1d\n\n**Depends on:** [TASK-001]\n`;

    it('adds the emoji to a meta line that had only the word, keeping the rest of the line', () => {
      const text = base('P1 | TODO | Est: 2d');
      const spec = parseSpec(text, FILE);
      const t = spec.tasks[0]!;
      assert.deepEqual(t.statusSpan, { line: 3, col: 5, endCol: 9 });
      const next = applyEdits(text, mustEdit(statusEdit(spec, t, 'in_progress')));
      assert.equal(next, base('P1 | 🔄 IN_PROGRESS | Est: 2d'));
      const again = parseSpec(next, FILE);
      assert.equal(again.tasks[0]!.status, 'in_progress');
      assert.equal(again.tasks[0]!.priority, 'p1');
      assert.equal(again.tasks[0]!.estimate, '2d');
      assert.deepEqual(again.diagnostics.filter((d) => d.code === 'status-mismatch'), []);
    });

    it('rewrites a lower-case word and a mismatched emoji as one canonical marker', () => {
      const text = base('- 🟠 P1 | ✅ todo');
      const spec = parseSpec(text, FILE);
      assert.equal(spec.tasks[0]!.status, 'todo');
      const next = applyEdits(text, mustEdit(statusEdit(spec, spec.tasks[0]!, 'done')));
      assert.equal(next, base('- 🟠 P1 | ✅ DONE'));
    });

    it('writes ⏸️ with its U+FE0F, and reads a ⏸ without it', () => {
      const text = base('🟡 P2 | ⏸ BLOCKED');
      const spec = parseSpec(text, FILE);
      assert.equal(spec.tasks[0]!.status, 'blocked');
      const done = applyEdits(text, mustEdit(statusEdit(spec, spec.tasks[0]!, 'done')));
      assert.equal(done, base('🟡 P2 | ✅ DONE'));
      const s2 = parseSpec(done, FILE);
      assert.equal(applyEdits(done, mustEdit(statusEdit(s2, s2.tasks[0]!, 'blocked'))), base('🟡 P2 | ⏸\uFE0F BLOCKED'));
    });

    it('refuses a task without a meta line with a clear error and no edit', () => {
      const text = '### TASK-001: One\nJust prose.\n';
      const spec = parseSpec(text, FILE);
      const t = spec.tasks[0]!;
      assert.equal(t.meta, null);
      assert.equal(t.statusSpan, null);
      const r = statusEdit(spec, t, 'done');
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.error.includes('TASK-001') && r.error.includes('no meta line') && r.error.includes('🟠 P1 | ⬜ TODO | Est: 1d'), !r.ok ? r.error : '');
      assert.ok(!r.ok && r.error.includes('line 2'), `names the line under the header: ${!r.ok ? r.error : ''}`);
    });

    it('refuses a meta line without a status word, saying so rather than "no meta line"', () => {
      const text = '### TASK-001: One\n🟠 P1 | Est: 1d\n';
      const spec = parseSpec(text, FILE);
      const t = spec.tasks[0]!;
      assert.notEqual(t.meta, null);
      assert.equal(t.statusSpan, null);
      const r = statusEdit(spec, t, 'done');
      assert.equal(r.ok, false);
      assert.ok(!r.ok && !r.error.includes('no meta line') && r.error.includes('no status') && r.error.includes('line 2'), !r.ok ? r.error : '');
    });

    it('makes no edit when the status is already the one asked for', () => {
      const text = base('🔴 P0 | ✅ DONE');
      const spec = parseSpec(text, FILE);
      assert.deepEqual(mustEdit(statusEdit(spec, spec.tasks[0]!, 'done')), []);
    });

    it('checks every unchecked item with checkAllEdits, one character each', () => {
      const text = base('🔴 P0 | ⬜ TODO');
      const spec = parseSpec(text, FILE);
      const edits = checkAllEdits(spec.tasks[0]!);
      assert.deepEqual(edits, [{ line: 6, col: 3, endCol: 4, newText: 'x' }]);
      assert.equal(applyEdits(text, edits), text.replace('- [ ] a', '- [x] a'));
    });

    it('explains a checklist index out of range and a task without a checklist', () => {
      const spec = parseSpec(base('🔴 P0 | ⬜ TODO'), FILE);
      const r1 = checkEdit(spec.tasks[0]!, 3, true);
      assert.deepEqual(r1, { ok: false, error: 'TASK-001 has 2 checklist items; 3 is not one of 1..2.' });
      const r2 = checkEdit(spec.tasks[1]!, 1, true);
      assert.equal(r2.ok, false);
      assert.ok(!r2.ok && r2.error.startsWith('TASK-002 has no checklist items'), !r2.ok ? r2.error : '');
    });
  });

  describe('checkbox formats', () => {
    it('explains that a checkbox task without a checklist is toggled by its status', () => {
      const spec = parseSpec('- [ ] 1. Only task\n', '.kiro/specs/x/tasks.md');
      const r = checkEdit(spec.tasks[0]!, 1, true);
      assert.deepEqual(r, { ok: false, error: '1 has no checklist items; in kiro files the task\'s own checkbox is its status: use "task done 1".' });
    });

    it('makes no edit when the box already holds the character a status would write', () => {
      const text = '- [-] 1.1 Doing it\n';
      const spec = parseSpec(text, 'openspec/changes/x/tasks.md');
      assert.equal(spec.tasks[0]!.status, 'in_progress');
      assert.deepEqual(mustEdit(statusEdit(spec, spec.tasks[0]!, 'review')), []);
    });
  });

  describe('applyEdits', () => {
    it('applies several edits on one line and on several lines in any order', () => {
      const text = '\uFEFFab\r\ncd\r\nef';
      const out = applyEdits(text, [
        { line: 2, col: 1, endCol: 2, newText: 'F' },
        { line: 0, col: 0, endCol: 1, newText: 'A' },
        { line: 0, col: 1, endCol: 2, newText: 'BB' },
      ]);
      assert.equal(out, '\uFEFFABB\r\ncd\r\neF');
    });

    it('throws a RangeError for an edit past the last line', () => {
      assert.throws(() => applyEdits('a\nb', [{ line: 2, col: 0, endCol: 0, newText: 'x' }]), RangeError);
    });
  });
  describe('planTaskChange / updateTaskFile', () => {
    it('writes review as [-] in a checkbox format and accepts reading it back as in progress', () => {
      const text = '## 1. G\n\n- [ ] 1.1 One\n- [x] 1.2 Two\n';
      const spec = parseSpec(text, 'openspec/changes/x/tasks.md');
      const r = planTaskChange(spec, text, { kind: 'status', taskId: '1.1', status: 'review' });
      assert.ok(r.ok, !r.ok ? r.error : '');
      assert.equal(r.ok && r.text, '## 1. G\n\n- [-] 1.1 One\n- [x] 1.2 Two\n');
      assert.equal(r.ok && r.task.status, 'in_progress');
    });

    it('refuses an id defined twice, naming both lines', () => {
      const text = '- [ ] T001 One\n- [ ] T001 Again\n';
      const spec = parseSpec(text, 'specs/x/tasks.md');
      assert.deepEqual(planTaskChange(spec, text, { kind: 'status', taskId: 'T001', status: 'done' }), {
        ok: false,
        error: 'T001 is defined 2 times (lines 1, 2); give each task its own id first',
      });
    });

    it('reports an unknown id as not found', () => {
      const text = '- [ ] T001 One\n';
      const r = planTaskChange(parseSpec(text, 'specs/x/tasks.md'), text, { kind: 'check', taskId: 'T404', index: 1, checked: true });
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.notFound, true);
    });

    it('writes the file, and refuses (writing nothing) when it changed on disk since it was read', () => {
      const dir = mkdtempSync(join(tmpdir(), 'specpilot-wb-'));
      try {
        const file = join(dir, 'tasks.md');
        const text = '\uFEFF### TASK-001: One\r\n🔴 P0 | ⬜ TODO | Est: 1d\r\n';
        writeFileSync(file, text);
        const spec = parseSpec(text, file, { format: 'spec-runner' });
        const ok = updateTaskFile(spec, text, { kind: 'status', taskId: 'TASK-001', status: 'done' });
        assert.ok(ok.ok && ok.changed);
        assert.equal(readFileSync(file, 'utf8'), '\uFEFF### TASK-001: One\r\n🔴 P0 | ✅ DONE | Est: 1d\r\n');
        const stale = updateTaskFile(spec, text, { kind: 'status', taskId: 'TASK-001', status: 'blocked' });
        assert.deepEqual(stale, { ok: false, error: `${file} changed on disk since it was read; nothing was written, try again` });
        assert.equal(readFileSync(file, 'utf8'), '\uFEFF### TASK-001: One\r\n🔴 P0 | ✅ DONE | Est: 1d\r\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
