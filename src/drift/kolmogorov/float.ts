/**
 * Small floating-point helpers the Kolmogorov–Smirnov code needs and JavaScript lacks: C's frexp and
 * ldexp, numpy's round-half-to-even, and clipping a probability to [0, 1].
 */

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer); // little-endian: words[1] holds sign, exponent, top of mantissa

/** 2^e for an integer -1022 <= e <= 1023, built from its bits. */
function powerOfTwo(e: number): number {
  words[0] = 0;
  words[1] = (e + 1023) << 20;
  return scratch[0]!;
}

/** x * 2^e without intermediate overflow or underflow of the power of two (C's ldexp). */
export function ldexp(x: number, e: number): number {
  let result = x;
  let rest = e;
  while (rest > 1023) {
    result *= powerOfTwo(1023);
    rest -= 1023;
  }
  while (rest < -1022) {
    result *= powerOfTwo(-1022);
    rest += 1022;
  }
  return result * powerOfTwo(rest);
}

/** C's frexp: [m, e] with x = m * 2^e and 0.5 <= |m| < 1 ([x, 0] for 0, NaN and infinities). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  scratch[0] = x;
  let biased = (words[1]! >>> 20) & 0x7ff;
  let shift = 0;
  if (biased === 0) {
    // subnormal: scale into the normal range first
    scratch[0] = x * 2 ** 64;
    biased = (words[1]! >>> 20) & 0x7ff;
    shift = 64;
  }
  words[1] = (words[1]! & 0x800fffff) | (1022 << 20);
  return [scratch[0]!, biased - 1022 - shift];
}

/** numpy's round(): to the nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** A probability clipped to [0, 1] (NaN stays NaN, as with numpy's clip). */
export function clip01(p: number): number {
  // biome-ignore lint/complexity/useMathMinMax: the same comparisons as numpy's clip, NaN passes through
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
