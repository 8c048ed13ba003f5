// Turns RunEvents into run panel messages without flooding postMessage: a bounded tail per task,
// rows batched (every `flushMs`, or at once when `batchItems` wait), contiguous sequence numbers,
// a full snapshot on (re)connect or resync. Pure (no vscode): clock and timer are injected.
import type { RunEvent } from '../core/executor/runEvents';
import type { HostToRun, RunHeader, RunItem } from '../protocol/runMessages';
import { isActive, RunState, type RunStateDeps, type RunStateLimits } from './runState';

export interface RunFeedOptions extends RunStateLimits {
  /** Flush as soon as this many rows wait, without waiting for the timer. */
  readonly batchItems: number;
  /** The longest a row or a header change waits before it is posted. */
  readonly flushMs: number;
  /** Posts not yet delivered before the feed holds back (they then coalesce, or become a snapshot). */
  readonly maxInFlight: number;
  /** Tasks whose state is kept; the least recently touched, closed, finished ones go first. */
  readonly maxFeeds: number;
}

export const DEFAULT_RUN_FEED_OPTIONS: RunFeedOptions = {
  maxItems: 5_000,
  maxLineChars: 10_000,
  maxDetailChars: 64 * 1024,
  batchItems: 500,
  flushMs: 50,
  maxInFlight: 4,
  maxFeeds: 20,
};

export type TimerHandle = unknown;

