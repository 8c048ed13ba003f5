// The run panel's feed against the page's own RunModel: bounded batches, contiguous sequence numbers,
// bounded memory however much an agent prints, and anything lost (a dropped message, a slow page, a
// reload) repaired by a snapshot equal to what the host holds.
import assert from 'node:assert/strict';
import type { HostToRun } from '../../../src/protocol/runMessages';
import { RunFeed, RunFeedSet, DEFAULT_RUN_FEED_OPTIONS, type RunFeedOptions, type RunFeedView } from '../../../src/extension/runFeed';
import { RunModel } from '../../../webview/run/runModel';
import { agent, ManualScheduler, RUN, stage, started, TASK, text } from './runFixtures';

interface Rig {
  readonly clock: ManualScheduler;
  readonly feed: RunFeed;
  readonly posted: HostToRun[];
  readonly page: RunModel;
}

/** A feed connected to a page model; `drop` decides which posted messages never arrive. */
function rig(options: Partial<RunFeedOptions> = {}, drop: (m: HostToRun) => boolean = () => false, pageMax?: number): Rig {
  const clock = new ManualScheduler();
  const feed = new RunFeed(TASK, TASK, { ...DEFAULT_RUN_FEED_OPTIONS, ...options }, {
    now: () => clock.now,
    scheduler: clock,
    logFileFor: (taskId, _runId, attempt) => `/logs/${taskId}/attempt-${attempt}.log`,
  });
  const posted: HostToRun[] = [];
  const page = new RunModel(pageMax);
  const connect = (): void => feed.connect((m) => {
    posted.push(m);
    if (drop(m)) return;
    // The page asks for a resync on a gap, as runView.ts does.
    if (page.apply(m) === 'resync') queueMicrotask(() => feed.resync());
  });
  connect();
  return { clock, feed, posted, page };
}

/** The page shows exactly what a fresh snapshot would carry. */
function assertPageEqualsHost(page: RunModel, view: RunFeedView): void {
  assert.deepEqual(page.header, view.header);
  assert.equal(page.total, view.total);
  assert.equal(page.seq, view.seq);
  assert.deepEqual(page.items.slice(page.items.length - view.items.length), view.items);
  assert.equal(page.items.length >= view.items.length, true);
}

function seqs(posted: readonly HostToRun[]): number[] {
  return posted.map((m) => m.seq);
}

