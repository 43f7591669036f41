/**
 * Every stored label in memory, keyed by id: what the store checks new labels against (duplicate or
 * conflict) and what the join reads. An id's labels are packed numbers (label.ts), one number for an
 * id labelled once (the common case: a Map of strings to numbers costs a fraction of one of small
 * arrays), an ascending array otherwise.
 */
import { exitedOf, type Label, observedAtOf, type PackedLabels, packLabel } from './label.ts';

/** How a label compares with the stored ones. */
export type LabelVerdict = { kind: 'new' } | { kind: 'duplicate' } | { kind: 'conflict'; stored: 0 | 1 };

const NEW: LabelVerdict = { kind: 'new' };
const DUPLICATE: LabelVerdict = { kind: 'duplicate' };

/** How `label` compares with the held label `packed`: NEW when their times differ. */
function compare(packed: number, label: Label): LabelVerdict {
  if (observedAtOf(packed) !== label.observedAt) return NEW;
  const stored = exitedOf(packed);
  return stored === label.exited ? DUPLICATE : { kind: 'conflict', stored };
}

/** The labels of every id (see the module comment). */
export class LabelIndex {
  private readonly byId = new Map<string, number | number[]>();
  private labels = 0;

  /** Labels held. */
  get count(): number {
    return this.labels;
  }

  /** Each id's packed labels (read-only: the index keeps changing them). */
  get entries(): ReadonlyMap<string, PackedLabels> {
    return this.byId;
  }

  /** Whether `label` is new, equal to a held label, or contradicts one held for the same id and time. */
  verdict(label: Label): LabelVerdict {
    const held = this.byId.get(label.id);
    if (held === undefined) return NEW;
    if (typeof held === 'number') return compare(held, label);
    // the held labels ascend: the one at the label's time, if any, is the first not below its packing with 0
    const first = packLabel(label.observedAt, 0);
    let low = 0;
    let high = held.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (held[middle]! < first) low = middle + 1;
      else high = middle;
    }
    return low < held.length ? compare(held[low]!, label) : NEW;
  }

  /** Holds `label` (which must be new: see verdict). */
  add(label: Label): void {
    const packed = packLabel(label.observedAt, label.exited);
    const held = this.byId.get(label.id);
    this.labels++;
    if (held === undefined) {
      this.byId.set(label.id, packed);
      return;
    }
    const list = typeof held === 'number' ? [held] : held;
    let at = list.length;
    while (at > 0 && list[at - 1]! > packed) at--;
    list.splice(at, 0, packed);
    if (typeof held === 'number') this.byId.set(label.id, list);
  }
}
