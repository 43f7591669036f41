import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { radixSortFloat64 } from '../../src/drift/radix-sort.ts';
import { rng } from '../reliability/helpers/data-files.ts';

const N = 20_000; // above the size where the native sort takes over

/** `values` sorted by radixSortFloat64 equals the native sort's result, value for value (-0 and 0 apart). */
function assertSortsLikeNative(values: Float64Array): void {
  const expected = values.slice().sort();
  radixSortFloat64(values);
  for (let i = 0; i < values.length; i++)
    if (!Object.is(values[i], expected[i])) assert.fail(`position ${i}: ${values[i]} instead of ${expected[i]}`);
}

describe('radix sort of doubles', () => {
  const random = rng(11);
  const cases: Record<string, () => Float64Array> = {
    'probabilities in [0, 1]': () => Float64Array.from({ length: N }, () => random()),
    'signed values over many magnitudes': () =>
      Float64Array.from({ length: N }, () => (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20)),
    'zeros of both signs, infinities, subnormals': () =>
      Float64Array.from({ length: N }, (_, i) => [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1, -1][i % 8]!),
    'many ties': () => Float64Array.from({ length: N }, () => Math.round(random() * 10) / 10),
    'one value': () => new Float64Array(N).fill(-2.5),
    'already sorted, descending': () => Float64Array.from({ length: N }, (_, i) => N - i + 0.5),
    'a small array (native sort)': () => Float64Array.from({ length: 100 }, () => random() - 0.5),
  };
  for (const [name, make] of Object.entries(cases))
    it(`sorts ${name} as the native sort does`, () => assertSortsLikeNative(make()));

  it('sorts a view inside a larger buffer without touching the rest', () => {
    const buffer = Float64Array.from({ length: N + 10 }, () => random());
    const before = buffer.slice();
    const view = buffer.subarray(3, N + 3);
    assertSortsLikeNative(view);
    assert.deepEqual(
      [...buffer.subarray(0, 3), ...buffer.subarray(N + 3)],
      [...before.subarray(0, 3), ...before.subarray(N + 3)],
    );
  });
});
