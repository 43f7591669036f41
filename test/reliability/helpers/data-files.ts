/**
 * Generated input files for the reliability suites: deterministic batches of valid records whose
 * distribution shifts with a parameter (so a new batch drifts and makes the cycle retrain and deploy).
 */

/** The record header every generated file starts with. */
export const CSV_HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n';

/** A small deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `rows` valid records; `shift` scales the activity columns and flips the label rule on odd values. */
export function batchCsv(seed: number, rows: number, shift = 1): string {
  const random = rng(seed);
  let text = CSV_HEADER;
  for (let i = 0; i < rows; i++) {
    const month = Math.floor(random() * 200 * shift);
    const year = Math.floor(random() * 2000 * shift);
    const employees = Math.floor(random() * 50);
    const low = month < 60 * shift;
    const exited = (shift % 2 === 1 ? low : !low) ? 1 : 0;
    text += `c${seed}x${i},${month},${year},${employees},${exited}\n`;
  }
  return text;
}
