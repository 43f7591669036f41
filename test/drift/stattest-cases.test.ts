// The drift statistics on seeded random cases against test/fixtures/stattest-cases.json (made by
// scripts/reference/make-stattest-cases.py): scipy's and numpy's results, and the exact values
// (rational arithmetic, mpmath) that tell our error from theirs. Numeric samples are rebuilt as
// offset + scale * z, the same doubles the script used.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { chiSquareSf } from '../../src/drift/chi-square-sf.ts';
import { ColumnSample } from '../../src/drift/column-sample.ts';
import { chiSquareTest } from '../../src/drift/stattests/chisquare.ts';
import { ks2Samp } from '../../src/drift/stattests/ks.ts';
import { populationStd } from '../../src/drift/population-std.ts';
import { normedWasserstein, wassersteinDistance, wassersteinTest } from '../../src/drift/stattests/wasserstein.ts';

interface NumericCase {
  name: string;
  offset: number;
  scale: number;
  reference_z: number[];
  current_z: number[];
  wasserstein: number;
  std: number;
  wasserstein_normed: number;
  ks_statistic: number;
  ks_pvalue: number;
  exact_wasserstein: number;
  exact_std: number;
  exact_wasserstein_normed: number;
}

interface CountsCase {
  name: string;
  reference_counts: number[];
  current_counts: number[];
  statistic: number;
  pvalue: number;
  exact_pvalue: number;
}

interface SfCase {
  x: number;
  df: number;
  pvalue: number;
  exact_pvalue: number;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/stattest-cases.json', import.meta.url), 'utf8')) as {
  numeric: NumericCase[];
  chisquare_counts: CountsCase[];
  chi2_sf: SfCase[];
};

const relativeError = (actual: number, wanted: number) =>
  wanted === 0 ? Math.abs(actual) : Math.abs(actual - wanted) / Math.abs(wanted);

function assertRelative(actual: number, wanted: number, tolerance: number, what: string): void {
  assert.ok(relativeError(actual, wanted) <= tolerance, `${what}: ${actual} vs ${wanted}`);
}

/** A case's two samples, ascending, as the script built them. */
function samples(c: NumericCase): { reference: Float64Array; current: Float64Array } {
  const build = (z: number[]) => Float64Array.from(z, (v) => c.offset + c.scale * v).sort();
  return { reference: build(c.reference_z), current: build(c.current_z) };
}

/** A categorical sample holding counts[k] copies of category k. */
const repeat = (counts: number[]) => Float64Array.from(counts.flatMap((n, k) => Array<number>(n).fill(k)));

describe('normed Wasserstein on random cases (offsets up to 10^17)', () => {
  it('holds 100 cases, the first four 10^12, 10^13, 10^14 and 4·10^15 + (i mod 11)', () => {
    assert.equal(fixture.numeric.length, 100);
    assert.deepEqual(
      fixture.numeric.slice(0, 4).map((c) => c.offset),
      [1e12, 1e13, 1e14, 4e15],
    );
  });

  it('2,000 values offset + (i mod 11) vs the same + (i mod 2): std 3.16061382487643, normed 0.158197, drifted', () => {
    // Summing the raw values gave std 5.91 at 10^14 and 4·10^15 (normed 0.0846: no drift); numpy's own
    // std is 3.1606334 at 10^14 (6e-6 high: its mean is off by 0.011), the exact one 3.1606138248764273.
    for (const c of fixture.numeric.slice(0, 4)) {
      const { reference, current } = samples(c);
      assertRelative(populationStd(reference), c.exact_std, 1e-15, `${c.name}: std`);
      assertRelative(normedWasserstein(reference, current), c.exact_wasserstein_normed, 1e-15, `${c.name}: normed`);
      const sample = new ColumnSample('x', 'numeric', reference, current);
      assert.equal(wassersteinTest.drifted(wassersteinTest.run(sample).score, 0.1), true, c.name);
    }
  });

  // Shifted, compensated, corrected two-pass std: a few roundings per value whatever the offset or
  // n (measured 2e-16), so 1e-14. The distance sums at most 4,000 positive terms (|F - G| times a
  // difference of neighbouring values, exact at any offset): at most 4,000 eps = 4.4e-13, so 1e-12.
  it('std within 1e-14 and distance and normed distance within 1e-12 of the exact values', () => {
    for (const c of fixture.numeric) {
      const { reference, current } = samples(c);
      assertRelative(populationStd(reference), c.exact_std, 1e-14, `${c.name}: std`);
      assertRelative(wassersteinDistance(reference, current), c.exact_wasserstein, 1e-12, `${c.name}: distance`);
      assertRelative(normedWasserstein(reference, current), c.exact_wasserstein_normed, 1e-12, `${c.name}: normed`);
    }
  });

  // numpy's std sums the raw values: at large offsets it is itself off (up to 8e-4 here), so we are
  // held to scipy's number within 1e-9 plus scipy's own distance from the exact value.
  it("normed distance within 1e-9 of Evidently's scipy/numpy formula, beyond scipy's own error", () => {
    for (const c of fixture.numeric) {
      const { reference, current } = samples(c);
      const ours = normedWasserstein(reference, current);
      const allowed = 1e-9 * c.wasserstein_normed + Math.abs(c.wasserstein_normed - c.exact_wasserstein_normed);
      assert.ok(Math.abs(ours - c.wasserstein_normed) <= allowed, `${c.name}: ${ours} vs ${c.wasserstein_normed}`);
      assertRelative(wassersteinDistance(reference, current), c.wasserstein, 1e-12, `${c.name}: distance`);
    }
  });
});

