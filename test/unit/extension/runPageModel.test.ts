// The run panel page's side of the sequence (webview/run/runModel.ts): a snapshot replaces
// everything when newer, a delta applies only right after its predecessor and where the list ends,
// anything else asks for one resync and waits for the snapshot.
import assert from 'node:assert/strict';
import type { HostToRun, RunHeader, RunItem } from '../../../src/protocol/runMessages';
import { emptyHeader } from '../../../src/extension/runState';
import { readHostMessage, RunModel } from '../../../webview/run/runModel';

const HEADER: RunHeader = { ...emptyHeader('TASK-003', 'POST /links endpoint'), status: 'running', runId: 'run-1' };
const row = (text: string): RunItem => ({ kind: 'text', text });
const rows = (from: number, n: number): RunItem[] => Array.from({ length: n }, (_, i) => row(`r${from + i}`));

function snapshot(seq: number, firstIndex = 0, items: RunItem[] = []): HostToRun<'snapshot'> {
  return { type: 'snapshot', seq, header: HEADER, firstIndex, items, total: firstIndex + items.length };
}

function append(seq: number, firstIndex: number, n: number): HostToRun<'append'> {
  return { type: 'append', seq, firstIndex, items: rows(firstIndex, n), total: firstIndex + n };
}

describe('RunModel (run panel page)', () => {
  it('applies a snapshot, then deltas in order', () => {
    const m = new RunModel();
    assert.equal(m.apply(snapshot(1, 10, rows(10, 2))), 'applied');
    assert.deepEqual([m.base, m.total, m.seq, m.generation], [10, 12, 1, 1]);
    assert.equal(m.apply(append(2, 12, 3)), 'applied');
    assert.equal(m.apply({ type: 'progress', seq: 3, header: { ...HEADER, stage: 'gates' } }), 'applied');
    assert.deepEqual([m.total, m.seq, m.header?.stage, m.item(14), m.item(9)], [15, 3, 'gates', row('r14'), undefined]);
  });

  it('ignores a delta before the first snapshot by asking for one', () => {
    const m = new RunModel();
    assert.equal(m.apply(append(1, 0, 1)), 'resync');
    assert.equal(m.apply(append(2, 1, 1)), 'waiting');
    assert.equal(m.apply(snapshot(3)), 'applied');
    assert.equal(m.stale, false);
  });

  it('a gap in the sequence asks once for a resync; deltas wait for the snapshot; old messages are stale', () => {
    const m = new RunModel();
    m.apply(snapshot(1));
    assert.equal(m.apply(append(3, 0, 1)), 'resync');
    assert.equal(m.stale, true);
    assert.equal(m.apply(append(4, 1, 1)), 'waiting');
    assert.equal(m.apply(snapshot(1)), 'stale');
    assert.equal(m.apply(snapshot(5, 0, rows(0, 4))), 'applied');
    assert.equal(m.apply(append(2, 0, 1)), 'stale');
    assert.equal(m.apply(append(6, 4, 1)), 'applied');
    assert.deepEqual([m.total, m.seq, m.stale], [5, 6, false]);
  });

  it('an append that does not start where the list ends asks for a resync', () => {
    const m = new RunModel();
    m.apply(snapshot(1, 0, rows(0, 3)));
    assert.equal(m.apply(append(2, 2, 2)), 'resync');
    const lying: HostToRun<'append'> = { ...append(2, 3, 2), total: 9 };
    const n = new RunModel();
    n.apply(snapshot(1, 0, rows(0, 3)));
    assert.equal(n.apply(lying), 'resync');
    assert.equal(n.total, 3);
  });

  it('stays bounded: past maxItems plus a tenth it drops the oldest rows', () => {
    const m = new RunModel(100);
    m.apply(snapshot(1));
    let seq = 1;
    for (let i = 0; i < 1_000; i += 10) assert.equal(m.apply(append(++seq, i, 10)), 'applied');
    assert.equal(m.total, 1_000);
    assert.equal(m.items.length <= 110, true);
    assert.deepEqual(m.item(999), row('r999'));
    assert.deepEqual(m.item(m.base), m.items[0]);
  });

  it('readHostMessage takes only the three message shapes', () => {
    const s = snapshot(1);
    assert.equal(readHostMessage(s), s);
    assert.equal(readHostMessage(append(2, 0, 1))?.type, 'append');
    assert.equal(readHostMessage({ type: 'progress', seq: 2, header: HEADER })?.type, 'progress');
    for (const bad of [null, 'snapshot', { type: 'snapshot' }, { type: 'snapshot', seq: 1, items: [] }, { type: 'append', seq: 1, items: 'x', firstIndex: 0, total: 1 },
      { type: 'progress', seq: 1 }, { type: 'ready', seq: 1 }, { type: 'copy', seq: 1, text: 'x' }]) {
      assert.equal(readHostMessage(bad), null, JSON.stringify(bad));
    }
  });
});
