// Evidently's default stat test choice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectDefaultTest } from '../../src/drift/select-test.ts';

describe('selectDefaultTest', () => {
  it('reference <= 1000 values: ks for numeric columns with more than 5 distinct values', () => {
    assert.equal(selectDefaultTest({ columnType: 'numeric', referenceRows: 1000, nUnique: 6 }), 'ks');
  });

  it('reference <= 1000 values: chisquare above 2 values, z at 2 or fewer (numeric <= 5 values or categorical)', () => {
    assert.equal(selectDefaultTest({ columnType: 'numeric', referenceRows: 26, nUnique: 5 }), 'chisquare');
    assert.equal(selectDefaultTest({ columnType: 'numeric', referenceRows: 26, nUnique: 2 }), 'z');
    assert.equal(selectDefaultTest({ columnType: 'categorical', referenceRows: 26, nUnique: 40 }), 'chisquare');
    assert.equal(selectDefaultTest({ columnType: 'categorical', referenceRows: 26, nUnique: 2 }), 'z');
    assert.equal(selectDefaultTest({ columnType: 'categorical', referenceRows: 26, nUnique: 1 }), 'z');
  });

  it('reference > 1000 values: wasserstein for numeric columns with more than 5 values, jensenshannon otherwise', () => {
    assert.equal(selectDefaultTest({ columnType: 'numeric', referenceRows: 1001, nUnique: 6 }), 'wasserstein');
    assert.equal(selectDefaultTest({ columnType: 'numeric', referenceRows: 1001, nUnique: 5 }), 'jensenshannon');
    assert.equal(selectDefaultTest({ columnType: 'categorical', referenceRows: 5000, nUnique: 300 }), 'jensenshannon');
  });
});
