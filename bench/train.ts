/**
 * Training benchmark: fits the logistic regression with default options on 1,000,000 generated rows ×
 * 3 features held in memory (Float64Arrays filled from the seeded generator, no CSV), and prints the
 * wall time (and this process's CPU time, to tell a busy machine apart), Newton iterations, convergence
 * and peak RSS of each run, then the median wall time.
 * Usage: npm run bench -- train [--runs N] [--rows N]
 */
import { parseArgs } from 'node:util';
import { fitLogisticRegression } from '../src/model/logistic-regression.ts';
import { FEATURES, TARGET } from '../src/data/schema.ts';
import { generateDataset } from './lib-generate.ts';
import { median, peakRssMb, resetPeakRss, timed } from './lib-measure.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, rows: { type: 'string', default: '1000000' } },
});
const runs = Number(values.runs);
const rows = Number(values.rows);
if (!(Number.isInteger(runs) && runs > 0 && Number.isInteger(rows) && rows > 0)) {
  console.error('usage: npm run bench -- train [--runs N] [--rows N] (positive integers)');
  process.exit(2);
}

const { columns } = generateDataset(rows, 42);
const data = {
  names: FEATURES,
  columns: FEATURES.map((name) => columns[name]),
  target: columns[TARGET],
  targetName: TARGET,
};
console.log(
  `train: ${rows.toLocaleString('en-US')} rows × ${FEATURES.length} features in memory, default options, ${runs} run(s)`,
);
const times: number[] = [];
for (let run = 1; run <= runs; run++) {
  resetPeakRss();
  const cpuBefore = process.cpuUsage();
  const { result: model, ms } = await timed(() => fitLogisticRegression(data));
  const cpu = process.cpuUsage(cpuBefore);
  times.push(ms);
  const weights = model.coefficients.map((c) => c.toPrecision(6)).join(', ');
  console.log(
    `run ${run}: ${ms.toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), ${model.iterations} iterations, converged ${model.converged}, peak RSS ${peakRssMb().toFixed(0)} MB` +
      ` (coefficients ${weights}; intercept ${model.intercept.toPrecision(6)})`,
  );
}
console.log(`median: ${median(times).toFixed(0)} ms`);
