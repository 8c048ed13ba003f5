// spec-runner's ready order and the rules this port adds for phases, parents and optional tasks.
import assert from 'node:assert/strict';
import { buildGraph, readySet } from '../../../src/core/graph/index';
import { idsOf, kiroSpec, specKitSpec, specRunnerSpec } from './taskFactory';

describe('readySet', () => {
  it('puts interrupted tasks first, then ready todo tasks by priority (none last), then file order', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', status: 'done' },
      { id: 'TASK-002', priority: 'p2' },
      { id: 'TASK-003', priority: 'p0', dependsOn: ['TASK-001'] },
      { id: 'TASK-004', priority: null },
      { id: 'TASK-005', priority: 'p3', status: 'review' },
      { id: 'TASK-006', priority: 'p2' },
      { id: 'TASK-007', priority: 'p1', status: 'in_progress', dependsOn: ['TASK-002'] },
      { id: 'TASK-008', priority: 'p3' },
      { id: 'TASK-009', priority: 'p0', status: 'blocked' },
      { id: 'TASK-010', priority: 'p0', status: 'unknown' },
      { id: 'TASK-011', priority: 'p0', dependsOn: ['TASK-002'] },
    ]));
    assert.deepEqual(idsOf(readySet(g)), [
      'TASK-007', 'TASK-005', // interrupted, p1 then p3, whatever their deps
      'TASK-003', 'TASK-002', 'TASK-006', 'TASK-008', 'TASK-004',
    ]);
  });

  it('keeps a todo task out while a dependency is not done, blocks-only edges included', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', blocks: ['TASK-003'] },
      { id: 'TASK-002', status: 'done', blocks: ['TASK-004'] },
      { id: 'TASK-003' },
      { id: 'TASK-004' },
    ]));
    assert.deepEqual(idsOf(readySet(g)), ['TASK-001', 'TASK-004']);
  });

  it('ignores refs that are not task ids, and refuses a todo task whose dependency is missing', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', dependsOn: ['REQ-009', 'DESIGN-002'] },
      { id: 'TASK-002', dependsOn: ['TASK-099'] },
      { id: 'TASK-003', status: 'in_progress', dependsOn: ['TASK-099'] },
    ]));
    assert.deepEqual(idsOf(readySet(g)), ['TASK-003', 'TASK-001']);
  });

  it('never offers a task in a cycle or a self-dependent one', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', dependsOn: ['TASK-002'] },
      { id: 'TASK-002', dependsOn: ['TASK-001'] },
      { id: 'TASK-003', dependsOn: ['TASK-003'] },
      { id: 'TASK-004' },
    ]));
    assert.deepEqual(idsOf(readySet(g)), ['TASK-004']);
  });

  it('holds every Spec Kit phase until all earlier phases are done', () => {
    const open = specKitSpec([
      { heading: 'Phase 1: Setup' },
      { id: 'T001', status: 'done' },
      { id: 'T002' },
      { heading: 'Phase 2: Foundation' },
      { id: 'T003' },
      { id: 'T004' },
    ]);
    assert.deepEqual(idsOf(readySet(buildGraph(open))), ['T002']);
    const closed = specKitSpec([
      { heading: 'Phase 1: Setup' },
      { id: 'T001', status: 'done' },
      { id: 'T002', status: 'done' },
      { heading: 'Phase 2: Foundation' },
      { id: 'T003', prose: ['T004'] },
      { id: 'T004' },
      { heading: 'Phase 3: Polish' },
      { id: 'T005' },
    ]);
    assert.deepEqual(idsOf(readySet(buildGraph(closed))), ['T004']);
  });

  it('waits for a phase done out of order: every earlier phase must be done, not only the last', () => {
    const g = buildGraph(specKitSpec([
      { heading: 'Phase 1' },
      { id: 'T001' },
      { heading: 'Phase 2' },
      { id: 'T002', status: 'done' },
      { heading: 'Phase 3' },
      { id: 'T003' },
    ]));
    assert.deepEqual(idsOf(readySet(g)), ['T001']);
  });

  it('skips optional Kiro tasks, runs required children, and treats a finished parent as done', () => {
    const g = buildGraph(kiroSpec([
      { id: '1', status: 'in_progress' },
      { id: '1.1', status: 'done' },
      { id: '1.2', optional: true },
      { id: '2', status: 'in_progress' },
      { id: '2.1', status: 'done' },
      { id: '2.2' },
      { id: '2.3', optional: true, status: 'in_progress' },
      { id: '3' },
      { id: '4', optional: true },
    ]));
    // 1 is effectively done; 2 is a started parent with an unfinished child: its child runs, not it.
    assert.deepEqual(idsOf(readySet(g)), ['2.2', '3']);
  });

  it('offers nothing when everything is done', () => {
    const g = buildGraph(kiroSpec([{ id: '1' }, { id: '1.1', status: 'done' }]));
    assert.deepEqual(idsOf(readySet(g)), []);
  });
});
