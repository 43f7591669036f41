/**
 * Synthetic attrition data for benchmarks: rows with the record schema, drawn from a fixed-seed
 * generator so every run measures the same bytes. The label follows a logistic model of the features.
 */
import { createWriteStream } from 'node:fs';
import { COLUMNS, type Dataset } from '../src/data/schema.ts';
import { mulberry32 } from '../src/monitoring/mulberry32.ts';

/** A small, fast, seeded PRNG (mulberry32): uniform numbers in [0, 1). */
export const seededRandom = mulberry32;

/** Options for generated rows; `shift` scales activity to simulate drift. */
export interface GenerateOptions {
  rows: number;
  seed: number;
  shift?: number;
  /** Every n-th row repeats the previous one (exact duplicates for deduplication to find). */
  duplicateEvery?: number;
}

/** Writes a CSV with the schema's header and `rows` generated records; resolves when flushed. */
export async function writeGeneratedCsv(path: string, options: GenerateOptions): Promise<void> {
  const random = seededRandom(options.seed);
  const shift = options.shift ?? 1;
  const out = createWriteStream(path);
  let chunk = `${COLUMNS.join(',')}\n`;
  let previous = '';
  for (let i = 0; i < options.rows; i++) {
    let line: string;
    if (options.duplicateEvery && i > 0 && i % options.duplicateEvery === 0) {
      line = previous;
    } else {
      const month = Math.floor(-Math.log(1 - random()) * 150 * shift);
      const year = Math.floor(month * 8 + random() * 2000 * shift);
      const employees = 1 + Math.floor(-Math.log(1 - random()) * 40);
      const logit = 0.6 - 0.004 * month + 0.0001 * year + 0.01 * employees;
      const exited = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      let name = '';
      for (let k = 0; k < 4; k++) name += String.fromCharCode(97 + Math.floor(random() * 26));
      line = `${name},${month},${year},${employees},${exited}\n`;
    }
    previous = line;
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** How generateDataset draws the features; the defaults draw them exactly as writeGeneratedCsv does. */
export interface DatasetOptions {
  /** Scales the activity columns to simulate drift; default 1 (no shift). */
  shift?: number;
  /** Leaves the features unrounded (continuous values) instead of integer counts; default false. */
  continuous?: boolean;
}

/** `rows` rows in memory, drawn like writeGeneratedCsv's (same distributions and label model; no names, no duplicates). */
export function generateDataset(rows: number, seed: number, options: DatasetOptions = {}): Dataset {
  const shift = options.shift ?? 1;
  const round = options.continuous ? (x: number) => x : Math.floor;
  const random = seededRandom(seed);
  const month = new Float64Array(rows);
  const year = new Float64Array(rows);
  const employees = new Float64Array(rows);
  const exited = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const m = round(-Math.log(1 - random()) * 150 * shift);
    const y = round(m * 8 + random() * 2000 * shift);
    const e = 1 + round(-Math.log(1 - random()) * 40);
    const logit = 0.6 - 0.004 * m + 0.0001 * y + 0.01 * e;
    month[i] = m;
    year[i] = y;
    employees[i] = e;
    exited[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return {
    rows,
    columns: { lastmonth_activity: month, lastyear_activity: year, number_of_employees: employees, exited },
  };
}
