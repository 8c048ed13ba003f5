// The id index answers like a Map of first occurrences, whichever lookup it picks: digit tables
// for `PREFIX` + number ids, the string Map for everything else.
import assert from 'node:assert/strict';
import type { Task } from '../../../src/core/spec/model';
import { buildGraph } from '../../../src/core/graph/index';
import { indexIds } from '../../../src/core/graph/idIndex';
import { specRunnerSpec } from './taskFactory';

/** Tasks with just these ids, in this order (the index reads nothing else). */
function tasksWithIds(ids: readonly string[]): Task[] {
  return specRunnerSpec(ids.map((id) => ({ id }))).tasks.slice();
}

/** What the index must agree with: the node of each id's first occurrence. */
function expected(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) if (!m.has(id)) m.set(id, m.size);
  return m;
}

const PROBES = ['TASK-1', 'TASK-001', 'TASK-01', 'TASK-002', 'TASK-1.5', 'TASK-', 'TASK-0000000001', 'TASK-9999999999',
  'task-001', 'TSK-001', 'API-7', 'API-07', 'REQ-001', '1', '1.2', '', 'T0012', 'T12', 'X-20240101', 'setup'];

function check(ids: readonly string[], kind: 'numbered' | 'mapped'): void {
  const index = indexIds(tasksWithIds(ids));
  assert.equal(index.kind, kind);
  const want = expected(ids);
  assert.deepEqual(index.tasks.map((t) => t.id), [...want.keys()]);
  assert.deepEqual(new Map(index.map()), want);
  for (const id of [...ids, ...PROBES]) assert.equal(index.find(id), want.get(id) ?? -1, `find(${JSON.stringify(id)}) in [${ids.join(', ')}]`);
}

describe('indexIds', () => {
  it('reads prefix + number ids from digit tables, several prefixes and widths included', () => {
    check(['TASK-001', 'TASK-002', 'API-7', 'TASK-100', 'T0012', 'API-8'], 'numbered');
  });

  it('keeps the first of a duplicate id and lists the later ones', () => {
    const tasks = tasksWithIds(['TASK-001', 'TASK-002', 'TASK-001', 'TASK-003', 'TASK-002']);
    const index = indexIds(tasks);
    assert.equal(index.kind, 'numbered');
    assert.deepEqual(index.tasks.map((t) => t.line), [0, 3, 9]);
    assert.deepEqual(index.duplicates.map((t) => [t.id, t.line]), [['TASK-001', 6], ['TASK-002', 12]]);
    assert.deepEqual(Array.from(index.nodeOf ?? []), [0, 1, -1, 2, -1]);
    assert.equal(index.find('TASK-003'), 2);
    check(['TASK-001', 'TASK-002', 'TASK-001', 'TASK-003', 'TASK-002'], 'numbered');
  });

  it('shares the task list when there is no duplicate', () => {
    const tasks = tasksWithIds(['TASK-001', 'TASK-002']);
    const index = indexIds(tasks);
    assert.equal(index.tasks, tasks);
    assert.equal(index.nodeOf, null);
    assert.deepEqual(index.duplicates, []);
  });

  it('falls back to the Map for ids the tables cannot tell apart or hold', () => {
    check(['TASK-7', 'TASK-007'], 'mapped');
    check(['1', '1.1', '1.2', '2'], 'mapped');
    check(['X-1', 'X-20240101'], 'mapped');
    check(['TASK-1', 'X-20240101'], 'numbered');
    check(['setup', 'TASK-1'], 'mapped');
    check(['TASK-1', 'TASK-0000000001'], 'mapped');
    check(Array.from({ length: 17 }, (_, i) => `P${String.fromCharCode(65 + i)}-1`), 'mapped');
    check([], 'mapped');
  });

  it('gives the prefixes of the task ids only', () => {
    assert.deepEqual([...indexIds(tasksWithIds(['TASK-001', 'API-1', 'TASK-002', 'T9'])).prefixes], ['TASK-', 'API-', 'T']);
    assert.deepEqual([...indexIds(tasksWithIds(['1', '1.1'])).prefixes], ['']);
  });
});

describe('buildGraph on either index', () => {
  it('resolves and classifies refs the same way with digit tables and with the Map', () => {
    const items = (width: number) => [
      { id: `TASK-${'1'.padStart(width, '0')}`, blocks: ['TASK-3', 'TASK-003'] },
      { id: `TASK-${'2'.padStart(width, '0')}`, dependsOn: ['TASK-001', 'TASK-1', 'TASK-1.5', 'REQ-001', 'TASK-0000000001'] },
      { id: `TASK-${'3'.padStart(width, '0')}`, dependsOn: ['TASK-002', 'TASK-2', 'API-9'] },
      { id: 'API-9' },
    ];
    // Width 3 is numbered; the extra `TASK-7`/`TASK-007` pair forces the Map for the same refs.
    const numbered = specRunnerSpec(items(3));
    const mapped = specRunnerSpec([...items(3), { id: 'TASK-7' }, { id: 'TASK-007' }]);
    assert.equal(indexIds(numbered.tasks).kind, 'numbered');
    assert.equal(indexIds(mapped.tasks).kind, 'mapped');
    for (const spec of [numbered, mapped]) {
      const g = buildGraph(spec);
      assert.deepEqual(g.dependsOn('TASK-002').map((d) => d.id), ['TASK-001']);
      assert.deepEqual(g.dependsOn('TASK-003').map((d) => [d.id, d.reason]), [['TASK-002', 'explicit'], ['API-9', 'explicit'], ['TASK-001', 'blocks']]);
      assert.deepEqual(
        g.unresolved.map((u) => [u.task.id, u.ref.id, u.field, u.kind]),
        [
          ['TASK-001', 'TASK-3', 'blocks', 'missing'],
          ['TASK-002', 'TASK-1', 'dependsOn', 'missing'],
          ['TASK-002', 'TASK-1.5', 'dependsOn', 'missing'],
          ['TASK-002', 'REQ-001', 'dependsOn', 'not-a-task'],
          ['TASK-002', 'TASK-0000000001', 'dependsOn', 'missing'],
          ['TASK-003', 'TASK-2', 'dependsOn', 'missing'],
        ],
      );
      assert.equal(g.has('TASK-1'), false);
      assert.equal(g.task('API-9')?.line, 12);
      assert.equal(g.core.indexOf.get('TASK-003'), 2);
    }
  });
});
