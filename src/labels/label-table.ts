/**
 * The stored labels arranged for the join: every labelled id's hash numbered in an IdHashTable, and the
 * labels of hash k packed (label.ts) in ascending order in `packed[offsets[k] .. offsets[k + 1])`. Two
 * ids whose 64-bit hashes are equal (a chance of about n²/2⁶⁵ for n labelled ids) share one list.
 */
import type { IdHashes } from '../prediction-log/id-hash.ts';
import { IdHashTable } from './id-hash-table.ts';
import type { LabelsById } from './label.ts';

/** Labels by id hash (see the module comment). */
export interface LabelTable {
  hashes: IdHashTable;
  offsets: Int32Array;
  packed: Float64Array;
}

/**
 * The table of `stored`, given the hashes of its ids in the order `stored.byId` lists them (as the log
 * store hashes ids: PredictionLogStore.hashIds).
 */
export function labelTable(stored: LabelsById, idHashes: IdHashes): LabelTable {
  const ids = stored.byId.size;
  if (idHashes.high.length !== ids) throw new Error(`${idHashes.high.length} hashes for ${ids} ids`);
  const hashes = new IdHashTable(ids);
  const numberOf = new Int32Array(ids);
  const offsets = new Int32Array(ids + 1);
  let i = 0;
  for (const labels of stored.byId.values()) {
    const number = hashes.intern(idHashes.high[i]!, idHashes.low[i]!);
    numberOf[i++] = number;
    offsets[number + 1]! += typeof labels === 'number' ? 1 : labels.length;
  }
  for (let k = 0; k < hashes.size; k++) offsets[k + 1]! += offsets[k]!;
  const packed = new Float64Array(offsets[hashes.size]!);
  const filled = offsets.slice(0, hashes.size);
  i = 0;
  for (const labels of stored.byId.values()) {
    const number = numberOf[i++]!;
    if (typeof labels === 'number') packed[filled[number]!++] = labels;
    else for (const label of labels) packed[filled[number]!++] = label;
  }
  if (hashes.size < ids) {
    // ids that share a hash: their lists were put one after the other
    for (let k = 0; k < hashes.size; k++) packed.subarray(offsets[k], offsets[k + 1]).sort();
  }
  return { hashes, offsets: offsets.subarray(0, hashes.size + 1), packed };
}
