/**
 * Generated input files for the reliability suites: deterministic batches of valid records whose
 * distribution shifts with a parameter (so a new batch drifts and makes the cycle retrain and deploy).
 */
import { mulberry32 } from '../../../src/monitoring/mulberry32.ts';

/** The record header every generated file starts with. */
export const CSV_HEADER = 'corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\n';

/** A small deterministic pseudo-random generator (mulberry32, the one the monitoring reference samples with). */
export const rng = mulberry32;

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
