// The page's copy of one task's run (header + append-only rows) from the host's snapshot and deltas.
// A delta that does not follow exactly (lost, reordered, not where the list ends) asks for a resync,
// and nothing applies until the next snapshot. Pure (no DOM), so unit-tested in Node.
import type { HostToRun, RunHeader, RunItem } from '../../src/protocol/runMessages';

/** What applying a message did: `resync` means the caller must ask the host for a snapshot. */
export type ApplyOutcome = 'applied' | 'stale' | 'resync' | 'waiting';

/** The page keeps at most this many rows; the host keeps fewer, the log file has all. */
export const MAX_PAGE_ITEMS = 1_000_000;

export class RunModel {
  private header_: RunHeader | null = null;
  /** Append-only between snapshots; trimmed at the front in chunks past `maxItems`. */
  private items_: RunItem[] = [];
  /** Index (since the run started) of items_[0]. */
  private base_ = 0;
  private lastSeq = 0;
  private awaitingSnapshot = false;
  /** Bumped by every snapshot: rows cached by index belong to one generation. */
  private generation_ = 0;

  constructor(private readonly maxItems = MAX_PAGE_ITEMS) {}

  get header(): RunHeader | null {
    return this.header_;
  }

  get items(): readonly RunItem[] {
    return this.items_;
  }

  /** Index (since the run started) of items[0]; rows before it are only in the log file. */
  get base(): number {
    return this.base_;
  }

  get total(): number {
    return this.base_ + this.items_.length;
  }

  get seq(): number {
    return this.lastSeq;
  }

  get generation(): number {
    return this.generation_;
  }

  /** True after a gap, until a snapshot arrives. */
  get stale(): boolean {
    return this.awaitingSnapshot;
  }

  /** Row by index since the run started, or undefined when not held. */
  item(index: number): RunItem | undefined {
    return this.items_[index - this.base_];
  }

  apply(message: HostToRun): ApplyOutcome {
    if (!Number.isSafeInteger(message.seq) || message.seq < 1) return 'stale';
    if (message.type === 'snapshot') {
      if (message.seq <= this.lastSeq) return 'stale';
      this.lastSeq = message.seq;
      this.awaitingSnapshot = false;
      this.header_ = message.header;
      this.items_ = [...message.items];
      this.base_ = message.firstIndex;
      this.generation_++;
      this.trim();
      return 'applied';
    }
    if (message.seq <= this.lastSeq) return 'stale';
    if (this.awaitingSnapshot) return 'waiting';
    if (message.seq !== this.lastSeq + 1 || this.header_ === null) return this.gap();
    switch (message.type) {
      case 'append':
        if (message.firstIndex !== this.total || message.total !== message.firstIndex + message.items.length) return this.gap();
        for (const item of message.items) this.items_.push(item);
        this.trim();
        break;
      case 'progress':
        this.header_ = message.header;
        break;
    }
    this.lastSeq = message.seq;
    return 'applied';
  }

  private gap(): ApplyOutcome {
    this.awaitingSnapshot = true;
    return 'resync';
  }

  /** Drops the oldest rows in chunks (a tenth of the bound), so trimming stays rare at a million rows. */
  private trim(): void {
    const chunk = Math.max(1, Math.floor(this.maxItems / 10));
    if (this.items_.length <= this.maxItems + chunk) return;
    const drop = this.items_.length - this.maxItems;
    this.items_.splice(0, drop);
    this.base_ += drop;
  }
}

/**
 * Only our host posts to this page; this shape check keeps a stray message from breaking the view.
 * The host is trusted for the contents (it built them from RunEvents), so rows are not re-validated.
 */
export function readHostMessage(data: unknown): HostToRun | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Readonly<Record<string, unknown>>;
  if (typeof m['seq'] !== 'number') return null;
  const header = typeof m['header'] === 'object' && m['header'] !== null;
  const items = Array.isArray(m['items']);
  const indexes = typeof m['firstIndex'] === 'number' && typeof m['total'] === 'number';
  switch (m['type']) {
    case 'snapshot':
      return header && items && indexes ? (data as HostToRun<'snapshot'>) : null;
    case 'append':
      return items && indexes ? (data as HostToRun<'append'>) : null;
    case 'progress':
      return header ? (data as HostToRun<'progress'>) : null;
    default:
      return null;
  }
}
