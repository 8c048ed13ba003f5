// Task id -> node without hashing strings: ids are almost always a prefix and a number, so a ref
// resolves by reading its digits into a table. The string Map (10k hashed inserts, a hashed lookup
// per ref: the slow part of a build) is kept for other ids, or made when `indexOf` is asked for.
import type { Task } from '../spec/model';
import { SLOT_ID_DIGITS, SLOT_ID_NUMBER, SLOT_ID_PREFIX, scratchInt32 } from './scratch';
import { taskPrefixes } from './taskPrefix';

/** More prefixes than this in one file is unusual enough to take the Map. */
const MAX_PREFIXES = 16;
/** Numbers have at most this many digits, so they fit an int32 and the tables stay small. */
const MAX_DIGITS = 9;

export interface IdIndex {
  /** Which lookup answers `find`: digit tables, or the string Map. */
  readonly kind: 'numbered' | 'mapped';
  /** First occurrence of each id, file order: the graph's nodes. */
  readonly tasks: readonly Task[];
  readonly duplicates: readonly Task[];
  /** Node of each spec.tasks entry, -1 for a later occurrence of a taken id; null when j -> j. */
  readonly nodeOf: Int32Array | null;
  readonly prefixes: ReadonlySet<string>;
  /** Node of `id`, or -1. */
  find(id: string): number;
  /** The id -> node Map, built on first use when lookups do not need it. */
  map(): ReadonlyMap<string, number>;
}

export function indexIds(all: readonly Task[]): IdIndex {
  return NumberedIndex.build(all) ?? new MappedIndex(all);
}

/**
 * Ids that are all `prefix + digits` (no dots), with at most MAX_PREFIXES prefixes and numbers
 * dense enough for a table per prefix. Two ids with the same prefix and number are the same id
 * exactly when they have as many digits (`TASK-7` vs `TASK-007`); any such pair sends the file
 * to the Map instead, so the digit count is the whole equality check.
 */
class NumberedIndex implements IdIndex {
  readonly kind = 'numbered';
  private cachedMap: Map<string, number> | null = null;
  private lastPrefix = 0;

  /**
   * Held for the life of the process: V8 drops the hidden class of a class whose instances all
   * died, and with it the optimized code that reads one (see CORE_SHAPE_KEEPER in packedCore.ts).
   */
  static readonly shapeKeeper: NumberedIndex = new NumberedIndex(
    [], [], null, [], new Set(), new Int32Array(0), new Int32Array(1), new Int32Array(0), new Uint8Array(0),
  );

  private constructor(
    readonly tasks: readonly Task[],
    readonly duplicates: readonly Task[],
    readonly nodeOf: Int32Array | null,
    private readonly prefixList: readonly string[],
    readonly prefixes: ReadonlySet<string>,
    /** Per prefix: first number with a table slot, and where its slots start in `slot`. */
    private readonly low: Int32Array,
    private readonly offset: Int32Array,
    /** Node per (prefix, number), -1 when none. */
    private readonly slot: Int32Array,
    /** Per node: digits in its id. */
    private readonly digits: Uint8Array,
  ) {}

