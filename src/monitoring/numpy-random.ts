// numpy's legacy np.random.RandomState, only as far as scikit-learn's StratifiedShuffleSplit uses it
// (numpy/random/_mt19937.pyx `_legacy_seeding`, mtrand.pyx `RandomState.permutation` / `shuffle`,
// src/distributions/distributions.c `random_interval`): the Mersenne Twister MT19937 seeded by an
// integer, and Fisher-Yates shuffles drawing by bit mask and rejection, so a seed gives numpy's streams.
import { positions } from './typed-arrays.ts';

const N = 624;
const M = 397;

/** A seeded RandomState(seed) whose draws are numpy's, bit for bit. */
export class NumpyRandomState {
  private readonly state = new Uint32Array(N);
  private position = N;

  /** numpy's `mt19937_seed` (Matsumoto and Nishimura's init_genrand): seed an integer in [0, 2^32). */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError('seed must be in [0, 2^32)');
    this.state[0] = seed;
    for (let i = 1; i < N; i++) {
      const previous = this.state[i - 1]!;
      this.state[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
  }

  /** The next 32-bit output (genrand_int32, tempered). */
  nextUint32(): number {
    if (this.position >= N) this.twist();
    let y = this.state[this.position++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** numpy's `random_interval(max)`: uniform on 0..max, by masking to max's bit length and rejecting above. */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    for (;;) {
      const value = (this.nextUint32() & mask) >>> 0;
      if (value <= max) return value;
    }
  }

  /** `RandomState.shuffle` of a 1-d array, in place: for i from n - 1 down to 1, swap i with interval(i). */
  shuffle<T extends { length: number; [index: number]: number }>(values: T): T {
    for (let i = values.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const held = values[j]!;
      values[j] = values[i]!;
      values[i] = held;
    }
    return values;
  }

  /** `RandomState.permutation(n)`: 0..n-1 shuffled. */
  permutation(n: number): Int32Array {
    return this.shuffle(positions(n));
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < N; i++) {
      const y = (s[i]! & 0x80000000) | (s[(i + 1) % N]! & 0x7fffffff);
      s[i] = s[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.position = 0;
  }
}
