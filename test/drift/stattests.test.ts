// The stat tests other than KS on small inputs with expected values derived by hand from each
// formula's definition (the derivation is in the comment next to each number).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColumnSample } from '../../src/drift/column-sample.ts';
import { chiSquare, chiSquareTest } from '../../src/drift/stattests/chisquare.ts';
import { jensenShannonDistance } from '../../src/drift/stattests/jensenshannon.ts';
import { populationStabilityIndex, psiTest } from '../../src/drift/stattests/psi.ts';
import { populationStd } from '../../src/drift/population-std.ts';
import { normedWasserstein, wassersteinDistance } from '../../src/drift/stattests/wasserstein.ts';
import { proportionsDiffZ, twoSidedNormalP, zTest } from '../../src/drift/stattests/z.ts';

const repeat = (counts: Record<number, number>) =>
  Float64Array.from(Object.entries(counts).flatMap(([value, n]) => Array<number>(n).fill(Number(value))));

function assertRelative(actual: number, wanted: number, tolerance: number): void {
  assert.ok(Math.abs(actual - wanted) <= tolerance * Math.abs(wanted), `${actual} vs ${wanted}`);
}

describe('chisquare', () => {
  // Reference 10/20/30 of categories 0/1/2 (60 values), current 15/15/20 (50 values).
  // Expected current counts = reference counts * 50/60 = 8.333.., 16.666.., 25.
  // Statistic = (15-25/3)^2/(25/3) + (15-50/3)^2/(50/3) + (20-25)^2/25 = 16/3 + 1/6 + 1 = 6.5.
  // With 2 degrees of freedom the chi-square tail is exp(-x/2): p = exp(-3.25).
  const sample = new ColumnSample('c', 'categorical', repeat({ 0: 10, 1: 20, 2: 30 }), repeat({ 0: 15, 1: 15, 2: 20 }));

  it('statistic 6.5 and p = exp(-3.25) on a 3-category column', () => {
    const outcome = chiSquareTest.run(sample);
    assertRelative(outcome.statistic!, 6.5, 1e-12);
    assertRelative(outcome.score, Math.exp(-3.25), 1e-9);
    assert.equal(chiSquareTest.drifted(outcome.score, 0.05), true); // exp(-3.25) = 0.0388 < 0.05
  });

  it('a category absent from the reference gives p = 0 with a note, never an infinite statistic', () => {
    const outcome = chiSquareTest.run(
      new ColumnSample('c', 'categorical', repeat({ 0: 5, 1: 5 }), repeat({ 0: 5, 1: 4, 2: 1 })),
    );
    assert.equal(outcome.score, 0);
    assert.equal(outcome.statistic, undefined);
    assert.match(outcome.note!, /absent from the reference/);
  });

  it('a single category in both samples gives p = 1 with a note', () => {
    const outcome = chiSquareTest.run(new ColumnSample('c', 'categorical', repeat({ 3: 4 }), repeat({ 3: 9 })));
    assert.equal(outcome.score, 1);
    assert.ok(outcome.note);
  });

  it('the pure function: equal observed and expected counts give statistic 0 and p 1', () => {
    assert.deepEqual(chiSquare(Float64Array.of(4, 6), Float64Array.of(4, 6)), { statistic: 0, pValue: 1 });
  });
});

describe('z', () => {
  // Reference 40 ones of 100, current 60 ones of 100: pooled P = 0.5,
  // z = (0.4 - 0.6) / sqrt(0.25 * (1/100 + 1/100)) = -0.2 / sqrt(0.005) = -2.8284271247461903.
  it('z = -0.2/sqrt(0.005) and p = 2 (1 - Phi(|z|))', () => {
    const z = proportionsDiffZ(40, 100, 60, 100);
    assertRelative(z, -0.2 / Math.sqrt(0.005), 1e-12);
    const outcome = zTest.run(new ColumnSample('t', 'categorical', repeat({ 0: 60, 1: 40 }), repeat({ 0: 40, 1: 60 })));
    assertRelative(outcome.statistic!, z, 1e-12);
    assert.equal(outcome.score, twoSidedNormalP(z));
    // 2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2) = 0.004677734981047265 (Python's math.erfc; scipy's
    // 2 * (1 - norm.cdf(|z|)) prints 0.004677734981047177, the same to 2e-14 relative).
    assertRelative(outcome.score, 0.004677734981047265, 1e-9);
  });

  it('the smallest value maps to 0 and any other to 1 (values 3 and 7)', () => {
    const outcome = zTest.run(new ColumnSample('t', 'categorical', repeat({ 3: 60, 7: 40 }), repeat({ 3: 40, 7: 60 })));
    assertRelative(outcome.statistic!, -0.2 / Math.sqrt(0.005), 1e-12);
  });

  it('the same single value in both samples gives p = 1', () => {
    assert.equal(zTest.run(new ColumnSample('t', 'categorical', repeat({ 1: 5 }), repeat({ 1: 8 }))).score, 1);
  });

  it('one sample all 0, the other all 1: finite z and p', () => {
    // P = 0.5, z = (0 - 1)/sqrt(0.25 * (1/5 + 1/5)) = -1/sqrt(0.1)
    const outcome = zTest.run(new ColumnSample('t', 'categorical', repeat({ 0: 5 }), repeat({ 1: 5 })));
    assertRelative(outcome.statistic!, -1 / Math.sqrt(0.1), 1e-12);
    assert.ok(Number.isFinite(outcome.score));
  });
});

