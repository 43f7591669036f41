// Shared bins: numpy's Sturges edges (expected edges printed by numpy 2.4.6 on this machine and pasted),
// numpy's right-closed last bin, Evidently's switch to one bin per value and its zero filling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillEmptyBins, histogramCounts, sturgesEdges } from '../../src/drift/binning.ts';
import { ColumnSample } from '../../src/drift/column-sample.ts';

describe('sturgesEdges (numpy histogram_bin_edges, bins="sturges")', () => {
  it('ten floats: 5 equal bins from min to max, the last edge exactly max', () => {
    // numpy: [0.0, 0.6599999999999999, 1.3199999999999998, 1.9799999999999998, 2.6399999999999997, 3.3]
    assert.deepEqual(
      Array.from(sturgesEdges(0, 3.3, 10, false)),
      [0, 0.6599999999999999, 1.3199999999999998, 1.9799999999999998, 2.6399999999999997, 3.3],
    );
  });

  it('numpy rounds the bin count up from ptp / width: 2^24 + 1 floats over [0, 24] make 26 bins', () => {
    // log2(2^24 + 1) + 1 is a hair above 25, so ceil(24 / (24 / 25.0000001)) = 26 (numpy agrees).
    const edges = sturgesEdges(0, 24, 2 ** 24 + 1, false);
    assert.equal(edges.length - 1, 26);
    assert.equal(edges[1], 0.9230769230769231);
  });

  it('integer data keeps bins at least 1 wide, as numpy does for integer dtypes: 24 bins', () => {
    // numpy on an int64 array of 2^24 + 1 values over [0, 24]: 24 bins [0, 1, 2, ..., 24].
    assert.deepEqual(
      Array.from(sturgesEdges(0, 24, 2 ** 24 + 1, true)),
      Array.from({ length: 25 }, (_, i) => i),
    );
  });

  it('a constant sample gets one bin [x - 0.5, x + 0.5]', () => {
    assert.deepEqual(Array.from(sturgesEdges(3, 3, 7, false)), [2.5, 3.5]);
  });
});

describe('histogramCounts (numpy histogram with explicit edges)', () => {
  it('bins are [a, b) except the last, which is closed: counts [4, 1, 1, 2, 2]', () => {
    // The ten values of the first edges test; numpy.histogram gives [4, 1, 1, 2, 2].
    const values = Float64Array.of(0.1, 0.35, 2.0, 3.3, 0.0, 1.7, 2.2, 2.9, 1.05, 0.6).sort();
    assert.deepEqual(Array.from(histogramCounts(values, sturgesEdges(0, 3.3, 10, false))), [4, 1, 1, 2, 2]);
  });

  it('a value equal to an inner edge goes to the bin on its right', () => {
    assert.deepEqual(Array.from(histogramCounts(Float64Array.of(0, 1, 1, 2), Float64Array.of(0, 1, 2))), [1, 3]);
  });
});

describe('ColumnSample.bins (Evidently get_binned_data)', () => {
  const range = (n: number, offset = 0) => Float64Array.from({ length: n }, (_, i) => i + offset);

  it('more than 20 distinct reference values of a numeric column: a histogram over both samples', () => {
    const bins = new ColumnSample('x', 'numeric', range(21), range(10, 100)).bins();
    // 31 values over [0, 109]: log2(31) + 1 = 5.95 -> 6 bins of width 109/6
    assert.equal(bins.labels.length, 6);
    assert.equal(bins.edges?.[6], 109);
    assert.equal(bins.labels[0], '[0, 18.1667)');
    assert.equal(bins.labels[5], '[90.8333, 109]');
  });

  it('20 distinct reference values, or a categorical column: one bin per value over both samples', () => {
    const bins = new ColumnSample('x', 'numeric', range(20), range(2, 25)).bins();
    assert.equal(bins.edges, null);
    assert.equal(bins.labels.length, 22);
    assert.deepEqual(new ColumnSample('c', 'categorical', range(30), range(30)).bins().labels.length, 30);
  });

  it('shares divide counts by each sample size, without zero filling', () => {
    const shares = new ColumnSample('c', 'categorical', Float64Array.of(1, 1, 2, 2), Float64Array.of(2, 3)).binShares();
    assert.deepEqual(Array.from(shares.reference), [0.5, 0.5, 0]);
    assert.deepEqual(Array.from(shares.current), [0, 0.5, 0.5]);
  });
});

describe('fillEmptyBins (Evidently feel_zeroes)', () => {
  it('empty bins get 0.0001 when the smallest share is above 0.0001', () => {
    assert.deepEqual(Array.from(fillEmptyBins(Float64Array.of(0.5, 0, 0.5))), [0.5, 0.0001, 0.5]);
  });

  it('empty bins get smallest / 10^6 when the smallest share is at most 0.0001', () => {
    assert.deepEqual(Array.from(fillEmptyBins(Float64Array.of(0.9999, 0, 0.0001))), [0.9999, 0.0001 / 10 ** 6, 0.0001]);
  });

  it('an all-zero vector (an empty sample) stays zero', () => {
    assert.deepEqual(Array.from(fillEmptyBins(Float64Array.of(0, 0))), [0, 0]);
  });
});
