// Samples the process's rss and heapUsed while a bench case streams, so "memory stays flat" is a
// measured start / peak / end rather than a claim. Sampled by a timer and, for loops that never
// yield to the event loop, by explicit calls.

export interface MemoryFigures {
  /** MB (1e6 bytes), after a full GC before the case began. */
  readonly startHeapMb: number;
  readonly startRssMb: number;
  /** The highest sample while streaming (garbage not yet collected included). */
  readonly peakHeapMb: number;
  readonly peakRssMb: number;
  /** Right after the case, before any GC. */
  readonly endHeapMb: number;
  readonly endRssMb: number;
  /** After a full GC once the case is over: what the case kept. */
  readonly retainedHeapMb: number;
  readonly samples: number;
}

const MB = 1e6;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

export class MemorySampler {
  private startHeap = 0;
  private startRss = 0;
  private peakHeap = 0;
  private peakRss = 0;
  private count = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Collects garbage, takes the baseline and samples every `everyMs` until stop(). */
  start(everyMs = 20): void {
    gc();
    const m = process.memoryUsage();
    this.startHeap = m.heapUsed;
    this.startRss = m.rss;
    this.peakHeap = m.heapUsed;
    this.peakRss = m.rss;
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): void {
    const m = process.memoryUsage();
    this.count++;
    if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
    if (m.rss > this.peakRss) this.peakRss = m.rss;
  }

  stop(): MemoryFigures {
    clearInterval(this.timer);
    this.sample();
    const end = process.memoryUsage();
    gc();
    const retained = process.memoryUsage().heapUsed;
    return {
      startHeapMb: this.startHeap / MB,
      startRssMb: this.startRss / MB,
      peakHeapMb: this.peakHeap / MB,
      peakRssMb: this.peakRss / MB,
      endHeapMb: end.heapUsed / MB,
      endRssMb: end.rss / MB,
      retainedHeapMb: retained / MB,
      samples: this.count,
    };
  }
}
