// The two-sample Kolmogorov–Smirnov test: exact and asymptotic branches of ks_2samp and every method
// of kstwo.sf that the asymptotic branch dispatches to. Expected numbers marked "scipy 1.17.1" were
// printed by scipy.stats on this machine (python3 -c "from scipy import stats; ...") and pasted here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColumnSample } from '../../src/drift/column-sample.ts';
import { probOutsideBand, probOutsideSquare } from '../../src/drift/kolmogorov/exact-two-sample.ts';
import { kstwoSf } from '../../src/drift/kolmogorov/kstwo.ts';
import { ks2Samp, ksStatistic, ksTest } from '../../src/drift/stattests/ks.ts';

/** Deterministic, tie-free samples: (i * step mod modulus) / modulus, then scale and offset. */
function sample(n: number, step: number, modulus: number, scale = 1, offset = 0): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (((i * step) % modulus) / modulus) * scale + offset).sort();
}

function assertClose(actual: number, wanted: number, absolute: number, what: string): void {
  assert.ok(Math.abs(actual - wanted) <= absolute, `${what}: ${actual} vs ${wanted}`);
}

describe('ks2Samp, exact branch (both samples <= 10,000)', () => {
  it('equal sizes use the square method: scipy 1.17.1 on 10,000 vs 10,000 values', () => {
    // ref = sample(10000, 7919, 12007); cur = sample(10000, 104729, 15013, 0.99, 0.005)
    const result = ks2Samp(sample(10000, 7919, 12007), sample(10000, 104729, 15013, 0.99, 0.005));
    assert.equal(result.method, 'exact');
    assertClose(result.statistic, 0.0053, 1e-15, 'D');
    assertClose(result.pValue, 0.9989767752700422, 1e-12, 'p');
  });

  it('unequal sizes use the band method: scipy 1.17.1 on 300 vs 450 values', () => {
    const result = ks2Samp(sample(300, 7919, 12007), sample(450, 104729, 15013, 0.9, 0.08));
    assert.equal(result.method, 'exact');
    assertClose(result.statistic, 0.0811111111111111, 1e-15, 'D');
    assertClose(result.pValue, 0.18022468852363382, 1e-12, 'p');
  });

  it('D = 0 gives p = 1; disjoint samples give D = 1', () => {
    const a = Float64Array.of(1, 2, 3);
    assert.deepEqual(ks2Samp(a, a.slice()), { statistic: 0, pValue: 1, method: 'exact' });
    assert.equal(ksStatistic(a, Float64Array.of(4, 5)), 1);
  });

  it('Pr(D_{n,n} >= h/n) in closed form for n = 2: 2 * C(4, 2-h) / C(4, 2)', () => {
    // Of the 6 lattice paths from (0,0) to (2,2), those reaching |x - y| >= h: for h = 2 the two through
    // (2,0) or (0,2), p = 2/6; for h = 1 every path (its first step already has |x - y| = 1), p = 1.
    assertClose(probOutsideSquare(2, 2), 1 / 3, 1e-15, 'h=2');
    assertClose(probOutsideSquare(2, 1), 1, 1e-15, 'h=1');
  });

  it('the band method agrees with the square method when sizes are equal', () => {
    for (const [n, h] of [
      [5, 2],
      [12, 5],
      [40, 7],
    ] as const) {
      assertClose(probOutsideBand(n, n, n, h), probOutsideSquare(n, h), 1e-14, `n=${n} h=${h}`);
    }
  });
});

