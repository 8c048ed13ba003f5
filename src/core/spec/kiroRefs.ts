// Reads the value of a Kiro `_Requirements: ..._` line into trace refs. Kiro writes acceptance
// criteria as `N.M`, ranges within one requirement, whole requirements, or prose that names none.
import type { TraceRef } from './model';

/** Past this many ids a range is more likely a typo (`1.1-1.100000`) than a list: keep its ends. */
const MAX_RANGE = 1000;
const NUMBER = /^(\d+(?:\.\d+)*)\.?$/;
const RANGE = /^(\d+(?:\.\d+)*)\s*[-\u2013]\s*(\d+(?:\.\d+)*)\.?$/;
/** `Requirement 3`, `Requirements 1.1-1.3`, `Req. 2`, `R1.2`: the word adds nothing to the ids. */
const WORD = /^(?:requirements?|reqs?\.?|r)\s*(?=\d)/i;

/**
 * Splits a requirements value on commas (and semicolons) into one TraceRef per ref as written;
 * `col` is the column of `value[0]` on `line`, so spans land on the exact characters.
 */
export function parseKiroRefs(value: string, line: number, col: number): TraceRef[] {
  const out: TraceRef[] = [];
  collectKiroRefs(value, 0, value.length, line, col, out);
  return out;
}

/** Ref text -> its ids, shared by every ref written the same way in one file. */
export type KiroRefCache = Map<string, { readonly text: string; readonly ids: readonly string[] }>;

/**
 * The allocation-lean form the parser uses: refs in `src[start, end)`, with `src[start]` at
 * column `col` of `line`, appended to `out`. With a cache, refs written alike share their text
 * and ids (immutable), which keeps a 10k-task file's parse result small.
 */
export function collectKiroRefs(
  src: string,
  start: number,
  end: number,
  line: number,
  col: number,
  out: TraceRef[],
  cache?: KiroRefCache,
): void {
  let from = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? src.charCodeAt(i) : 44;
    if (c !== 44 /* , */ && c !== 59 /* ; */) continue;
    let s = from;
    let e = i;
    while (s < e && isSpace(src.charCodeAt(s))) s++;
    while (e > s && isSpace(src.charCodeAt(e - 1))) e--;
    if (e > s) {
      const written = src.slice(s, e);
      let known = cache?.get(written);
      if (!known) {
        known = { text: written, ids: kiroRefIds(written) };
        cache?.set(written, known);
      }
      out.push({ text: known.text, span: { line, col: col + s - start, endCol: col + e - start }, ids: known.ids });
    }
    from = i + 1;
  }
}

/** The requirement ids one ref names: itself, a same-prefix range expanded, or none for prose. */
export function kiroRefIds(ref: string): string[] {
  // Fast path for the forms generated files use: `1.2`, `1.2.`, `2.1-2.3`.
  const n = ref.length;
  const a = numberEnd(ref, 0);
  if (a > 0) {
    if (a === n) return [ref];
    const c = ref.charCodeAt(a);
    if (c === 46 && a + 1 === n) return [ref.slice(0, a)];
    if (c === 45) {
      const b = numberEnd(ref, a + 1);
      if (b === n) return expandRange(ref.slice(0, a), ref.slice(a + 1));
    }
  }
  const bare = ref.trim().replace(WORD, '');
  const single = NUMBER.exec(bare);
  if (single) return [single[1]!];
  const range = RANGE.exec(bare);
  if (range) return expandRange(range[1]!, range[2]!);
  return [];
}

/**
 * `1.1-1.5` -> 1.1..1.5 and `1-3` -> 1,2,3. A range across prefixes (`1.4-2.2`), a reversed or
 * oversized one, or one written with leading zeros keeps only its two endpoints: which criteria
 * lie between is unknowable.
 */
export function expandRange(from: string, to: string): string[] {
  if (from === to) return [from];
  const da = from.lastIndexOf('.');
  const db = to.lastIndexOf('.');
  if (da !== db) return [from, to];
  for (let k = 0; k < da; k++) if (from.charCodeAt(k) !== to.charCodeAt(k)) return [from, to];
  const lo = componentValue(from, da + 1);
  const hi = componentValue(to, db + 1);
  if (lo < 0 || hi < 0 || lo > hi || hi - lo >= MAX_RANGE) return [from, to];
  const prefix = from.slice(0, da + 1);
  const ids = new Array<string>(hi - lo + 1);
  ids[0] = from;
  for (let k = lo + 1; k < hi; k++) ids[k - lo] = prefix + String(k);
  ids[hi - lo] = to;
  return ids;
}

/** End of `\d+(\.\d+)*` starting at `i`, or -1 when no digit starts there. */
function numberEnd(s: string, i: number): number {
  let k = i;
  if (!isDigit(s.charCodeAt(k))) return -1;
  for (;;) {
    while (isDigit(s.charCodeAt(k))) k++;
    if (s.charCodeAt(k) === 46 && isDigit(s.charCodeAt(k + 1))) k++;
    else return k;
  }
}

/** The number from `i` to the end, or -1 for a leading zero (`01`), which would not round-trip. */
function componentValue(s: string, i: number): number {
  if (s.charCodeAt(i) === 48 && s.length - i > 1) return -1;
  let v = 0;
  for (let k = i; k < s.length; k++) v = v * 10 + (s.charCodeAt(k) - 48);
  return v;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}
