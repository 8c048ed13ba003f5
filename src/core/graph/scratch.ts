// Work buffers reused from one graph build to the next: counts, stamps and unsorted edges are
// thrown away once the packed arrays exist, so allocating them per build only fed the GC.
// Builds are synchronous and never re-enter, so one set of buffers per slot is enough.

const int32Slots: Int32Array[] = [];
const uint8Slots: Uint8Array[] = [];

/** Buffer `slot` with room for `size` entries; contents are whatever the last user left. */
export function scratchInt32(slot: number, size: number): Int32Array {
  const buf = int32Slots[slot];
  if (buf !== undefined && buf.length >= size) return buf;
  const grown = new Int32Array(Math.max(size, 2 * (buf?.length ?? 0), 64));
  int32Slots[slot] = grown;
  return grown;
}

export function scratchUint8(slot: number, size: number): Uint8Array {
  const buf = uint8Slots[slot];
  if (buf !== undefined && buf.length >= size) return buf;
  const grown = new Uint8Array(Math.max(size, 2 * (buf?.length ?? 0), 64));
  uint8Slots[slot] = grown;
  return grown;
}

// Int32 slots. Each user owns its slots; a build uses them one after another, never nested.
export const SLOT_ID_PREFIX = 0;
export const SLOT_ID_NUMBER = 1;
export const SLOT_ID_DIGITS = 2;
export const SLOT_EDGE_COUNT = 3;
export const SLOT_EDGE_ORDER = 4;
export const SLOT_EDGE_FILL = 5;
export const SLOT_EDGE_SEEN = 6;
export const SLOT_EDGE_KEPT = 7;
export const SLOT_MISSING = 8;

// Uint8 slots.
export const SLOT_READY_CLASS = 0;