describe('ks2Samp, asymptotic branch (a sample > 10,000): kstwo.sf(D, round(n1*n2/(n1+n2)))', () => {
  // 12,000 vs 15,000 values: en = 6666.67 -> n = 6667.
  const ref = sample(12000, 7919, 12007);
  const base = (scale: number, offset: number) => sample(15000, 104729, 15013, scale, offset);

  it('n*D^2 < 2.2 with n*D^1.5 > 1.4 takes Pelz–Good: scipy 1.17.1', () => {
    const result = ks2Samp(ref, base(0.985, 0.0075));
    assert.equal(result.method, 'asymp');
    assertClose(result.statistic, 0.007583333333333333, 1e-15, 'D');
    assertClose(result.pValue, 0.8350037681302938, 1e-12, 'p');
  });

  it('2.2 <= n*D^2 < 370 takes twice the Smirnov tail: scipy 1.17.1', () => {
    const result = ks2Samp(ref, base(0.96, 0.02));
    assertClose(result.statistic, 0.020083333333333335, 1e-15, 'D');
    assertClose(result.pValue, 0.009107242442764575, 1e-12, 'p');
  });

  it('n*D^2 >= 370 gives p = 0 (scipy returns 0.0 without computing)', () => {
    const result = ks2Samp(ref, base(1, 0.5));
    assert.ok(6667 * result.statistic ** 2 >= 370);
    assert.equal(result.pValue, 0);
  });

  it('the descriptor reports p as the score and D as the statistic; drift when p <= 0.05', () => {
    const outcome = ksTest.run(new ColumnSample('x', 'numeric', ref, base(0.96, 0.02)));
    assert.deepEqual(outcome, { score: ks2Samp(ref, base(0.96, 0.02)).pValue, statistic: 0.020083333333333335 });
    assert.equal(ksTest.drifted(0.05, 0.05), true);
    assert.equal(ksTest.drifted(0.0500001, 0.05), false);
  });
});

describe("kstwoSf: each method of Simard and L'Ecuyer's dispatch", () => {
  const cases: [string, number, number, number][] = [
    // [method, n, x, expected]; closed forms where noted, otherwise scipy 1.17.1 stats.kstwo.sf(x, n)
    ['Ruben–Gambino x <= 1/n: 1 - n!/n^n (2nx-1)^n = 1 - (2/9) 0.8^3', 3, 0.3, 1 - (2 / 9) * 0.8 ** 3],
    ['Durbin matrix, n <= 140', 50, 0.05, 0.9990238098461883],
    ['Durbin matrix, n > 140', 150, 0.044, 0.9210729270405793],
    ['Pomeranz', 50, 0.2, 0.03143877776953241],
    ['2 * Smirnov, n <= 140', 50, 0.4, 9.86356336441006e-8],
    ['2 * Smirnov, x >= 0.5', 50, 0.6, 9.634070456142374e-18],
    ['Pelz–Good', 1000, 0.04, 0.07933956059000224],
    ['2 * Smirnov, n > 140', 1000, 0.05, 0.013012074781090332],
    ['2 * Smirnov, small tail', 1000, 0.09, 1.6911775984434787e-7],
    ['2 * Smirnov, n > 10^6 approximation', 2000000, 0.0015, 0.00024657290508461606],
    ['Pelz–Good, n > 100,000', 2000000, 0.0005, 0.6991771101944894],
  ];
  for (const [method, n, x, wanted] of cases) {
    it(`${method}: n=${n}, x=${x}`, () => {
      const p = kstwoSf(x, n);
      assert.ok(Math.abs(p - wanted) <= 1e-13 * Math.max(wanted, 1e-300) + 1e-16, `${p} vs ${wanted}`);
    });
  }

  it('Ruben–Gambino x >= 1 - 1/n: 2 (1 - x)^n', () => {
    assertClose(kstwoSf(0.985, 50) / (2 * 0.015 ** 50), 1, 1e-13, 'ratio');
  });

  it('the support: 1 at or below 1/(2n), 0 at 1 and above, 0 when n*x^2 >= 370 with n > 140', () => {
    assert.equal(kstwoSf(0.01, 50), 1);
    assert.equal(kstwoSf(1, 50), 0);
    assert.equal(kstwoSf(0.07, 100000), 0);
    assert.ok(Number.isNaN(kstwoSf(0.3, 0)));
  });
});
