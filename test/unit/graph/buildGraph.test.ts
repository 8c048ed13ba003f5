// The graph's edges and the reasons it gives for them, per format.
import assert from 'node:assert/strict';
import type { GraphCore } from '../../../src/core/graph/index';
import { IndexedTaskGraph, buildGraph, readySet, validateSpec } from '../../../src/core/graph/index';
import { idsOf, kiroSpec, openSpecSpec, specKitSpec, specRunnerSpec, textAt } from './taskFactory';

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

describe('buildGraph core', () => {
  it('makes edge spans on demand: where each edge is written, or the heading / header behind it', () => {
    const runner = specRunnerSpec([
      { id: 'TASK-001', blocks: ['TASK-002'] },
      { id: 'TASK-002', dependsOn: ['TASK-003'] },
      { id: 'TASK-003' },
    ]);
    const g = buildGraph(runner);
    assert.deepEqual(
      g.core.depSpan.map((s) => [s.line, textAt(runner, s)]),
      [[6, 'TASK-003'], [2, 'TASK-002']],
    );
    assert.deepEqual(Array.from(g.core.depFrom), [1, 1]);
    assert.deepEqual(Array.from(g.core.depTo), [2, 0]);

    const kit = specKitSpec([
      { heading: 'Phase 1: Setup' },
      { id: 'T001' },
      { heading: 'Phase 2: Story' },
      { id: 'T002', prose: ['T001'] },
      { heading: 'Phase 3: Polish' },
      { id: 'T003' },
    ]);
    const k = buildGraph(kit);
    // Nodes T001 0, T002 1, T003 2, barriers 3 and 4: the prose ref first, then the barrier edges.
    assert.deepEqual(
      Array.from(k.core.depTo, (to, e) => [k.core.depFrom[e], to, textAt(kit, k.core.depSpan[e]!)]),
      [
        [1, 0, 'T001'],
        [1, 3, '## Phase 2: Story'],
        [2, 4, '## Phase 3: Polish'],
        [3, 0, '- [ ] T001 Task T001'],
        [4, 1, '- [ ] T002 Task T002 (depends on T001)'],
        [4, 3, '## Phase 3: Polish'],
      ],
    );
    assert.equal(k.core.depSpan, k.core.depSpan);
  });

  it('answers the same through a core assembled by hand (no packed task flags, no digit index)', () => {
    const spec = specRunnerSpec([
      { id: 'TASK-001', blocks: ['TASK-003'], priority: 'p2' },
      { id: 'TASK-002', status: 'in_progress', priority: 'p3' },
      { id: 'TASK-003', dependsOn: ['TASK-002'] },
      { id: 'TASK-004', dependsOn: ['TASK-001'], priority: 'p0' },
      { id: 'TASK-005', dependsOn: ['TASK-404'] },
    ]);
    const g = buildGraph(spec);
    const c = g.core;
    const plain: GraphCore = {
      taskCount: c.taskCount,
      nodeCount: c.nodeCount,
      depStart: c.depStart,
      depTo: c.depTo,
      depFrom: c.depFrom,
      depReason: c.depReason,
      depNamedBy: c.depNamedBy,
      depSpan: c.depSpan,
      revStart: c.revStart,
      revEdge: c.revEdge,
      missingCount: c.missingCount,
      effDone: c.effDone,
      container: c.container,
      barrierDone: c.barrierDone,
      priorityRank: c.priorityRank,
      indexOf: new Map(c.indexOf),
      prefixes: new Set(c.prefixes),
    };
    const h = new IndexedTaskGraph(spec, g.tasks, g.duplicates, g.unresolved, plain);
    assert.deepEqual(idsOf(readySet(h)), ['TASK-002', 'TASK-001']);
    assert.deepEqual(idsOf(readySet(h)), idsOf(readySet(g)));
    assert.deepEqual(validateSpec(spec, h), validateSpec(spec, g));
    assert.deepEqual(validateSpec(spec, g).map((d) => [d.code, d.span.line]), [
      ['blocks-asymmetry', 2],
      ['blocks-asymmetry', 2],
      ['unknown-dependency', 17],
    ]);
    assert.deepEqual(h.dependsOn('TASK-003'), g.dependsOn('TASK-003'));
    assert.equal(h.task('TASK-004'), g.task('TASK-004'));
  });

  it('reuses its work buffers without changing graphs built before', () => {
    // Task i depends on an earlier task; every third task blocks the task two below it.
    const dep = (i: number, shift: number): number => Math.floor(i / 2 + shift) % i;
    const big = (n: number, shift: number) => specRunnerSpec(Array.from({ length: n }, (_, i) => ({
      id: `TASK-${i + 1}`,
      dependsOn: i > 0 ? [`TASK-${dep(i, shift) + 1}`] : [],
      blocks: i + 2 < n && i % 3 === 0 ? [`TASK-${i + 3}`] : [],
    })));
    const expected = (n: number, shift: number): string[][] => Array.from({ length: n }, (_, i) => {
      const ids = i > 0 ? [`TASK-${dep(i, shift) + 1}`] : [];
      if (i >= 2 && (i - 2) % 3 === 0 && !ids.includes(`TASK-${i - 1}`)) ids.push(`TASK-${i - 1}`);
      return ids;
    });
    const a = buildGraph(big(400, 7));
    const snapshot = [a.core.depStart, a.core.depTo, a.core.depReason, a.core.revEdge].map((x) => Array.from(x));
    const small = buildGraph(specRunnerSpec([{ id: 'TASK-1' }, { id: 'TASK-2', dependsOn: ['TASK-1'] }]));
    const b = buildGraph(big(700, 11));
    assert.deepEqual([a.core.depStart, a.core.depTo, a.core.depReason, a.core.revEdge].map((x) => Array.from(x)), snapshot);
    assert.deepEqual(small.dependsOn('TASK-2').map((d) => d.id), ['TASK-1']);
    assert.deepEqual(a.tasks.map((t) => a.dependsOn(t.id).map((d) => d.id)), expected(400, 7));
    assert.deepEqual(b.tasks.map((t) => b.dependsOn(t.id).map((d) => d.id)), expected(700, 11));
    assert.deepEqual(b.dependsOn('TASK-12').map((d) => [d.id, d.reason]), [['TASK-6', 'explicit'], ['TASK-10', 'blocks']]);
  });
});
