// Distinct-value counting and sorting: the fast paths agree with the general ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortValues } from '../../src/drift/sort-values.ts';
import { countDistinctUnion, mergeTallies, tallySmallDomain, tallySorted } from '../../src/drift/value-counts.ts';

describe('sortValues', () => {
  it('the counting sort of integer data equals the native sort', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 1013) - 500);
    const native = values.slice().sort();
    sortValues(values);
    assert.deepEqual(values, native);
  });

  it('non-integer or widely spread data takes the native sort; tiny arrays are left alone', () => {
    const floats = Float64Array.of(0.5, -2, 3.25, 1);
    sortValues(floats);
    assert.deepEqual(Array.from(floats), [-2, 0.5, 1, 3.25]);
    const spread = Float64Array.of(1e12, 3, -1e12);
    sortValues(spread);
    assert.deepEqual(Array.from(spread), [-1e12, 3, 1e12]);
    const one = Float64Array.of(4);
    sortValues(one);
    assert.deepEqual(Array.from(one), [4]);
  });
});

describe('value counts', () => {
  it('the small-domain tally equals the run lengths of the sorted values', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i * 13) % 7);
    assert.deepEqual(tallySmallDomain(values), tallySorted(values.slice().sort()));
  });

  it('the small-domain tally gives up above its key limit', () => {
    assert.equal(tallySmallDomain(Float64Array.of(1, 2, 3), 2), null);
  });

  it('merged tallies put zeros where a sample lacks a value; -0 and 0 are one value', () => {
    const merged = mergeTallies(tallySorted(Float64Array.of(-0, 0, 2)), tallySorted(Float64Array.of(1, 2, 2)));
    assert.equal(merged.keys.length, 3);
    assert.ok(merged.keys[0] === 0 && merged.keys[1] === 1 && merged.keys[2] === 2);
    assert.deepEqual(Array.from(merged.reference), [2, 0, 1]);
    assert.deepEqual(Array.from(merged.current), [0, 1, 2]);
    assert.equal(countDistinctUnion(Float64Array.of(-0, 0, 2), Float64Array.of(1, 2, 2)), 3);
  });
});