  static build(all: readonly Task[]): NumberedIndex | null {
    const count = all.length;
    if (count === 0) return null;
    const prefixOf = scratchInt32(SLOT_ID_PREFIX, count);
    const numberOf = scratchInt32(SLOT_ID_NUMBER, count);
    const digitsOf = scratchInt32(SLOT_ID_DIGITS, count);
    const prefixList: string[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    let p = -1;
    for (let j = 0; j < count; j++) {
      const id = all[j]!.id;
      let s = id.length;
      let num = 0;
      let scale = 1;
      while (s > 0) {
        const c = id.charCodeAt(s - 1);
        if (c >= 48 && c <= 57) {
          if (id.length - s >= MAX_DIGITS) return null;
          num += (c - 48) * scale;
          scale *= 10;
          s--;
        } else if (c === 46) {
          return null;
        } else {
          break;
        }
      }
      if (s === id.length) return null;
      // Runs of one prefix are the usual file: compare with the last one before searching.
      if (p < 0 || !samePrefix(id, s, prefixList[p]!)) {
        p = -1;
        for (let q = 0; q < prefixList.length; q++) {
          if (samePrefix(id, s, prefixList[q]!)) {
            p = q;
            break;
          }
        }
        if (p < 0) {
          if (prefixList.length === MAX_PREFIXES) return null;
          p = prefixList.length;
          prefixList.push(id.slice(0, s));
          lo.push(num);
          hi.push(num);
        }
      }
      if (num < lo[p]!) lo[p] = num;
      if (num > hi[p]!) hi[p] = num;
      prefixOf[j] = p;
      numberOf[j] = num;
      digitsOf[j] = id.length - s;
    }
    const low = new Int32Array(prefixList.length);
    const offset = new Int32Array(prefixList.length + 1);
    for (let q = 0; q < prefixList.length; q++) {
      low[q] = lo[q]!;
      offset[q + 1] = offset[q]! + hi[q]! - lo[q]! + 1;
    }
    // Sparse numbers (dates as ids, say) would make huge tables: the Map is cheaper then.
    if (offset[prefixList.length]! > 4 * count + 1024) return null;
    const slot = new Int32Array(offset[prefixList.length]!).fill(-1);
    const digits = new Uint8Array(count);
    let duplicates: Task[] | null = null;
    let nodeOf: Int32Array | null = null;
    let n = 0;
    for (let j = 0; j < count; j++) {
      const q = prefixOf[j]!;
      const at = offset[q]! + numberOf[j]! - low[q]!;
      const taken = slot[at]!;
      if (taken < 0) {
        slot[at] = n;
        digits[n] = digitsOf[j]!;
        if (nodeOf !== null) nodeOf[j] = n;
        n++;
        continue;
      }
      if (digits[taken] !== digitsOf[j]) return null;
      if (nodeOf === null) {
        nodeOf = new Int32Array(count);
        for (let i = 0; i < j; i++) nodeOf[i] = i;
        duplicates = [];
      }
      nodeOf[j] = -1;
      duplicates!.push(all[j]!);
    }
    let tasks = all;
    if (nodeOf !== null) {
      const kept: Task[] = [];
      for (let j = 0; j < count; j++) if (nodeOf[j]! >= 0) kept.push(all[j]!);
      tasks = kept;
    }
    return new NumberedIndex(tasks, duplicates ?? [], nodeOf, prefixList, new Set(prefixList), low, offset, slot, digits.subarray(0, n));
  }

  find(id: string): number {
    let s = id.length;
    let num = 0;
    let scale = 1;
    while (s > 0) {
      const c = id.charCodeAt(s - 1);
      if (c >= 48 && c <= 57) {
        if (id.length - s >= MAX_DIGITS) return -1;
        num += (c - 48) * scale;
        scale *= 10;
        s--;
      } else if (c === 46) {
        return -1;
      } else {
        break;
      }
    }
    if (s === id.length) return -1;
    const list = this.prefixList;
    let p = this.lastPrefix;
    if (!samePrefix(id, s, list[p]!)) {
      p = -1;
      for (let q = 0; q < list.length; q++) {
        if (samePrefix(id, s, list[q]!)) {
          p = q;
          break;
        }
      }
      if (p < 0) return -1;
      this.lastPrefix = p;
    }
    const k = num - this.low[p]!;
    if (k < 0 || k >= this.offset[p + 1]! - this.offset[p]!) return -1;
    const v = this.slot[this.offset[p]! + k]!;
    return v >= 0 && this.digits[v] === id.length - s ? v : -1;
  }

  map(): ReadonlyMap<string, number> {
    if (this.cachedMap === null) {
      const m = new Map<string, number>();
      for (let v = 0; v < this.tasks.length; v++) m.set(this.tasks[v]!.id, v);
      this.cachedMap = m;
    }
    return this.cachedMap;
  }
}

/** id[0..end) is exactly `prefix`. */
function samePrefix(id: string, end: number, prefix: string): boolean {
  if (end !== prefix.length) return false;
  for (let i = 0; i < end; i++) if (id.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/** Any ids: one Map write per task (back to front, so the first occurrence stays). */
class MappedIndex implements IdIndex {
  readonly kind = 'mapped';
  readonly tasks: readonly Task[];
  readonly duplicates: readonly Task[];
  readonly nodeOf: Int32Array | null;
  readonly prefixes: ReadonlySet<string>;
  private readonly indexOf = new Map<string, number>();

  constructor(all: readonly Task[]) {
    const indexOf = this.indexOf;
    for (let j = all.length - 1; j >= 0; j--) indexOf.set(all[j]!.id, j);
    if (indexOf.size === all.length) {
      this.tasks = all;
      this.duplicates = [];
      this.nodeOf = null;
    } else {
      const tasks: Task[] = [];
      const duplicates: Task[] = [];
      const nodeOf = new Int32Array(all.length);
      for (let j = 0; j < all.length; j++) {
        const t = all[j]!;
        if (indexOf.get(t.id) === j) {
          nodeOf[j] = tasks.length;
          tasks.push(t);
        } else {
          nodeOf[j] = -1;
          duplicates.push(t);
        }
      }
      for (let v = 0; v < tasks.length; v++) indexOf.set(tasks[v]!.id, v);
      this.tasks = tasks;
      this.duplicates = duplicates;
      this.nodeOf = nodeOf;
    }
    this.prefixes = taskPrefixes(this.tasks);
  }

  find(id: string): number {
    return this.indexOf.get(id) ?? -1;
  }

  map(): ReadonlyMap<string, number> {
    return this.indexOf;
  }
}
