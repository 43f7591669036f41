/**
 * Benchmark: ingestion of 1,000,000 generated rows in two CSV files (validate, merge, deduplicate,
 * write finaldata.csv and the record). Prints each run's time and peak RSS, then the medians.
 * Usage: npm run bench -- ingest [--rows N] [--runs N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestFolder } from '../src/pipeline/steps/ingest.ts';
import { generatedFolder, numberOption } from './lib-dataset-files.ts';
import { median, peakRssMb, resetPeakRss, timed } from './lib-measure.ts';

const rows = numberOption('rows', 1_000_000);
const runs = numberOption('runs', 3);
const inputFolder = await generatedFolder('ingest', rows, 2, 1);
const times: number[] = [];
const peaks: number[] = [];
for (let run = 1; run <= runs; run++) {
  const outputFolder = mkdtempSync(join(tmpdir(), 'attrition-bench-out-'));
  global.gc?.();
  resetPeakRss();
  const { result, ms } = await timed(() => ingestFolder({ inputFolder, outputFolder }));
  const peak = peakRssMb();
  times.push(ms);
  peaks.push(peak);
  console.log(
    `run ${run}: ${ms.toFixed(0)} ms, peak RSS ${peak.toFixed(0)} MB, ${result.record.rows_read} rows read, ${result.record.rows_final} kept, ${result.record.duplicates_removed} duplicates`,
  );
  rmSync(outputFolder, { recursive: true, force: true });
}
console.log(
  `ingest ${rows} rows (2 files): median ${median(times).toFixed(0)} ms, median peak RSS ${median(peaks).toFixed(0)} MB over ${runs} runs`,
);
