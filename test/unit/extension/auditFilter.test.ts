// How the audit and the parse diagnostics split the Problems panel: on real task files (a temp
// copy of a spec-runner spec with an orphan, a dangling trace, a cycle, a task without checklist,
// and a Kiro spec with an orphan), every problem is reported once, by one of the two.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTaskFile } from '../../../src/core/project/openTaskFile';
import type { SpecAnalysis } from '../../../src/core/project/analyzeSpec';
import { auditSpec } from '../../../src/core/report/audit';
import { auditFindingsToShow } from '../../../src/extension/auditFilter';

const SPEC_RUNNER_TASKS = `# Tasks

## Milestone 1: Core

### TASK-001: Traced and checked
🔴 P0 | ⬜ TODO | Est: 1h

**Checklist:**
- [ ] one

**Traces to:** [REQ-001]
**Depends on:** [TASK-002]

### TASK-002: In a cycle, no checklist
🔴 P0 | ⬜ TODO | Est: 1h

**Traces to:** [REQ-404]
**Depends on:** [TASK-001]

### TASK-003: Orphan
🔴 P0 | ⬜ TODO | Est: 1h

**Checklist:**
- [ ] one
`;

const REQUIREMENTS = `# Requirements

### REQ-001: Covered
Text.

### REQ-002: Nobody traces this
Text.
`;

const KIRO_TASKS = `# Implementation Plan

- [ ] 1. Traced
  - _Requirements: 1.1_

- [ ] 2. Orphan
`;

const KIRO_REQUIREMENTS = `# Requirements Document

## Requirements

### Requirement 1: Login

#### Acceptance Criteria

1. WHEN a user logs in THEN the system SHALL answer.
`;

describe('auditFindingsToShow', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'specpilot-audit-filter-'));
    mkdirSync(join(dir, 'spec'));
    writeFileSync(join(dir, 'spec', 'tasks.md'), SPEC_RUNNER_TASKS);
    writeFileSync(join(dir, 'spec', 'requirements.md'), REQUIREMENTS);
    mkdirSync(join(dir, '.kiro', 'specs', 'login'), { recursive: true });
    writeFileSync(join(dir, '.kiro', 'specs', 'login', 'tasks.md'), KIRO_TASKS);
    writeFileSync(join(dir, '.kiro', 'specs', 'login', 'requirements.md'), KIRO_REQUIREMENTS);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const analyse = (file: string): SpecAnalysis => {
    const r = openTaskFile({ cwd: dir, file });
    if (!r.ok) throw new Error(r.error);
    return r.value.analysis;
  };

  it('spec-runner: keeps uncovered requirements and missing checklists; drops what the parser and graph already report', () => {
    const a = analyse(join(dir, 'spec', 'tasks.md'));
    const audit = auditSpec(a).findings;
    const shown = auditFindingsToShow(audit, a.diagnostics);
    const brief = (fs: typeof audit): string[] => fs.map((f) => `${f.kind} ${f.file.slice(dir.length + 1)}:${f.line}`);
    // The audit sees all of it...
    assert.deepEqual(new Set(audit.map((f) => f.kind)), new Set(['orphan_task', 'uncovered_requirement', 'dangling_reference', 'dependency', 'no_checklist']));
    // ...the Problems panel gets from it only what no parse diagnostic says at the same line.
    assert.deepEqual(brief(shown), ['uncovered_requirement spec/requirements.md:5', 'no_checklist spec/tasks.md:13']);
    const parseCodes = new Set(a.diagnostics.map((d) => d.code));
    for (const code of ['no-traces', 'unresolved-trace', 'cycle'] as const) assert.ok(parseCodes.has(code), code);
  });

  it('kiro: an orphan task has no parse diagnostic, so the audit reports it', () => {
    const a = analyse(join(dir, '.kiro', 'specs', 'login', 'tasks.md'));
    const shown = auditFindingsToShow(auditSpec(a).findings, a.diagnostics);
    assert.deepEqual(shown.map((f) => [f.kind, f.taskId, f.line, f.severity]), [['orphan_task', '2', 5, 'warning']]);
  });

  it('shows a finding reported twice (two task files, one requirements file) once', () => {
    const a = analyse(join(dir, 'spec', 'tasks.md'));
    const findings = auditSpec(a).findings;
    assert.deepEqual(auditFindingsToShow([...findings, ...findings], a.diagnostics), auditFindingsToShow(findings, a.diagnostics));
  });
});
