// RunFeedSet's recency order with the shortcut for the feed touched last (a flood touches one feed
// thousands of times a second): eviction must still drop exactly the least recently touched feed.
import assert from 'node:assert/strict';
import { RunFeedSet } from '../../../src/extension/runFeed';
import { ManualScheduler, RUN, started, text } from './runFixtures';

function finished(taskId: string): Parameters<RunFeedSet['feed']>[0] {
  return { kind: 'task_finished', runId: RUN, taskId, result: 'done', message: '', commitSha: null };
}

describe('RunFeedSet recency', () => {
  function set(maxFeeds: number): RunFeedSet {
    const clock = new ManualScheduler();
    return new RunFeedSet({ now: () => clock.now, scheduler: clock, logFileFor: () => null }, { maxFeeds });
  }

  it('evicts the least recently touched finished feed after many events to the newest one', () => {
    const feeds = set(2);
    feeds.feed(started('A'));
    feeds.feed(finished('A'));
    feeds.feed(started('B'));
    feeds.feed(finished('B'));
    for (let i = 0; i < 50; i++) feeds.feed(text(`line ${i}`, 1, 'B'));
    feeds.feed(text('A again', 1, 'A'));
    assert.deepEqual(feeds.taskIds(), ['B', 'A']);
    feeds.feed(started('C'));
    assert.deepEqual(feeds.taskIds(), ['A', 'C']);
    // B comes back as a new, empty feed at the end.
    feeds.feed(text('late', 1, 'B'));
    assert.deepEqual(feeds.taskIds(), ['C', 'B']);
    assert.equal(feeds.get('B')?.view().total, 1);
  });

  it('re-adds a feed evicted while it was the newest when it is touched again', () => {
    const feeds = set(1);
    feeds.feed(started('A'));
    // B is made (the newest), evicted at once (A runs, B does not), then finished: it stays out.
    feeds.feed(finished('B'));
    assert.deepEqual(feeds.taskIds(), ['A']);
    feeds.feed(finished('A'));
    feeds.feed(started('B'));
    assert.deepEqual(feeds.taskIds(), ['B']);
    assert.equal(feeds.get('B')?.view().header.status, 'running');
    feeds.dispose();
    assert.deepEqual(feeds.taskIds(), []);
    feeds.feed(started('D'));
    assert.deepEqual(feeds.taskIds(), ['D']);
  });
});