/** setTimeout / clearTimeout, injectable so tests drive time by hand. */
export interface Scheduler {
  set(fn: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

export const realScheduler: Scheduler = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Posts one message to the page; a returned thenable settles once VS Code delivered (or dropped) it. */
export type RunPost = (message: HostToRun) => PromiseLike<unknown> | void;

/** What a feed holds, for tests and the extension's API: what a fresh snapshot would carry. */
export interface RunFeedView {
  readonly header: RunHeader;
  readonly firstIndex: number;
  readonly items: readonly RunItem[];
  readonly total: number;
  /** Sequence number of the last message posted to the page; 0 before the first. */
  readonly seq: number;
  /** A page is connected (it said ready and has not been hidden or closed since). */
  readonly connected: boolean;
}

export interface RunFeedDeps extends RunStateDeps {
  readonly scheduler: Scheduler;
}

/** One task's state and its connection to (at most) one page. */
export class RunFeed {
  private readonly state: RunState;
  private post: RunPost | null = null;
  private seq = 0;
  /** Rows before this absolute index have been posted to the connected page. */
  private sentTotal = 0;
  private headerDirty = false;
  private snapshotDue = false;
  private timer: TimerHandle | null = null;
  private inFlight = 0;
  /** Bumped on every (dis)connect, so a late delivery of an old page's message is not counted. */
  private epoch = 0;

  constructor(
    taskId: string,
    title: string,
    private readonly options: RunFeedOptions,
    private readonly deps: RunFeedDeps,
  ) {
    this.state = new RunState(taskId, title, options, deps);
  }

  get taskId(): string {
    return this.state.taskId;
  }

  get active(): boolean {
    return isActive(this.state.status);
  }

  get runId(): string | null {
    return this.state.runId;
  }

  get connected(): boolean {
    return this.post !== null;
  }

  header(): RunHeader {
    return this.state.snapshotHeader();
  }

  view(): RunFeedView {
    return {
      header: this.state.snapshotHeader(),
      firstIndex: this.state.firstIndex,
      items: this.state.itemsFrom(),
      total: this.state.total,
      seq: this.seq,
      connected: this.post !== null,
    };
  }

  apply(event: RunEvent): void {
    const r = this.state.apply(event);
    if (!this.post) return;
    if (r.reset) this.snapshotDue = true;
    if (r.headerChanged) this.headerDirty = true;
    if (r.reset || r.headerChanged || r.appended > 0) this.schedule();
  }

  /** A page said ready: it gets a full snapshot, then deltas. */
  connect(post: RunPost): void {
    this.cancelTimer();
    this.epoch++;
    this.inFlight = 0;
    this.post = post;
    this.sendSnapshot();
  }

  /** The page is gone (hidden without retained context, or closed): nothing is posted until it reconnects. */
  disconnect(): void {
    this.cancelTimer();
    this.epoch++;
    this.inFlight = 0;
    this.post = null;
  }

  /** The page saw a gap in the sequence. */
  resync(): void {
    if (!this.post) return;
    this.cancelTimer();
    this.sendSnapshot();
  }

  /** Posts what waits: a snapshot when the page cannot catch up with deltas, else rows then the header. */
  flush(): void {
    this.cancelTimer();
    if (!this.post || this.inFlight >= this.options.maxInFlight) return;
    const total = this.state.total;
    // Rows the page never got have left the tail (or a new run began): only a snapshot can help.
    if (this.snapshotDue || this.sentTotal < this.state.firstIndex || this.sentTotal > total) {
      this.sendSnapshot();
      return;
    }
    while (this.sentTotal < total && this.inFlight < this.options.maxInFlight) {
      const end = Math.min(total, this.sentTotal + this.options.batchItems);
      const items = this.state.itemsFrom(this.sentTotal, end);
      const firstIndex = this.sentTotal;
      this.sentTotal = end;
      this.send({ type: 'append', seq: ++this.seq, firstIndex, items, total: end });
    }
    if (this.headerDirty && this.inFlight < this.options.maxInFlight) {
      this.headerDirty = false;
      this.send({ type: 'progress', seq: ++this.seq, header: this.state.snapshotHeader() });
    }
    if (this.pending()) this.schedule();
  }

  dispose(): void {
    this.disconnect();
  }

  private pending(): boolean {
    return this.snapshotDue || this.headerDirty || this.sentTotal !== this.state.total;
  }

  private schedule(): void {
    if (!this.post) return;
    if (this.state.total - this.sentTotal >= this.options.batchItems && this.inFlight < this.options.maxInFlight) {
      this.flush();
      return;
    }
    if (this.timer === null) {
      this.timer = this.deps.scheduler.set(() => {
        this.timer = null;
        this.flush();
      }, this.options.flushMs);
    }
  }

  private sendSnapshot(): void {
    const total = this.state.total;
    this.snapshotDue = false;
    this.headerDirty = false;
    this.sentTotal = total;
    this.send({
      type: 'snapshot',
      seq: ++this.seq,
      header: this.state.snapshotHeader(),
      firstIndex: this.state.firstIndex,
      items: this.state.itemsFrom(),
      total,
    });
  }

  private send(message: HostToRun): void {
    const post = this.post;
    if (!post) return;
    const delivered = post(message);
    if (!delivered) return;
    const epoch = this.epoch;
    this.inFlight++;
    const settle = (): void => {
      if (epoch !== this.epoch) return;
      this.inFlight--;
      if (this.pending() && this.timer === null) this.schedule();
    };
    delivered.then(settle, settle);
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.deps.scheduler.clear(this.timer);
    this.timer = null;
  }
}

/** Every task's feed, with the routing of run-wide events and a bound on how many are kept. */
export class RunFeedSet {
  /** Insertion order is recency: a touched feed moves to the end. */
  private readonly feeds = new Map<string, RunFeed>();
  /** The feed last in `feeds` (the most recently touched), or null when not known. */
  private newest: RunFeed | null = null;
  private readonly options: RunFeedOptions;

  constructor(
    private readonly deps: RunFeedDeps,
    options: Partial<RunFeedOptions> = {},
  ) {
    this.options = { ...DEFAULT_RUN_FEED_OPTIONS, ...options };
  }

  /** Routes one event; returns the ids of the tasks whose feed it changed. */
  feed(event: RunEvent): string[] {
    const targets = this.targets(event);
    for (const feed of targets) {
      feed.apply(event);
      this.touch(feed);
    }
    this.evict();
    return targets.map((f) => f.taskId);
  }

  get(taskId: string): RunFeed | undefined {
    return this.feeds.get(taskId);
  }

  /** The feed of `taskId`, made empty (status `none`) when no run of it was seen: a restored panel's. */
  ensure(taskId: string, title: string): RunFeed {
    const existing = this.feeds.get(taskId);
    if (existing) return existing;
    const feed = new RunFeed(taskId, title, this.options, this.deps);
    this.feeds.set(taskId, feed);
    this.newest = feed;
    this.evict();
    return feed;
  }

  taskIds(): string[] {
    return [...this.feeds.keys()];
  }

  /** Posts everything that waits now, without waiting for the timers (tests, shutdown). */
  flushAll(): void {
    for (const feed of this.feeds.values()) feed.flush();
  }

  dispose(): void {
    for (const feed of this.feeds.values()) feed.dispose();
    this.feeds.clear();
    this.newest = null;
  }

  private targets(event: RunEvent): RunFeed[] {
    switch (event.kind) {
      case 'run_started':
        return [];
      case 'task_started':
        return [this.ensure(event.taskId, event.title)];
      case 'stage':
      case 'attempt_started':
      case 'agent':
      case 'gate':
      case 'review':
      case 'cost':
      case 'retry':
      case 'task_finished':
        return [this.ensure(event.taskId, event.taskId)];
      case 'run_finished':
        return [...this.feeds.values()].filter((f) => f.runId === event.runId);
      case 'log':
        // Engine messages name no task: they belong to whatever is running now.
        return [...this.feeds.values()].filter((f) => f.active);
    }
  }

  private touch(feed: RunFeed): void {
    // An agent's flood touches the same feed thousands of times a second: only a change of feed moves one.
    if (feed === this.newest) return;
    this.feeds.delete(feed.taskId);
    this.feeds.set(feed.taskId, feed);
    this.newest = feed;
  }

  /** Drops the oldest feeds beyond the bound; one a page shows or a run still feeds stays. */
  private evict(): void {
    if (this.feeds.size <= this.options.maxFeeds) return;
    for (const feed of [...this.feeds.values()]) {
      if (this.feeds.size <= this.options.maxFeeds) return;
      if (feed.connected || feed.active) continue;
      feed.dispose();
      this.feeds.delete(feed.taskId);
      if (feed === this.newest) this.newest = null;
    }
  }
}
