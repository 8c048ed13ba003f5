// Topological waves of the unfinished tasks, and why the rest cannot be planned.
import assert from 'node:assert/strict';
import { buildGraph, waves } from '../../../src/core/graph/index';
import type { WavePlan } from '../../../src/core/graph/index';
import { kiroSpec, specKitSpec, specRunnerSpec } from './taskFactory';

function plan(p: WavePlan): { waves: string[][]; unplannable: [string, unknown][] } {
  return {
    waves: p.waves.map((w) => w.map((t) => t.id)),
    unplannable: p.unplannable.map((u) => [u.task.id, u.reason]),
  };
}

describe('waves', () => {
  it('levels a diamond and skips done tasks', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', status: 'done' },
      { id: 'TASK-002', dependsOn: ['TASK-001'] },
      { id: 'TASK-003', dependsOn: ['TASK-001'] },
      { id: 'TASK-004', dependsOn: ['TASK-002', 'TASK-003'] },
      { id: 'TASK-005', blocks: ['TASK-003'] },
      { id: 'TASK-006', status: 'blocked', dependsOn: ['TASK-004'] },
      { id: 'TASK-007', dependsOn: ['REQ-001'] },
    ]));
    assert.deepEqual(plan(waves(g)), {
      waves: [['TASK-002', 'TASK-005', 'TASK-007'], ['TASK-003'], ['TASK-004'], ['TASK-006']],
      unplannable: [],
    });
  });

  it('passes Spec Kit phase barriers without a wave of their own', () => {
    const g = buildGraph(specKitSpec([
      { heading: 'Phase 1: Setup' },
      { id: 'T001', status: 'done' },
      { id: 'T002' },
      { id: 'T003' },
      { heading: 'Phase 2: Story' },
      { id: 'T010' },
      { id: 'T011', prose: ['T010'] },
      { heading: 'Phase 3: Polish' },
      { id: 'T020', status: 'done' },
      { id: 'T021' },
    ]));
    assert.deepEqual(plan(waves(g)), {
      waves: [['T002', 'T003'], ['T010'], ['T011'], ['T021']],
      unplannable: [],
    });
  });

  it('lets a Kiro parent complete with its children instead of taking a wave', () => {
    const g = buildGraph(kiroSpec([
      { id: '1' },
      { id: '1.1' },
      { id: '1.2', status: 'done' },
      { id: '1.3', optional: true },
      { id: '2', status: 'done' },
      { id: '2.1' },
    ]));
    // 1 waits on 1.1 only; 2 is done by its own box, so 2.1 is plain unfinished work.
    assert.deepEqual(plan(waves(g)), { waves: [['1.1', '1.3', '2.1']], unplannable: [] });
  });

  it('chains through a parent: a task waiting on a parent waits on its required children', () => {
    const g = buildGraph(kiroSpec([
      { id: '1' },
      { id: '1.1' },
      { id: '1.2', status: 'done' },
      { id: '3', prose: ['1'] },
    ]));
    assert.deepEqual(plan(waves(g)), { waves: [['1.1'], ['3']], unplannable: [] });
  });

  it('returns cycles, missing dependencies and what waits on them as unplannable', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', dependsOn: ['TASK-002'] },
      { id: 'TASK-002', dependsOn: ['TASK-003'] },
      { id: 'TASK-003', dependsOn: ['TASK-001'] },
      { id: 'TASK-004', dependsOn: ['TASK-003'] },
      { id: 'TASK-005', dependsOn: ['TASK-077', 'TASK-078', 'TASK-077', 'REQ-001'] },
      { id: 'TASK-006', dependsOn: ['TASK-005'] },
      { id: 'TASK-007', dependsOn: ['TASK-007'] },
      { id: 'TASK-008' },
    ]));
    assert.deepEqual(plan(waves(g)), {
      waves: [['TASK-008']],
      unplannable: [
        ['TASK-001', { kind: 'cycle', path: ['TASK-001', 'TASK-002', 'TASK-003', 'TASK-001'] }],
        ['TASK-002', { kind: 'cycle', path: ['TASK-001', 'TASK-002', 'TASK-003', 'TASK-001'] }],
        ['TASK-003', { kind: 'cycle', path: ['TASK-001', 'TASK-002', 'TASK-003', 'TASK-001'] }],
        ['TASK-004', { kind: 'after-unplannable', via: 'TASK-003' }],
        ['TASK-005', { kind: 'missing-dependency', ids: ['TASK-077', 'TASK-078'] }],
        ['TASK-006', { kind: 'after-unplannable', via: 'TASK-005' }],
        ['TASK-007', { kind: 'cycle', path: ['TASK-007', 'TASK-007'] }],
      ],
    });
  });

  it('names the task behind a phase barrier when a whole phase is stuck', () => {
    const g = buildGraph(specKitSpec([
      { heading: 'Phase 1' },
      { id: 'T001', prose: ['T009'] },
      { id: 'T002' },
      { heading: 'Phase 2' },
      { id: 'T003' },
      { heading: 'Phase 3' },
      { id: 'T004' },
    ]));
    assert.deepEqual(plan(waves(g)), {
      waves: [['T002']],
      unplannable: [
        ['T001', { kind: 'missing-dependency', ids: ['T009'] }],
        ['T003', { kind: 'after-unplannable', via: 'T001' }],
        ['T004', { kind: 'after-unplannable', via: 'T003' }],
      ],
    });
  });

  it('reports a Kiro parent stuck on a stuck child', () => {
    const g = buildGraph(kiroSpec([{ id: '1' }, { id: '1.1' }, { id: '1.2' }]));
    assert.deepEqual(plan(waves(g)), { waves: [['1.1', '1.2']], unplannable: [] });
    const withLoop = kiroSpec([{ id: '1' }, { id: '1.1', prose: ['1.1'] }]);
    assert.deepEqual(plan(waves(buildGraph(withLoop))), {
      waves: [],
      unplannable: [
        ['1', { kind: 'after-unplannable', via: '1.1' }],
        ['1.1', { kind: 'cycle', path: ['1.1', '1.1'] }],
      ],
    });
  });
});
