// No recursion on graph depth: 50,000-task chains and rings, deep Kiro nesting and long Spec Kit
// phase chains must validate, plan and compute the ready set without a stack overflow. Speed is
// `npm run bench`'s business: nothing here is timed, so a busy machine cannot fail it.
import assert from 'node:assert/strict';
import { buildGraph, findCycles, readySet, validateSpec, waves } from '../../../src/core/graph/index';
import type { FactorySpec, TaskInput } from './taskFactory';
import { idsOf, kiroSpec, specKitSpec, specRunnerSpec } from './taskFactory';

const N = 50_000;

function chain(closed: boolean): TaskInput[] {
  const items: TaskInput[] = [];
  for (let k = 1; k <= N; k++) {
    const dep = k > 1 ? `TASK-${k - 1}` : closed ? `TASK-${N}` : null;
    items.push(dep ? { id: `TASK-${k}`, dependsOn: [dep] } : { id: `TASK-${k}` });
  }
  return items;
}

describe('deep graphs', function (this: Mocha.Suite) {
  // Mocha's 75 ms "slow" mark is sized for unit tests; these walk 50,000-task fixtures whose
  // results (50,000 waves, 50,000 cycle errors) are that big by contract, and the fixtures'
  // own garbage collection lands in them. A real slowdown still shows: over a second is marked.
  this.slow(2_000);
  // Writing 50,000 tasks' lines and spans is the factory's work, not the graph's: done once here.
  let open: FactorySpec;
  let closed: FactorySpec;
  let missingFirst: FactorySpec;
  before(() => {
    open = specRunnerSpec(chain(false));
    closed = specRunnerSpec(chain(true));
    const items = chain(false);
    items[0] = { id: 'TASK-1', dependsOn: ['TASK-0'] };
    missingFirst = specRunnerSpec(items);
  });

  it('validates, plans and picks from a 50,000-task chain', () => {
    const g = buildGraph(open);
    const ds = validateSpec(open, g);
    const ready = readySet(g);
    const plan = waves(g);
    assert.deepEqual(ds, []);
    assert.deepEqual(idsOf(ready), ['TASK-1']);
    assert.equal(plan.waves.length, N);
    assert.deepEqual(idsOf(plan.waves[0]!), ['TASK-1']);
    assert.deepEqual(idsOf(plan.waves[N - 1]!), [`TASK-${N}`]);
    assert.ok(plan.waves.every((w, i) => w.length === 1 && w[0]!.id === `TASK-${i + 1}`));
    assert.deepEqual(plan.unplannable, []);
    assert.deepEqual(findCycles(g), []);
  });

  it('finds the one 50,000-task cycle of a closed chain with its whole path', () => {
    const g = buildGraph(closed);
    const ds = validateSpec(closed, g);
    const plan = waves(g);
    const ready = readySet(g);
    const cycles = findCycles(g);
    assert.equal(cycles.length, 1);
    const path = cycles[0]!.path;
    assert.equal(path.length, N + 1);
    assert.deepEqual([path[0], path[1], path[N - 1], path[N]], ['TASK-1', `TASK-${N}`, 'TASK-2', 'TASK-1']);
    assert.equal(ds.length, N);
    assert.ok(ds.every((d) => d.code === 'cycle' && d.message === ds[0]!.message && d.related === ds[0]!.related));
    // The related list is capped so serialising one diagnostic per task stays linear.
    assert.equal(ds[0]!.related?.length, 50);
    assert.match(ds[0]!.message, / -> … 49,977 more … -> /);
    assert.deepEqual(plan.waves, []);
    assert.equal(plan.unplannable.length, N);
    assert.equal(plan.unplannable[N - 1]!.reason.kind, 'cycle');
    assert.deepEqual(ready, []);
  });

  it('plans a chain of tasks waiting on missing work without walking it recursively', () => {
    const plan = waves(buildGraph(missingFirst));
    assert.deepEqual(plan.waves, []);
    assert.deepEqual(plan.unplannable[0]!.reason, { kind: 'missing-dependency', ids: ['TASK-0'] });
    assert.deepEqual(plan.unplannable[N - 1]!.reason, { kind: 'after-unplannable', via: `TASK-${N - 1}` });
  });

  it('resolves a 3,000-deep Kiro nesting bottom-up', () => {
    const items: TaskInput[] = [];
    let id = '1';
    for (let d = 0; d < 3000; d++) {
      items.push({ id, status: d === 2999 ? 'done' : 'todo' });
      id += '.1';
    }
    const g = buildGraph(kiroSpec(items));
    assert.equal(g.effectiveStatus('1'), 'done');
    assert.deepEqual(readySet(g), []);
    assert.deepEqual(waves(g), { waves: [], unplannable: [] });
  });

  it('chains 5,000 Spec Kit phases through barriers', () => {
    const items = [];
    for (let p = 1; p <= 5000; p++) items.push({ heading: `Phase ${p}` }, { id: `T${String(p).padStart(4, '0')}` });
    const g = buildGraph(specKitSpec(items));
    const plan = waves(g);
    assert.equal(plan.waves.length, 5000);
    assert.deepEqual(idsOf(plan.waves[4999]!), ['T5000']);
    assert.deepEqual(idsOf(readySet(g)), ['T0001']);
    assert.equal(g.dependsOn('T5000').length, 4999);
    assert.equal(g.dependantsOf('T0001').length, 4999);
    assert.deepEqual(validateSpec(g.spec, g), []);
  });
});
