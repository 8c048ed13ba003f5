// A fixed-capacity ring of the last N items of an append-only sequence, addressed by absolute index
// (0 = the first item ever pushed): the run panel keeps a bounded tail however much an agent prints.

export class TailBuffer<T> {
  private readonly ring: (T | undefined)[];
  private pushed = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`TailBuffer: expected a capacity >= 1, got ${capacity}`);
    this.ring = new Array<T | undefined>(capacity);
  }

  /** Items pushed since the start (or the last clear). */
  get total(): number {
    return this.pushed;
  }

  /** Absolute index of the oldest item still kept. */
  get firstIndex(): number {
    return Math.max(0, this.pushed - this.capacity);
  }

  get size(): number {
    return this.pushed - this.firstIndex;
  }

  push(item: T): void {
    this.ring[this.pushed % this.capacity] = item;
    this.pushed++;
  }

  /** Kept items from absolute index `from` up to `to` (both clamped to what is kept), oldest first. */
  slice(from = 0, to = this.pushed): T[] {
    const start = Math.max(from, this.firstIndex);
    const end = Math.min(to, this.pushed);
    const out: T[] = [];
    for (let i = start; i < end; i++) {
      const item = this.ring[i % this.capacity];
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.pushed = 0;
  }
}
