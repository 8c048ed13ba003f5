// Audit findings of each kind at their exact positions, in all four formats, and the CSV / JSON /
// text renderings (CSV escaping and formula guarding included).
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { openTaskFile } from '../../../src/core/project/openTaskFile';
import { auditFailed, auditSpec, type AuditFinding, type AuditReport } from '../../../src/core/report/audit';
import { auditCsv, auditJson, auditLines, csvCell } from '../../../src/core/report/auditRender';
import { DESIGN, REQUIREMENTS, TASKS, removeWorkspaces, workspaceWith } from './reportFixture';

const FIXTURES = join(__dirname, '../../fixtures');

function auditOf(dir: string): AuditReport {
  const o = openTaskFile({ cwd: dir });
  if (!o.ok) throw new Error(o.error);
  return auditSpec(o.value.analysis);
}

/** [kind, severity, file relative to dir, line, column, endColumn, taskId, refId] */
function rows(dir: string, r: AuditReport): (string | number | null)[][] {
  return r.findings.map((f: AuditFinding) => [f.kind, f.severity, f.file.slice(dir.length + 1), f.line, f.column, f.endColumn, f.taskId ?? null, f.refId ?? null]);
}

describe('audit', () => {
  afterEach(removeWorkspaces);

  it('spec-runner: every kind of finding, positioned, sorted by file and line', () => {
    const dir = workspaceWith({ 'spec/tasks.md': TASKS, 'spec/requirements.md': REQUIREMENTS, 'spec/design.md': DESIGN });
    const r = auditOf(dir);
    assert.deepEqual(rows(dir, r), [
      ['uncovered_requirement', 'warning', 'spec/requirements.md', 5, 3, 10, null, 'REQ-002'],
      ['dangling_reference', 'error', 'spec/tasks.md', 10, 27, 34, 'TASK-001', 'REQ-404'],
      ['orphan_task', 'warning', 'spec/tasks.md', 13, 4, 12, 'TASK-002', null],
      ['no_checklist', 'warning', 'spec/tasks.md', 13, 4, 12, 'TASK-002', null],
      ['dangling_reference', 'error', 'spec/tasks.md', 16, 29, 37, 'TASK-002', 'TASK-099'],
      ['dependency', 'error', 'spec/tasks.md', 20, 0, 19, 'TASK-003', null],
      ['dependency', 'error', 'spec/tasks.md', 29, 0, 20, 'TASK-004', null],
    ]);
    assert.equal(r.findings[0]!.message, 'REQ-002 (Logout) is traced by no task; expected a task that traces REQ-002.');
    assert.equal(r.findings[4]!.message, 'TASK-002 depends on TASK-099 (Depends on), but no task in this file has that id; expected the id of a task defined here. Did you mean TASK-001?');
    assert.equal(r.findings[5]!.message, 'Dependency cycle: TASK-003 -> TASK-004 -> TASK-003 (read "->" as "depends on"). None of these tasks can ever become ready; expected dependencies without a loop: remove one of them.');
    assert.deepEqual([r.errors, r.warnings, r.notes], [4, 3, []]);
    assert.equal(auditFailed(r, false), true);
  });

  it('spec-runner: Blocks/Depends asymmetry is a dependency warning; warnings alone pass unless strict', () => {
    const tasks = [
      '### TASK-001: A', '🔴 P0 | ⬜ TODO | Est: 1d', '', '**Checklist:**', '- [ ] x', '', '**Traces to:** [REQ-001]', '**Blocks:** [TASK-002]', '',
      '### TASK-002: B', '🔴 P0 | ⬜ TODO | Est: 1d', '', '**Checklist:**', '- [ ] x', '', '**Traces to:** [REQ-001]', '**Depends on:** —', '',
    ].join('\n');
    const dir = workspaceWith({ 'spec/tasks.md': tasks, 'spec/requirements.md': '## REQ-001: Only\n' });
    const r = auditOf(dir);
    assert.deepEqual(rows(dir, r), [['dependency', 'warning', 'spec/tasks.md', 7, 13, 21, 'TASK-001', null]]);
    assert.equal(r.findings[0]!.message, "TASK-001 blocks TASK-002, but TASK-002's Depends on does not list TASK-001; expected [TASK-001] there too (Specpilot orders TASK-002 after TASK-001 either way).");
    assert.equal(auditFailed(r, false), false);
    assert.equal(auditFailed(r, true), true);
  });

  it('kiro: `_Requirements: 1.2_` refs count, a range naming an undefined criterion dangles', () => {
    const dir = workspaceWith({});
    cpSync(join(FIXTURES, 'trace/kiro'), dir, { recursive: true });
    const r = auditOf(dir);
    assert.deepEqual(rows(dir, r), [
      ['uncovered_requirement', 'warning', '.kiro/specs/sessions/requirements.md', 17, 0, 1, null, '1.3'],
      ['dangling_reference', 'error', '.kiro/specs/sessions/tasks.md', 6, 19, 26, '2', '2.3'],
    ]);
    assert.deepEqual(r.notes, ['kiro tasks are checkbox lines themselves: tasks without a checklist are not audited.']);
  });

  it('spec-kit: a task without a story label is an orphan, an unknown (depends on ...) dangles, an untraced FR is uncovered', () => {
    const dir = workspaceWith({
      'specs/001-x/tasks.md': ['# Tasks: X', '', '## Phase 1: Setup', '', '- [ ] T001 Create the project', '', '## Phase 2: User Story 1 - Sign up (Priority: P1)', '', '- [ ] T002 [US1] Add the form', '- [ ] T003 [US1] Wire it (depends on T009)', ''].join('\n'),
      'specs/001-x/spec.md': ['# Spec', '', '### User Story 1 - Sign up (Priority: P1)', '', 'As a visitor.', '', '## Requirements', '', '- **FR-001**: System MUST send mail', ''].join('\n'),
    });
    const r = auditOf(dir);
    assert.deepEqual(rows(dir, r), [
      ['uncovered_requirement', 'warning', 'specs/001-x/spec.md', 8, 4, 10, null, 'FR-001'],
      ['orphan_task', 'warning', 'specs/001-x/tasks.md', 4, 6, 10, 'T001', null],
      ['dangling_reference', 'error', 'specs/001-x/tasks.md', 9, 37, 41, 'T003', 'T009'],
    ]);
    assert.match(r.findings[1]!.message, /^T001 traces no requirement; expected a user story label such as \[US1\]/);
  });

  it('openspec: only what can be checked there, and notes saying what cannot', () => {
    const dir = workspaceWith({ 'openspec/changes/c/tasks.md': '## 1. Storage\n\n- [ ] 1.1 Add the table\n- [ ] 1.2 Add the index\n' });
    const r = auditOf(dir);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.notes, [
      'OpenSpec tasks do not reference requirements: orphan tasks and uncovered requirements are not audited.',
      'No requirements or design file was found beside the task file: uncovered requirements and dangling traces are not audited.',
      'openspec tasks are checkbox lines themselves: tasks without a checklist are not audited.',
    ]);
    assert.equal(auditFailed(r, true), false);
  });

  it('renders CSV with RFC 4180 quoting and formula guards, JSON and text 1-based', () => {
    const dir = workspaceWith({ 'spec/tasks.md': TASKS, 'spec/requirements.md': REQUIREMENTS, 'spec/design.md': DESIGN });
    const r = auditOf(dir);
    const csv = auditCsv(r, dir).split('\r\n');
    assert.equal(csv[0], 'severity,kind,file,line,column,task,ref,message');
    assert.equal(csv[1], 'warning,uncovered_requirement,spec/requirements.md,6,4,,REQ-002,REQ-002 (Logout) is traced by no task; expected a task that traces REQ-002.');
    assert.equal(csv[2], 'error,dangling_reference,spec/tasks.md,11,28,TASK-001,REQ-404,"Trace ""REQ-404"" is not defined in requirements.md: expected a heading ""## REQ-404: <title>""."');
    assert.equal(csv.length, r.findings.length + 2);
    assert.equal(csv[csv.length - 1], '');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('plain'), 'plain');
    const json = auditJson(r, dir, false) as { ok: boolean; findings: { line: number; column: number; endColumn: number; file: string }[] };
    assert.equal(json.ok, false);
    assert.deepEqual(json.findings[1], { kind: 'dangling_reference', severity: 'error', message: r.findings[1]!.message, file: 'spec/tasks.md', line: 11, column: 28, endColumn: 35, taskId: 'TASK-001', refId: 'REQ-404' });
    assert.equal(auditLines(r, dir, false)[2], 'spec/tasks.md:14:5: warning: TASK-002 traces no requirement; expected a `**Traces to:** [REQ-001]` line naming what it implements. [orphan_task]');
    assert.match(auditLines(r, dir, true)[2]!, /^spec\/tasks\.md:14:5: error: /);
  });
});