describe('ks_2samp on the same random cases', () => {
  // Our statistic is computed as scipy's (counts over sample sizes); the exact p-value follows the
  // same recursions, so they agree to rounding (measured: identical).
  it('statistic within 1e-12 and p-value within 1e-9 relative of scipy', () => {
    for (const c of fixture.numeric) {
      const { reference, current } = samples(c);
      const result = ks2Samp(reference, current);
      assert.ok(
        Math.abs(result.statistic - c.ks_statistic) <= 1e-12,
        `${c.name}: D ${result.statistic} vs ${c.ks_statistic}`,
      );
      assertRelative(result.pValue, c.ks_pvalue, 1e-9, `${c.name}: p`);
    }
  });
});

describe('chi-square on random category counts (p-values from 1 to 1e-300)', () => {
  it('holds 100 cases reaching below 1e-290', () => {
    assert.equal(fixture.chisquare_counts.length, 100);
    assert.ok(Math.min(...fixture.chisquare_counts.map((c) => c.pvalue)) < 1e-290);
  });

  it('reference 1000/1000/1000, current 100/300/600: p = exp(-190) = 3.05e-83 (1 - CDF gave 0)', () => {
    const outcome = chiSquareTest.run(
      new ColumnSample('c', 'categorical', repeat([1000, 1000, 1000]), repeat([100, 300, 600])),
    );
    // Statistic 380 with 2 degrees of freedom: the tail is exp(-380 / 2).
    assertRelative(outcome.statistic!, 380, 1e-14, 'statistic');
    assertRelative(outcome.score, Math.exp(-190), 1e-12, 'p');
  });

  // The statistic sums at most 40 terms: 1e-12. The p-value's relative error is the statistic's
  // times about x / 2 (< 1e-12 here) plus the tail's own (below 1e-15 (x + df), see chi-square-sf.ts);
  // scipy's is up to 2e-13 against mpmath. 1e-8 leaves room for both.
  it('statistic within 1e-12 and p-value within 1e-8 relative of scipy and of the exact tail', () => {
    for (const c of fixture.chisquare_counts) {
      const outcome = chiSquareTest.run(
        new ColumnSample('c', 'categorical', repeat(c.reference_counts), repeat(c.current_counts)),
      );
      assertRelative(outcome.statistic!, c.statistic, 1e-12, `${c.name}: statistic`);
      assertRelative(outcome.score, c.pvalue, 1e-8, `${c.name}: p`);
      assertRelative(outcome.score, c.exact_pvalue, 1e-8, `${c.name}: exact p`);
    }
  });
});

describe('chi2.sf alone (df 1 to 20,000; p-values from 1 to 1e-300)', () => {
  // Measured: 2e-11 from scipy, 1.4e-11 from mpmath at df near 20,000 (scipy's own error there: 2e-11).
  it('within 1e-8 relative of scipy and of mpmath', () => {
    assert.equal(fixture.chi2_sf.length, 100);
    for (const c of fixture.chi2_sf) {
      const p = chiSquareSf(c.x, c.df);
      assertRelative(p, c.pvalue, 1e-8, `sf(${c.x}, ${c.df})`);
      assertRelative(p, c.exact_pvalue, 1e-8, `exact sf(${c.x}, ${c.df})`);
    }
  });

  it('1 at x = 0, 0 at x = Infinity, and the closed forms for 1 and 2 degrees of freedom', () => {
    assert.equal(chiSquareSf(0, 1), 1);
    assert.equal(chiSquareSf(0, 7), 1);
    assert.equal(chiSquareSf(Infinity, 3), 0);
    // df 2: exp(-x/2), here 2.2e-300 at x = 1380 (1 - CDF gave 0); df 1: erfc(sqrt(x/2)).
    assertRelative(chiSquareSf(1380, 2), Math.exp(-690), 1e-13, 'df 2');
    assertRelative(chiSquareSf(4, 1), 0.04550026389635842, 1e-13, 'df 1'); // mpmath's erfc(sqrt 2)
  });
});
