// Cross-task diagnostics: exact code, severity, position and what the message asks for.
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/core/spec/model';
import { MAX_CYCLES_PER_GROUP, buildGraph, validateSpec } from '../../../src/core/graph/index';
import type { TaskInput } from './taskFactory';
import { kiroSpec, specKitSpec, specRunnerSpec, textAt } from './taskFactory';

type Row = [code: string, severity: string, line: number, col: number];
const rows = (ds: readonly Diagnostic[]): Row[] => ds.map((d) => [d.code, d.severity, d.span.line, d.span.col]);

describe('validateSpec', () => {
  it('is silent on a consistent file', () => {
    const spec = specRunnerSpec([
      { id: 'TASK-001', blocks: ['TASK-002', 'TASK-003'] },
      { id: 'TASK-002', dependsOn: ['TASK-001'] },
      { id: 'TASK-003', dependsOn: ['TASK-001', 'TASK-002'], blocksNone: true },
    ]);
    assert.deepEqual(validateSpec(spec), []);
  });

  it('reports every cross-task problem of a spec-runner file, sorted by line then column', () => {
    const spec = specRunnerSpec([
      { heading: 'Milestone 1: Accounts' },
      { id: 'TASK-001', blocks: ['TASK-002', 'TASK-003'] }, // 2
      { id: 'TASK-002', dependsOn: ['TASK-001', 'REQ-009'] }, // 6
      { id: 'TASK-003', dependsOn: ['TASK-010'] }, // 10
      { id: 'TASK-004', dependsOn: ['TASK-001', 'TASK-004'] }, // 14
      { id: 'TASK-005', dependsOn: ['TASK-006'], blocks: ['TASK-404'] }, // 18
      { id: 'TASK-006', dependsOn: ['TASK-005'] }, // 23
      { id: 'TASK-002', dependsOn: ['TSK-001'] }, // 27
    ]);
    const ds = validateSpec(spec);
    assert.deepEqual(rows(ds), [
      ['blocks-asymmetry', 'warning', 4, 12],
      ['blocks-asymmetry', 'warning', 4, 25],
      ['unknown-dependency', 'warning', 8, 29],
      ['unknown-dependency', 'error', 12, 17],
      ['self-dependency', 'error', 16, 29],
      ['cycle', 'error', 18, 0],
      ['blocks-asymmetry', 'warning', 21, 12],
      ['unknown-dependency', 'error', 21, 13],
      ['cycle', 'error', 23, 0],
      ['duplicate-id', 'error', 27, 4],
      ['unknown-dependency', 'warning', 29, 17],
    ]);
    assert.ok(ds.every((d) => d.file === 'spec/tasks.md'));
    const [asymOmits, asymBlocks, reqRef, missing, self, cycle5, asym5, missingBlocks, cycle6, dup, typoPrefix] = ds as [
      Diagnostic, Diagnostic, Diagnostic, Diagnostic, Diagnostic, Diagnostic, Diagnostic, Diagnostic, Diagnostic, Diagnostic, Diagnostic,
    ];

    assert.equal(textAt(spec, asymOmits.span), '[TASK-002], [TASK-003]');
    assert.match(asymOmits.message, /^TASK-004 depends on TASK-001, but TASK-001's Blocks does not list TASK-004; expected \[TASK-004\] in it/);
    assert.deepEqual(asymOmits.related, [{ file: 'spec/tasks.md', span: { line: 16, col: 17, endCol: 25 }, message: 'TASK-004 names TASK-001 in Depends on here' }]);

    assert.equal(textAt(spec, asymBlocks.span), 'TASK-003');
    assert.match(asymBlocks.message, /^TASK-001 blocks TASK-003, but TASK-003's Depends on does not list TASK-001; expected \[TASK-001\] there too/);
    assert.deepEqual(asymBlocks.related?.map((r) => r.span), [{ line: 10, col: 0, endCol: 27 }]);

    assert.equal(textAt(spec, reqRef.span), 'REQ-009');
    assert.match(reqRef.message, /^REQ-009 in Depends on is not a dependency: no task header in this file uses the prefix "REQ-"/);
    assert.match(reqRef.message, /belong in \*\*Traces to:\*\*\.$/);

    assert.equal(textAt(spec, missing.span), 'TASK-010');
    assert.equal(
      missing.message,
      'TASK-003 depends on TASK-010 (Depends on), but no task in this file has that id; expected the id of a task defined here. Did you mean TASK-001?',
    );

    assert.equal(textAt(spec, self.span), 'TASK-004');
    assert.match(self.message, /^TASK-004 depends on itself \(Depends on\); expected only other tasks' ids/);

    const path = 'Dependency cycle: TASK-005 -> TASK-006 -> TASK-005 (read "->" as "depends on").';
    assert.ok(cycle5.message.startsWith(path));
    assert.equal(cycle6.message, cycle5.message);
    assert.equal(textAt(spec, cycle5.span), '### TASK-005: Task TASK-005');
    assert.equal(textAt(spec, cycle6.span), '### TASK-006: Task TASK-006');
    assert.deepEqual(cycle5.related, [
      { file: 'spec/tasks.md', span: { line: 20, col: 17, endCol: 25 }, message: 'TASK-005 depends on TASK-006 (Depends on)' },
      { file: 'spec/tasks.md', span: { line: 25, col: 17, endCol: 25 }, message: 'TASK-006 depends on TASK-005 (Depends on)' },
    ]);

    // TASK-005 writes a Blocks field (naming an unknown id) that leaves out TASK-006.
    assert.equal(textAt(spec, asym5.span), '[TASK-404]');
    assert.match(asym5.message, /^TASK-006 depends on TASK-005, but TASK-005's Blocks does not list TASK-006/);

    assert.equal(textAt(spec, missingBlocks.span), 'TASK-404');
    assert.match(missingBlocks.message, /^TASK-005 blocks TASK-404 \(Blocks\), but no task in this file has that id; .* Did you mean TASK-004\?$/);

    assert.equal(textAt(spec, dup.span), 'TASK-002');
    assert.match(dup.message, /^Duplicate task id TASK-002: already used by the task on line 7; expected every task id to be unique\./);
    assert.deepEqual(dup.related, [{ file: 'spec/tasks.md', span: { line: 6, col: 4, endCol: 12 }, message: 'TASK-002 is first defined here' }]);

    assert.match(typoPrefix.message, /^TSK-001 in Depends on is not a dependency: .* If you meant task TASK-001, correct the id\.$/);
  });

  it('checks Blocks only where it is written, and the em dash counts as not written', () => {
    const spec = specRunnerSpec([
      { id: 'TASK-001' },
      { id: 'TASK-002', blocksNone: true },
      { id: 'TASK-003', dependsOn: ['TASK-001', 'TASK-002'] },
    ]);
    assert.deepEqual(validateSpec(spec), []);
  });

  it('reports each later duplicate against the first, and checks refs of duplicates too', () => {
    const spec = specRunnerSpec([
      { id: 'TASK-001' },
      { id: 'TASK-001', dependsOn: ['TASK-009'] },
      { id: 'TASK-001' },
    ]);
    const ds = validateSpec(spec);
    assert.deepEqual(rows(ds), [
      ['duplicate-id', 'error', 3, 4],
      ['unknown-dependency', 'error', 5, 17],
      ['duplicate-id', 'error', 7, 4],
    ]);
    assert.deepEqual(ds.map((d) => d.related?.[0]?.span.line), [0, undefined, 0]);
  });

  it('names a self-loop once, as self-dependency, also through Blocks', () => {
    const spec = specRunnerSpec([{ id: 'TASK-001', blocks: ['TASK-001'] }]);
    const ds = validateSpec(spec);
    assert.deepEqual(rows(ds), [['self-dependency', 'error', 2, 13]]);
    assert.match(ds[0]!.message, /^TASK-001 blocks itself; expected only other tasks' ids in Blocks/);
  });

  it('explains a cycle through a Spec Kit phase barrier, and an unknown prose ref', () => {
    const spec = specKitSpec([
      { heading: 'Phase 1: Setup' },
      { id: 'T001', prose: ['T003', 'T099'] },
      { id: 'T002' },
      { heading: 'Phase 2: Story' },
      { id: 'T003' },
    ]);
    const ds = validateSpec(spec);
    assert.deepEqual(rows(ds), [
      ['cycle', 'error', 2, 0],
      ['unknown-dependency', 'error', 2, 39],
      ['cycle', 'error', 6, 0],
    ]);
    assert.ok(ds[0]!.message.startsWith('Dependency cycle: T001 -> T003 -> T001 '));
    assert.deepEqual(ds[0]!.related?.map((r) => [textAt(spec, r.span), r.message]), [
      ['T003', 'T001 depends on T003 (named in its text)'],
      ['## Phase 2: Story', 'T003 is in a later phase than T001; every task of a phase waits for all earlier phases'],
    ]);
    assert.equal(textAt(spec, ds[1]!.span), 'T099');
    assert.match(ds[1]!.message, /^T001 depends on T099 \(its text\), but no task in this file has that id/);
  });

  it('points Kiro trace ids at _Requirements_', () => {
    const spec = kiroSpec([{ id: '1' }, { id: '2', prose: ['REQ-1'] }]);
    const ds = validateSpec(spec);
    assert.deepEqual(rows(ds), [['unknown-dependency', 'warning', 3, 28]]);
    assert.match(ds[0]!.message, /prefix "REQ-".*belong in _Requirements: \.\.\._\.$/);
  });

  it('reports members of a dense knot that no reported path reaches', () => {
    const spokes = MAX_CYCLES_PER_GROUP + 5;
    const items: TaskInput[] = [{ id: 'HUB-1', dependsOn: Array.from({ length: spokes }, (_, i) => `SPOKE-${i + 1}`) }];
    for (let i = 1; i <= spokes; i++) items.push({ id: `SPOKE-${i}`, dependsOn: ['HUB-1'] });
    const spec = specRunnerSpec(items);
    const cycles = validateSpec(spec).filter((d) => d.code === 'cycle');
    assert.equal(cycles.length, spokes + 1);
    const last = cycles[cycles.length - 1]!;
    assert.equal(textAt(spec, last.span), `### SPOKE-${spokes}: Task SPOKE-${spokes}`);
    assert.equal(
      last.message,
      `SPOKE-${spokes} is one of ${spokes + 1} tasks that depend on each other in a loop, for example HUB-1 -> SPOKE-1 -> HUB-1 (read "->" as "depends on"). None of them can ever become ready; expected dependencies without a loop.`,
    );
    assert.equal(last.related?.length, 2);
  });

  it('reuses a graph built for the same spec and rebuilds for another', () => {
    const a = specRunnerSpec([{ id: 'TASK-001', dependsOn: ['TASK-002'] }]);
    const b = specRunnerSpec([{ id: 'TASK-001' }]);
    assert.deepEqual(rows(validateSpec(a, buildGraph(a))), [['unknown-dependency', 'error', 2, 17]]);
    assert.deepEqual(validateSpec(b, buildGraph(a)), []);
  });
});
