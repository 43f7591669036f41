/**
 * One column's two samples prepared for the stat tests: missing values (NaN, ±Infinity) counted and
 * removed, then sorted copies, value counts and shared bins computed at most once and shared by every
 * test and chart of the column. The copies are sorted in place (see sort-values.ts).
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

/** The finite values of `values` in a new array, and how many were left out. */
function withoutMissing(values: Float64Array): { clean: Float64Array; missing: number } {
  const clean = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (x - x === 0) clean[k++] = x; // false for NaN and ±Infinity
  }
  return { clean: k === values.length ? clean : clean.slice(0, k), missing: values.length - k };
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
  /** Non-missing values; their order is unspecified (sorted in place on first use). */
  readonly reference: Float64Array;
  readonly current: Float64Array;

  #sorted = false;
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
  }

  /** Both samples in ascending order (sorted once, in place). */
  sorted(): { reference: Float64Array; current: Float64Array } {
    if (!this.#sorted) {
      sortValues(this.reference);
      sortValues(this.current);
      this.#sorted = true;
    }
    return { reference: this.reference, current: this.current };
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
