/**
 * mulberry32, a small seeded pseudo-random generator (Tommy Ettinger's, public domain): 32 bits of
 * state, one multiply-xorshift round per draw, uniform numbers in [0, 1) at a resolution of 2^-32.
 * Used where a sample must be random yet the same on every run (no Math.random).
 */

/** A generator seeded by `seed` (taken as an unsigned 32-bit integer): each call gives the next draw. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
