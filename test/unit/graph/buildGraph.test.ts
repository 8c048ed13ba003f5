// The graph's edges and the reasons it gives for them, per format.
import assert from 'node:assert/strict';
import { buildGraph } from '../../../src/core/graph/index';
import { kiroSpec, openSpecSpec, specKitSpec, specRunnerSpec, textAt } from './taskFactory';

describe('buildGraph', () => {
  it('keeps explicit refs, reverses Blocks, and drops refs whose prefix no task uses', () => {
    const spec = specRunnerSpec([
      { id: 'TASK-001', blocks: ['TASK-003'] },
      { id: 'TASK-002', dependsOn: ['TASK-001', 'REQ-009', 'TASK-099'] },
      { id: 'TASK-003' },
      { id: 'API-7', dependsOn: ['TASK-002', 'DESIGN-001'] },
    ]);
    const g = buildGraph(spec);
    assert.deepEqual(g.tasks.map((t) => t.id), ['TASK-001', 'TASK-002', 'TASK-003', 'API-7']);
    assert.deepEqual(g.dependsOn('TASK-002'), [{ id: 'TASK-001', reason: 'explicit', span: { line: 6, col: 17, endCol: 25 } }]);
    // Blocks-only edge: TASK-003 names nothing, TASK-001's Blocks makes it wait.
    // The span is where the edge is written: the TASK-003 ref in TASK-001's Blocks.
    assert.deepEqual(g.dependsOn('TASK-003'), [{ id: 'TASK-001', reason: 'blocks', span: { line: 2, col: 13, endCol: 21 } }]);
    assert.equal(textAt(spec, g.dependsOn('TASK-003')[0]!.span), 'TASK-003');
    assert.deepEqual(g.dependsOn('API-7'), [{ id: 'TASK-002', reason: 'explicit', span: { line: 13, col: 17, endCol: 25 } }]);
    assert.deepEqual(g.dependantsOf('TASK-001').map((d) => [d.id, d.reason]), [['TASK-002', 'explicit'], ['TASK-003', 'blocks']]);
    assert.deepEqual(
      g.unresolved.map((u) => [u.task.id, u.ref.id, u.field, u.kind]),
      [
        ['TASK-002', 'REQ-009', 'dependsOn', 'not-a-task'],
        ['TASK-002', 'TASK-099', 'dependsOn', 'missing'],
        ['API-7', 'DESIGN-001', 'dependsOn', 'not-a-task'],
      ],
    );
    assert.deepEqual(Array.from(g.core.missingCount), [0, 1, 0, 0]);
    assert.deepEqual(g.dependsOn('NOPE'), []);
    assert.equal(g.effectiveStatus('NOPE'), undefined);
  });

  it('names a pair linked twice once, by Depends on rather than Blocks', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', blocks: ['TASK-002'] },
      { id: 'TASK-002', dependsOn: ['TASK-001', 'TASK-001'] },
    ]));
    assert.deepEqual(g.dependsOn('TASK-002').map((d) => [d.id, d.reason]), [['TASK-001', 'explicit']]);
    assert.equal(g.core.depTo.length, 1);
  });

  it('uses the first occurrence of a duplicate id and ignores the later one', () => {
    const g = buildGraph(specRunnerSpec([
      { id: 'TASK-001', title: 'first' },
      { id: 'TASK-002', dependsOn: ['TASK-001'] },
      { id: 'TASK-001', title: 'second', dependsOn: ['TASK-002'], blocks: ['TASK-002'] },
    ]));
    assert.deepEqual(g.tasks.map((t) => t.title), ['first', 'Task TASK-002']);
    assert.deepEqual(g.duplicates.map((t) => [t.id, t.title, t.line]), [['TASK-001', 'second', 7]]);
    assert.equal(g.task('TASK-001')!.title, 'first');
    assert.deepEqual(g.dependsOn('TASK-001'), []);
    assert.deepEqual(g.dependsOn('TASK-002').map((d) => d.id), ['TASK-001']);
  });

  it('makes Spec Kit phases barriers and keeps prose refs as explicit deps', () => {
    const spec = specKitSpec([
      { id: 'T001' },
      { heading: 'Phase 1: Setup' },
      { id: 'T002', status: 'done' },
      { id: 'T003' },
      { heading: 'Phase 2: Notes' },
      { heading: 'Phase 3: User Story 1' },
      { id: 'T010', prose: ['T003'] },
      { id: 'T011', prose: ['T010'] },
      { heading: 'Phase 4: Polish' },
      { id: 'T020' },
    ]);
    const g = buildGraph(spec);
    assert.deepEqual(g.dependsOn('T001'), []);
    assert.deepEqual(g.dependsOn('T002').map((d) => [d.id, d.reason]), [['T001', 'phase']]);
    const phase3 = { line: 7, col: 0, endCol: 24 };
    assert.equal(textAt(spec, phase3), '## Phase 3: User Story 1');
    assert.deepEqual(g.dependsOn('T010'), [
      { id: 'T003', reason: 'prose', span: { line: 9, col: 33, endCol: 37 } },
      { id: 'T001', reason: 'phase', span: phase3 },
      { id: 'T002', reason: 'phase', span: phase3 },
    ]);
    assert.deepEqual(g.dependsOn('T020').map((d) => [d.id, d.reason]), [
      ['T001', 'phase'], ['T002', 'phase'], ['T003', 'phase'], ['T010', 'phase'], ['T011', 'phase'],
    ]);
    assert.deepEqual(g.dependantsOf('T003').map((d) => [d.id, d.reason, d.span.line]), [
      ['T010', 'prose', 9], ['T011', 'phase', 7], ['T020', 'phase', 11],
    ]);
    // Three non-empty phases before the last: three barriers, O(n) edges.
    assert.equal(g.core.nodeCount - g.core.taskCount, 3);
    assert.ok(g.core.depTo.length <= 2 * g.tasks.length + 3 + 2);
  });

  it('has no phase barriers outside Spec Kit', () => {
    const g = buildGraph(specRunnerSpec([{ heading: 'Milestone 1' }, { id: 'TASK-001' }, { heading: 'Milestone 2' }, { id: 'TASK-002' }]));
    assert.deepEqual(g.dependsOn('TASK-002'), []);
    assert.equal(g.core.nodeCount, 2);
  });

  it('makes Kiro parents wait on required children only, and computes effective status', () => {
    const spec = kiroSpec([
      { id: '1', status: 'in_progress' },
      { id: '1.1', status: 'done' },
      { id: '1.2', optional: true },
      { id: '2' },
      { id: '2.1', status: 'done' },
      { id: '2.2' },
      { id: '3', status: 'done' },
      { id: '3.1' },
      { id: '4', optional: true },
      { id: '4.1', optional: true },
    ]);
    const g = buildGraph(spec);
    assert.deepEqual(g.dependsOn('1'), [{ id: '1.1', reason: 'child', span: { line: 3, col: 0, endCol: 20 } }]);
    assert.deepEqual(g.dependsOn('2').map((d) => [d.id, d.reason]), [['2.1', 'child'], ['2.2', 'child']]);
    assert.deepEqual(g.dependsOn('4'), []);
    assert.equal(g.effectiveStatus('1'), 'done');
    assert.equal(g.effectiveStatus('2'), 'todo');
    assert.equal(g.effectiveStatus('3'), 'done');
    assert.equal(g.effectiveStatus('3.1'), 'todo');
    assert.equal(g.effectiveStatus('4'), 'todo');
    assert.deepEqual(Array.from(g.core.container), [1, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
  });

  it('resolves nested parents bottom-up', () => {
    const g = buildGraph(kiroSpec([
      { id: '1' },
      { id: '1.1' },
      { id: '1.1.1', status: 'done' },
      { id: '1.1.2', status: 'done' },
      { id: '1.2', status: 'done' },
    ]));
    assert.equal(g.effectiveStatus('1.1'), 'done');
    assert.equal(g.effectiveStatus('1'), 'done');
  });

  it('makes OpenSpec parents wait on their children', () => {
    const g = buildGraph(openSpecSpec([
      { heading: '1. Storage' },
      { id: '1.1' },
      { id: '1.1.1', status: 'done' },
      { id: '1.2', status: 'done' },
    ]));
    assert.deepEqual(g.dependsOn('1.1').map((d) => [d.id, d.reason]), [['1.1.1', 'child']]);
    assert.equal(g.effectiveStatus('1.1'), 'done');
  });
});