describe('RunFeed', () => {
  it('sends a snapshot on connect, then batches rows and header changes until the timer fires', () => {
    const { clock, feed, posted, page } = rig();
    assert.deepEqual(posted.map((m) => m.type), ['snapshot']);
    feed.apply(started());
    feed.apply(stage('implement'));
    feed.apply(text('one\ntwo'));
    feed.apply(text('three'));
    assert.equal(posted.length, 1, 'nothing before the timer');
    clock.advance(49);
    assert.equal(posted.length, 1);
    clock.advance(1);
    // A new run began: the page gets a snapshot of it, not deltas on top of the empty state.
    assert.deepEqual(posted.map((m) => m.type), ['snapshot', 'snapshot']);
    feed.apply(text('four'));
    feed.apply(agent({ kind: 'usage', usage: { input: 5, output: 1, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'unpriced' } }));
    clock.advance(50);
    assert.deepEqual(posted.map((m) => m.type), ['snapshot', 'snapshot', 'append', 'progress']);
    assert.deepEqual(seqs(posted), [1, 2, 3, 4]);
    const append = posted[2];
    assert.ok(append?.type === 'append');
    assert.deepEqual([append.firstIndex, append.total, append.items], [4, 5, [{ kind: 'text', text: 'four' }]]);
    assert.equal(clock.pending, 0, 'no timer left once everything is posted');
    assertPageEqualsHost(page, feed.view());
  });

  it('flushes at once when batchItems rows wait, and the timer takes the rest', () => {
    const { clock, feed, posted, page } = rig({ batchItems: 10 });
    feed.apply(started());
    clock.advance(50);
    posted.length = 0;
    for (let i = 0; i < 25; i++) feed.apply(text(`line ${i}`));
    assert.deepEqual(posted.map((m) => (m.type === 'append' ? m.items.length : m.type)), [10, 10]);
    clock.advance(50);
    assert.deepEqual(posted.map((m) => (m.type === 'append' ? `${m.firstIndex}+${m.items.length}` : m.type)), ['0+10', '10+10', '20+5']);
    assertPageEqualsHost(page, feed.view());
  });

  it('holds a bounded tail of 1,000,000 rows in batches of at most batchItems, with contiguous sequence numbers and indexes', function () {
    this.timeout(120_000);
    const { clock, feed, posted, page } = rig({}, () => false, DEFAULT_RUN_FEED_OPTIONS.maxItems);
    feed.apply(started());
    clock.advance(50);
    const ROWS = 1_000_000;
    let maxBatch = 0;
    let appends = 0;
    let expectedFirst = 0;
    let lastSeq = posted[posted.length - 1]?.seq ?? 0;
    posted.length = 0;
    const check = (): void => {
      // Checked as they come and then forgotten, so the test itself keeps no million messages.
      for (const m of posted.splice(0)) {
        assert.equal(m.seq, lastSeq + 1);
        lastSeq = m.seq;
        if (m.type !== 'append') continue;
        appends++;
        assert.equal(m.firstIndex, expectedFirst);
        expectedFirst = m.total;
        maxBatch = Math.max(maxBatch, m.items.length);
      }
    };
    for (let i = 0; i < ROWS; i++) {
      feed.apply(text(`row ${i}`));
      if (i % 10_000 === 0) check();
    }
    clock.advance(50);
    check();
    const view = feed.view();
    assert.deepEqual([view.total, view.firstIndex, view.items.length], [ROWS, ROWS - 5_000, 5_000]);
    assert.deepEqual(view.items[0], { kind: 'text', text: `row ${ROWS - 5_000}` });
    assert.deepEqual(view.items[4_999], { kind: 'text', text: `row ${ROWS - 1}` });
    assert.equal(maxBatch, DEFAULT_RUN_FEED_OPTIONS.batchItems);
    assert.equal(appends, ROWS / DEFAULT_RUN_FEED_OPTIONS.batchItems);
    assert.equal(expectedFirst, ROWS);
    // The page model is bounded as well (here to the host's tail, plus one trim chunk).
    assert.equal(page.items.length <= 5_500, true);
    assertPageEqualsHost(page, view);
  });

  it('a lost delta makes the page ask for a resync, and the snapshot it gets equals the host state', async () => {
    let dropped = 0;
    const { clock, feed, posted, page } = rig({ batchItems: 4 }, (m) => m.type === 'append' && m.firstIndex === 4 && dropped++ === 0);
    feed.apply(started());
    clock.advance(50);
    for (let i = 0; i < 12; i++) feed.apply(text(`line ${i}`));
    assert.equal(page.stale, true, 'the gap was seen');
    await Promise.resolve();
    assert.deepEqual(posted.map((m) => m.type), ['snapshot', 'snapshot', 'append', 'append', 'append', 'snapshot']);
    assert.equal(page.stale, false);
    assertPageEqualsHost(page, feed.view());
    feed.apply(text('after'));
    clock.advance(50);
    assert.equal(posted[posted.length - 1]?.type, 'append');
    assertPageEqualsHost(page, feed.view());
  });

  it('holds back while maxInFlight posts are undelivered, then catches up with a snapshot when the tail moved on', async () => {
    const clock = new ManualScheduler();
    const feed = new RunFeed(TASK, TASK, { ...DEFAULT_RUN_FEED_OPTIONS, maxItems: 20, batchItems: 5, maxInFlight: 2 }, {
      now: () => clock.now, scheduler: clock, logFileFor: () => null,
    });
    const page = new RunModel();
    const deliveries: (() => void)[] = [];
    const posted: HostToRun[] = [];
    feed.connect((m) => {
      posted.push(m);
      return new Promise<void>((resolve) => deliveries.push(() => {
        page.apply(m);
        resolve();
      }));
    });
    feed.apply(started());
    for (let i = 0; i < 60; i++) feed.apply(text(`line ${i}`));
    clock.advance(50);
    assert.equal(posted.length, 2, 'two posts in flight, the rest waits');
    for (let round = 0; round < 10 && deliveries.length > 0; round++) {
      for (const deliver of deliveries.splice(0)) deliver();
      await new Promise((resolve) => setImmediate(resolve));
      clock.advance(50);
    }
    assert.deepEqual(posted.map((m) => m.type), ['snapshot', 'snapshot', 'snapshot']);
    assertPageEqualsHost(page, feed.view());
    assert.deepEqual(feed.view().items.length, 20);
  });

  it('posts nothing while disconnected; a reconnecting page gets a newer snapshot of everything kept', () => {
    const { clock, feed, posted, page } = rig();
    feed.apply(started());
    clock.advance(50);
    feed.disconnect();
    const before = posted.length;
    for (let i = 0; i < 30; i++) feed.apply(text(`line ${i}`));
    clock.advance(500);
    assert.equal(posted.length, before);
    assert.equal(clock.pending, 0);
    const fresh = new RunModel();
    feed.connect((m) => {
      posted.push(m);
      fresh.apply(m);
    });
    const last = posted[posted.length - 1];
    assert.ok(last?.type === 'snapshot');
    assert.equal(last.seq, before + 1);
    assert.equal(last.items.length, 30);
    assertPageEqualsHost(fresh, feed.view());
    assert.equal(page.total, 0, 'the old page got nothing after disconnecting');
  });
});

