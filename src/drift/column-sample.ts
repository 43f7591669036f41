/**
 * One column's two samples prepared for the stat tests: missing values (NaN, ±Infinity) counted and
 * removed, then sorted copies, value counts and shared bins computed at most once and shared by every
 * test and chart of the column. The caller's arrays are never modified, and copied only when needed:
 * to leave missing values out, or to sort (see sort-values.ts). Columns whose tests need no order
 * (a label, predictions) are never copied.
 */
import { HISTOGRAM_MIN_UNIQUE, histogramBins, toShares, valueBins, type Bins } from './binning.ts';
import { sortValues } from './sort-values.ts';
import type { ColumnType } from './types.ts';
import {
  countDistinctSorted,
  countDistinctUnion,
  mergeTallies,
  tallySmallDomain,
  tallySorted,
  type Tally,
  type ValueCounts,
} from './value-counts.ts';

/** Whether x is NaN or ±Infinity. */
const isMissing = (x: number): boolean => !(x - x === 0);

/** The finite values of `values` (`values` itself when all are: not copied), and how many were left out. */
function withoutMissing(values: Float64Array): { clean: Float64Array; missing: number; copied: boolean } {
  let missing = 0;
  for (let i = 0; i < values.length; i++) if (isMissing(values[i]!)) missing++;
  if (missing === 0) return { clean: values, missing, copied: false };
  const clean = new Float64Array(values.length - missing);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!isMissing(x)) clean[k++] = x;
  }
  return { clean, missing, copied: true };
}

/** `values` sorted ascending: in place when it is our own copy, else in a new copy. */
function sortedSample(values: Float64Array, ownCopy: boolean): Float64Array {
  const sorted = ownCopy ? values : values.slice();
  sortValues(sorted);
  return sorted;
}

function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return false;
  return true;
}

/** A column's reference and current samples without missing values, with memoised derived data. */
export class ColumnSample {
  readonly name: string;
  readonly columnType: ColumnType;
  /** Missing (NaN or infinite) values left out of each sample. */
  readonly missing: { reference: number; current: number };
  /** Non-missing values, in no particular order (possibly the caller's arrays: not to be modified). */
  readonly reference: Float64Array;
  readonly current: Float64Array;

  #copied: { reference: boolean; current: boolean };
  #sorted: { reference: Float64Array; current: Float64Array } | undefined;
  #tallies: { reference: Tally; current: Tally } | null | undefined;
  #counts: ValueCounts | undefined;
  #bins: Bins | undefined;
  #shares: { reference: Float64Array; current: Float64Array } | undefined;

  constructor(name: string, columnType: ColumnType, reference: Float64Array, current: Float64Array) {
    const ref = withoutMissing(reference);
    const cur = withoutMissing(current);
    this.name = name;
    this.columnType = columnType;
    this.reference = ref.clean;
    this.current = cur.clean;
    this.missing = { reference: ref.missing, current: cur.missing };
    this.#copied = { reference: ref.copied, current: cur.copied };
  }

  /** Both samples in ascending order (sorted once). */
  sorted(): { reference: Float64Array; current: Float64Array } {
    this.#sorted ??= {
      reference: sortedSample(this.reference, this.#copied.reference),
      current: sortedSample(this.current, this.#copied.current),
    };
    return this.#sorted;
  }

  /** Tallies from the unsorted fast path, or null when either sample has many distinct values. */
  #smallTallies(): { reference: Tally; current: Tally } | null {
    if (this.#tallies === undefined) {
      const reference = tallySmallDomain(this.reference);
      const current = reference && tallySmallDomain(this.current);
      this.#tallies = reference && current ? { reference, current } : null;
    }
    return this.#tallies;
  }

  /** Distinct values over both samples with each sample's counts. */
  valueCounts(): ValueCounts {
    if (!this.#counts) {
      const small = this.#smallTallies();
      if (small) {
        this.#counts = mergeTallies(small.reference, small.current);
      } else {
        const { reference, current } = this.sorted();
        this.#counts = mergeTallies(tallySorted(reference), tallySorted(current));
      }
    }
    return this.#counts;
  }

  /** Distinct non-missing values over both samples together. */
  nUnique(): number {
    if (this.#counts || this.#smallTallies()) return this.valueCounts().keys.length;
    const { reference, current } = this.sorted();
    return countDistinctUnion(reference, current);
  }

  /** Distinct non-missing reference values. */
  referenceUnique(): number {
    const small = this.#smallTallies();
    if (small) return small.reference.keys.length;
    return countDistinctSorted(this.sorted().reference);
  }

  /**
   * The shared bins: a Sturges histogram for numeric columns with more than 20 distinct reference
   * values, one bin per value otherwise. Integer data without missing values is binned as numpy bins
   * an integer column (pandas holds such a column as int64), other data as floats.
   */
  bins(): Bins {
    if (!this.#bins) {
      if (this.columnType === 'numeric' && this.referenceUnique() > HISTOGRAM_MIN_UNIQUE) {
        const { reference, current } = this.sorted();
        const integerData =
          this.missing.reference === 0 && this.missing.current === 0 && allIntegers(reference) && allIntegers(current);
        this.#bins = histogramBins(reference, current, integerData);
      } else {
        this.#bins = valueBins(this.valueCounts());
      }
    }
    return this.#bins;
  }

  /** Each sample's share of values per bin (counts / sample size, without zero filling). */
  binShares(): { reference: Float64Array; current: Float64Array } {
    if (!this.#shares) {
      const bins = this.bins();
      this.#shares = {
        reference: toShares(bins.reference, this.reference.length),
        current: toShares(bins.current, this.current.length),
      };
    }
    return this.#shares;
  }
}
