// Orders what the host sends: a snapshot is taken only when newer than the last one applied, so a
// late message from before a reload or a retarget can never overwrite fresher state.

export class SnapshotSequence {
  private last = 0;

  /** True when `seq` is newer than everything applied so far (and records it). */
  accept(seq: number): boolean {
    if (!Number.isSafeInteger(seq) || seq <= this.last) return false;
    this.last = seq;
    return true;
  }
}