describe('RunFeedSet', () => {
  function set(maxFeeds = 20): { feeds: RunFeedSet; clock: ManualScheduler } {
    const clock = new ManualScheduler();
    return { feeds: new RunFeedSet({ now: () => clock.now, scheduler: clock, logFileFor: () => null }, { maxFeeds }), clock };
  }

  it('routes task events by task id, engine logs to running tasks, a run end to that run\'s tasks', () => {
    const { feeds } = set();
    assert.deepEqual(feeds.feed({ kind: 'run_started', runId: RUN, mode: 'all', taskIds: ['A', 'B'] }), []);
    assert.deepEqual(feeds.feed(started('A')), ['A']);
    feeds.feed(started('B'));
    feeds.feed({ kind: 'task_finished', runId: RUN, taskId: 'A', result: 'done', message: '', commitSha: null });
    feeds.feed(started('C', 'run-2'));
    assert.deepEqual(feeds.feed({ kind: 'log', level: 'warning', message: 'disk almost full' }).sort(), ['B', 'C']);
    assert.deepEqual(feeds.feed({ kind: 'run_finished', runId: RUN, status: 'stopped', message: '' }).sort(), ['A', 'B']);
    assert.equal(feeds.get('A')?.view().header.status, 'done');
    assert.equal(feeds.get('B')?.view().header.status, 'stopped');
    assert.equal(feeds.get('C')?.view().header.status, 'running');
    assert.deepEqual(feeds.feed(text('x', 1, 'D')), ['D'], 'an event before task_started still lands');
    assert.equal(feeds.get('D')?.view().header.title, 'D');
  });

  it('keeps at most maxFeeds tasks, dropping the oldest finished ones no page shows', () => {
    const { feeds } = set(2);
    feeds.feed(started('A'));
    feeds.feed({ kind: 'task_finished', runId: RUN, taskId: 'A', result: 'failed', message: '', commitSha: null });
    feeds.ensure('B', 'restored').connect(() => undefined);
    feeds.feed(started('C'));
    assert.deepEqual(feeds.taskIds().sort(), ['B', 'C']);
    feeds.feed(started('D'));
    // B has a page and C and D run: nothing can go, so the bound waits.
    assert.deepEqual(feeds.taskIds().sort(), ['B', 'C', 'D']);
    feeds.feed({ kind: 'task_finished', runId: RUN, taskId: 'C', result: 'done', message: '', commitSha: null });
    feeds.feed(text('more', 1, 'D'));
    assert.deepEqual(feeds.taskIds().sort(), ['B', 'D']);
  });

  it('ensure gives a restored panel an empty feed with the persisted title', () => {
    const { feeds } = set();
    const view = feeds.ensure('TASK-007', 'Rate limiting').view();
    assert.deepEqual([view.header.status, view.header.title, view.total, view.seq, view.connected], ['none', 'Rate limiting', 0, 0, false]);
    assert.equal(feeds.ensure('TASK-007', 'other'), feeds.get('TASK-007'));
  });
});