describe('wasserstein', () => {
  it('equal-size samples: the mean distance between order statistics; normed by the population std', () => {
    // u = 0..1999, v = u + 10: every order statistic moves by 10, so W = 10.
    // std(0..N-1) with ddof 0 = sqrt((N^2 - 1) / 12).
    const u = Float64Array.from({ length: 2000 }, (_, i) => i);
    const v = u.map((x) => x + 10);
    assertRelative(wassersteinDistance(u, v), 10, 1e-12);
    assertRelative(populationStd(u), Math.sqrt((2000 ** 2 - 1) / 12), 1e-12);
    assertRelative(normedWasserstein(u, v), 10 / Math.sqrt((2000 ** 2 - 1) / 12), 1e-12);
  });

  it('unequal sizes: the area between the CDFs, {0, 1} vs {0, 0, 3}', () => {
    // U = 1/2 on [0,1), 1 after; V = 2/3 on [0,3), 1 after: |1/2-2/3|*1 + |1-2/3|*2 = 1/6 + 2/3 = 5/6.
    assertRelative(wassersteinDistance(Float64Array.of(0, 1), Float64Array.of(0, 0, 3)), 5 / 6, 1e-15);
  });

  it('a constant reference is normed by 0.001', () => {
    assertRelative(normedWasserstein(Float64Array.of(2, 2, 2), Float64Array.of(2, 2, 3)), 1 / 3 / 0.001, 1e-12);
  });
});

describe('jensenshannon and psi', () => {
  it('Jensen–Shannon from its definition on (0.7, 0.3) vs (0.6, 0.4)', () => {
    // m = (0.65, 0.35); JS = sqrt((KL(p||m) + KL(q||m)) / 2) with natural logs.
    const kl = (a: number[], b: number[]) => a.reduce((s, ai, i) => s + ai * Math.log(ai / b[i]!), 0);
    const wanted = Math.sqrt((kl([0.7, 0.3], [0.65, 0.35]) + kl([0.6, 0.4], [0.65, 0.35])) / 2);
    assertRelative(jensenShannonDistance(Float64Array.of(0.7, 0.3), Float64Array.of(0.6, 0.4)), wanted, 1e-12);
  });

  it('Jensen–Shannon of disjoint distributions is sqrt(ln 2); of equal ones 0', () => {
    assertRelative(jensenShannonDistance(Float64Array.of(1, 0), Float64Array.of(0, 1)), Math.sqrt(Math.LN2), 1e-15);
    assert.equal(jensenShannonDistance(Float64Array.of(0.5, 0.5), Float64Array.of(0.5, 0.5)), 0);
  });

  it("PSI with Evidently's zero filling: an empty bin gets 0.0001", () => {
    // Reference values 0,0,1,1 -> shares (0.5, 0.5, 0); current 0,1,2,2 -> (0.25, 0.25, 0.5).
    // The reference's empty bin becomes 0.0001: PSI = 2 * (0.25 ln 2) + (0.0001 - 0.5) ln(0.0001/0.5).
    const outcome = psiTest.run(
      new ColumnSample('p', 'categorical', Float64Array.of(0, 0, 1, 1), Float64Array.of(0, 1, 2, 2)),
    );
    assertRelative(outcome.score, 0.5 * Math.LN2 + (0.0001 - 0.5) * Math.log(0.0001 / 0.5), 1e-12);
    assert.equal(populationStabilityIndex(Float64Array.of(0.3, 0.7), Float64Array.of(0.3, 0.7)), 0);
  });
});
