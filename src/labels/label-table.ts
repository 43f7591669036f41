/**
 * The stored labels arranged for the join: an open-addressing table (linear probing) of the labelled
 * ids' 64-bit hashes (two unsigned 32-bit halves, prediction-log/id-hash.ts), a slot being four words
 * (high, low, start, end: four slots to a cache line), and the labels of the id in a slot packed
 * (label.ts) in ascending order in `packed[start, end)`. A served row's lookup touches its slot's line
 * and its labels: the join is bound by those memory reads (a Map keyed by numbers beyond the small
 * integers costs ~270 ns a lookup; a slot that only numbered ids, with the offsets elsewhere, one more
 * read per row). Two ids whose hashes are equal (a chance of about n²/2⁶⁵ for n labelled ids) share
 * one slot and one sorted list.
 */
import type { IdHashes } from '../prediction-log/id-hash.ts';
import type { LabelsById } from './label.ts';

/** Words per slot, and the shift from a slot to its first word. */
const SLOT_SHIFT = 2;

/** Not in the table. */
export const ABSENT = -1;

/** Labels by id hash (see the module comment). */
export class LabelTable {
  /** Slot s holds high, low, start, end at words 4s … 4s + 3; end is 0 in an empty slot (every id has a label). */
  private readonly slots: Uint32Array;
  private readonly mask: number;
  /** Every label, each slot's in its span (set once, by `of`). */
  packed = new Float64Array(0);

  private constructor(slotCount: number) {
    this.slots = new Uint32Array(slotCount << SLOT_SHIFT);
    this.mask = slotCount - 1;
  }

  /** Slots, occupied or not (what a per-slot mark such as the join's `seen` is sized by). */
  get slotCount(): number {
    return this.mask + 1;
  }

  /**
   * The table of `stored`, given the hashes of its ids in the order `stored.byId` lists them (as the
   * log store hashes ids: PredictionLogStore.hashIds).
   */
  static of(stored: LabelsById, idHashes: IdHashes): LabelTable {
    const ids = stored.byId.size;
    if (idHashes.high.length !== ids) throw new Error(`${idHashes.high.length} hashes for ${ids} ids`);
    let slotCount = 16;
    while (slotCount < ids * 2) slotCount *= 2;
    const table = new LabelTable(slotCount);
    const { slots } = table;
    // each id's slot, claimed with its hash; its label count kept in `end` for now
    const slotOf = new Int32Array(ids);
    let shared = false;
    let i = 0;
    for (const labels of stored.byId.values()) {
      const at = table.wordOf(idHashes.high[i]!, idHashes.low[i]!);
      shared ||= slots[at + 3] !== 0;
      slots[at] = idHashes.high[i]!;
      slots[at + 1] = idHashes.low[i]!;
      slots[at + 3]! += typeof labels === 'number' ? 1 : labels.length;
      slotOf[i++] = at;
    }
    // slots in order get consecutive spans of `packed`
    let offset = 0;
    for (let at = 0; at < slots.length; at += 1 << SLOT_SHIFT) {
      if (slots[at + 3] === 0) continue;
      slots[at + 2] = offset;
      offset += slots[at + 3]!;
      slots[at + 3] = offset;
    }
    table.packed = new Float64Array(offset);
    // labels already put in each slot's span (ids sharing a hash put their lists one after the other)
    const filled = new Uint32Array(slotCount);
    i = 0;
    for (const labels of stored.byId.values()) {
      const at = slotOf[i++]!;
      let to = slots[at + 2]! + filled[at >> SLOT_SHIFT]!;
      if (typeof labels === 'number') table.packed[to++] = labels;
      else for (const label of labels) table.packed[to++] = label;
      filled[at >> SLOT_SHIFT] = to - slots[at + 2]!;
    }
    if (shared) {
      for (let at = 0; at < slots.length; at += 1 << SLOT_SHIFT)
        if (slots[at + 3] !== 0) table.packed.subarray(slots[at + 2], slots[at + 3]).sort();
    }
    return table;
  }

  /** The first word of the slot of hash (high, low), or ABSENT when no label's id has it. */
  find(high: number, low: number): number {
    const at = this.wordOf(high, low);
    return this.slots[at + 3] === 0 ? ABSENT : at;
  }

  /** Where the labels of the slot at word `at` (from find) begin in `packed`. */
  start(at: number): number {
    return this.slots[at + 2]!;
  }

  /** Where they end (exclusive). */
  end(at: number): number {
    return this.slots[at + 3]!;
  }

  /** The index of the slot at word `at`, 0 … slotCount − 1. */
  slotIndex(at: number): number {
    return at >> SLOT_SHIFT;
  }

  /** The labels held in the slots not marked in `marks` (one per slot). */
  labelsOutside(marks: Uint8Array): number {
    let labels = 0;
    for (let at = 0; at < this.slots.length; at += 1 << SLOT_SHIFT)
      if (!marks[at >> SLOT_SHIFT]) labels += this.slots[at + 3]! - this.slots[at + 2]!;
    return labels;
  }

  /** The first word of the slot holding (high, low), or of the empty slot where it would go. */
  private wordOf(high: number, low: number): number {
    const slots = this.slots;
    // the halves are hashes already: their bits are mixed
    let slot = (low ^ high) & this.mask;
    for (;;) {
      const at = slot << SLOT_SHIFT;
      if (slots[at + 3] === 0 || (slots[at] === high && slots[at + 1] === low)) return at;
      slot = (slot + 1) & this.mask;
    }
  }
}
