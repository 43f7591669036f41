/**
 * Drift benchmark: computeDrift on 1,000,000 reference vs 1,000,000 current rows (three features and
 * the binary target, generated straight into Float64Arrays by bench/lib-generate.ts; the current
 * sample's activity shifted).
 * Prints each run's time and peak RSS, then the median. The features are integer counts as in the
 * record schema; `--continuous` drops the rounding (the native-sort path instead of the counting sort).
 * `npm run bench -- drift [--runs N] [--rows N] [--continuous]`
 */
import { parseArgs } from 'node:util';
import { computeDrift } from '../src/drift/drift.ts';
import { generateDataset } from './lib-generate.ts';
import { median, peakRssMb, resetPeakRss, timed } from './lib-measure.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rows: { type: 'string', default: '1000000' },
    continuous: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const rows = Number(values.rows);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(rows) || rows < 1) {
  console.error('usage: npm run bench -- drift [--runs N] [--rows N] [--continuous]  (N: positive integers)');
  process.exit(2);
}

const reference = generateDataset(rows, 1, { continuous: values.continuous });
const current = generateDataset(rows, 2, { shift: 1.2, continuous: values.continuous });
const kind = values.continuous ? 'continuous' : 'integer';
console.log(
  `drift: ${rows.toLocaleString('en')} vs ${rows.toLocaleString('en')} rows, 4 columns (${kind} features), ${runs} run(s)`,
);
const times: number[] = [];
for (let run = 1; run <= runs; run++) {
  const resettable = resetPeakRss();
  const { result, ms } = await timed(() => computeDrift(reference, current));
  times.push(ms);
  const tests = Object.values(result.columns)
    .map((c) => `${c.column}=${c.test}:${c.score.toPrecision(3)}${c.drifted ? '*' : ''}`)
    .join(' ');
  console.log(
    `run ${run}: ${ms.toFixed(0)} ms, peak RSS ${peakRssMb().toFixed(0)} MB${resettable ? '' : ' (process peak)'}; ${tests}`,
  );
}
console.log(`median: ${median(times).toFixed(0)} ms`);
