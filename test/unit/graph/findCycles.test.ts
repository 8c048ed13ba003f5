// Cycles with concrete paths: explicit, Blocks, phase-barrier and self loops.
import assert from 'node:assert/strict';
import { MAX_CYCLES_PER_GROUP, buildGraph, findCycles, formatCyclePath } from '../../../src/core/graph/index';
import type { TaskInput } from './taskFactory';
import { kiroSpec, specKitSpec, specRunnerSpec, textAt } from './taskFactory';

describe('findCycles', () => {
  it('reports nothing for an acyclic file', () => {
    const g = buildGraph(specRunnerSpec([{ id: 'TASK-001' }, { id: 'TASK-002', dependsOn: ['TASK-001'] }]));
    assert.deepEqual(findCycles(g), []);
  });

  it('gives the shortest path from the first task of the loop, each edge with why and where', () => {
    const spec = specRunnerSpec([
      { id: 'TASK-001', dependsOn: ['TASK-003'] },
      { id: 'TASK-002' },
      { id: 'TASK-003', dependsOn: ['TASK-004'] },
      { id: 'TASK-004', blocks: ['TASK-005'] },
      { id: 'TASK-005', dependsOn: ['TASK-001'], blocks: ['TASK-003'] },
    ]);
    const cycles = findCycles(buildGraph(spec));
    assert.equal(cycles.length, 1);
    const c = cycles[0]!;
    assert.equal(formatCyclePath(c.path), 'TASK-001 -> TASK-003 -> TASK-005 -> TASK-001');
    assert.deepEqual(c.component, ['TASK-001', 'TASK-003', 'TASK-005']);
    assert.deepEqual(c.edges.map((e) => [e.from, e.to, e.reason, e.span.line, e.span.col, textAt(spec, e.span)]), [
      ['TASK-001', 'TASK-003', 'explicit', 2, 17, 'TASK-003'],
      // TASK-005's Blocks names TASK-003, so TASK-003 waits on TASK-005: the span is in TASK-005.
      ['TASK-003', 'TASK-005', 'blocks', 18, 13, 'TASK-003'],
      ['TASK-005', 'TASK-001', 'explicit', 17, 17, 'TASK-001'],
    ]);
  });

  it('reports a self-loop as its own one-edge cycle', () => {
    const spec = specRunnerSpec([{ id: 'TASK-001' }, { id: 'TASK-002', dependsOn: ['TASK-002'] }]);
    assert.deepEqual(findCycles(buildGraph(spec)), [{
      path: ['TASK-002', 'TASK-002'],
      edges: [{ from: 'TASK-002', to: 'TASK-002', reason: 'explicit', span: { line: 5, col: 17, endCol: 25 } }],
      component: ['TASK-002'],
    }]);
  });

  it('lists separate cycles in file order of their first task', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', dependsOn: ['TASK-004'] },
      { id: 'TASK-002', dependsOn: ['TASK-003'] },
      { id: 'TASK-003', dependsOn: ['TASK-002'] },
      { id: 'TASK-004', dependsOn: ['TASK-001'] },
    ]));
    assert.deepEqual(findCycles(g).map((c) => formatCyclePath(c.path)), [
      'TASK-001 -> TASK-004 -> TASK-001',
      'TASK-002 -> TASK-003 -> TASK-002',
    ]);
  });

  it('covers every task of a knot with a path through it', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', dependsOn: ['TASK-002', 'TASK-003'] },
      { id: 'TASK-002', dependsOn: ['TASK-001'] },
      { id: 'TASK-003', dependsOn: ['TASK-001', 'TASK-003'] },
    ]));
    const cycles = findCycles(g);
    assert.deepEqual(cycles.map((c) => formatCyclePath(c.path)), [
      'TASK-001 -> TASK-002 -> TASK-001',
      'TASK-003 -> TASK-003',
      'TASK-003 -> TASK-001 -> TASK-003',
    ]);
    assert.deepEqual(cycles[2]!.component, ['TASK-001', 'TASK-002', 'TASK-003']);
  });

  it('collapses a phase barrier into one concrete phase edge', () => {
    const spec = specKitSpec([
      { heading: 'Phase 1: Setup' },
      { id: 'T001', prose: ['T003'] },
      { id: 'T002' },
      { heading: 'Phase 2: Story' },
      { id: 'T003' },
      { heading: 'Phase 3: Polish' },
      { id: 'T004' },
    ]);
    const cycles = findCycles(buildGraph(spec));
    assert.equal(cycles.length, 1);
    assert.deepEqual(cycles[0]!.path, ['T001', 'T003', 'T001']);
    assert.deepEqual(cycles[0]!.component, ['T001', 'T003']);
    assert.deepEqual(cycles[0]!.edges.map((e) => [e.from, e.to, e.reason, textAt(spec, e.span)]), [
      ['T001', 'T003', 'prose', 'T003'],
      ['T003', 'T001', 'phase', '## Phase 2: Story'],
    ]);
  });

  it('follows a Kiro parent into its required sub-task', () => {
    const spec = kiroSpec([{ id: '1' }, { id: '1.1', prose: ['1'] }, { id: '1.2', optional: true, prose: ['1'] }]);
    const cycles = findCycles(buildGraph(spec));
    assert.deepEqual(cycles.map((c) => c.path), [['1', '1.1', '1']]);
    assert.deepEqual(cycles[0]!.edges.map((e) => [e.reason, textAt(spec, e.span)]), [
      ['child', '  - [ ] 1.1 Task 1.1 (depends on 1)'],
      ['prose', '1'],
    ]);
  });

  it('stops at MAX_CYCLES_PER_GROUP paths for one dense knot', () => {
    const spokes = 150;
    const items: TaskInput[] = [{ id: 'HUB-1', dependsOn: Array.from({ length: spokes }, (_, i) => `SPOKE-${i + 1}`) }];
    for (let i = 1; i <= spokes; i++) items.push({ id: `SPOKE-${i}`, dependsOn: ['HUB-1'] });
    const cycles = findCycles(buildGraph(specRunnerSpec(items)));
    assert.equal(cycles.length, MAX_CYCLES_PER_GROUP);
    assert.equal(formatCyclePath(cycles[0]!.path), 'HUB-1 -> SPOKE-1 -> HUB-1');
    assert.equal(formatCyclePath(cycles[1]!.path), 'SPOKE-2 -> HUB-1 -> SPOKE-2');
    assert.equal(cycles[0]!.component.length, spokes + 1);
  });
});
