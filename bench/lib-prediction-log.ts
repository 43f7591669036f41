/**
 * A generated prediction log for benchmarks: one compacted Parquet file per UTC day, written by DuckDB
 * SQL with the statement the store's compaction writes (parquetCopySql) under the names it gives
 * (segment-names.ts), so the store reads it as a log it compacted itself. (Going through the store, 10M
 * entries would be ~2.5 GB of JSON lines to write, parse and compact.) Rows are in time order, spread
 * evenly over the day, in requests of 4 records, every tenth without a caller's id; features drawn like
 * lib-generate.ts, drifting slowly over the days; each row's probability and class come from the model
 * of the version serving at its time: the versions take turns in equal spans of the whole period, so
 * a switch can fall inside a day. The Parquet file's byte count (`@N`) is the day's entry count: no
 * segment lines remain beside it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withDuckDB } from '../src/data/duckdb.ts';
import type { LinearModel } from '../src/model/logistic-regression.ts';
import { DAY_MS, dayOf } from '../src/prediction-log/day.ts';
import { parquetCopySql } from '../src/prediction-log/parquet-sql.ts';
import { newSegmentName, parquetFileName } from '../src/prediction-log/segment-names.ts';

/** A deployed version serving in the log. */
export interface LogVersion {
  modelId: string;
  model: LinearModel;
}

/** What to generate: `days` days from `firstDay` (a UTC midnight, ms), `perDay` entries each. */
export interface GeneratedLog {
  firstDay: number;
  days: number;
  perDay: number;
  versions: readonly LogVersion[];
}

/** A uniform number in [0, 1) from row `i` of day `day`, stream `k` (DuckDB's hash: reproducible). */
const uniform = (day: number, k: number) => `(hash(i, ${day}, ${k})::DOUBLE / 18446744073709551616.0)`;

/** The SELECT giving day `day`'s entries. */
function daySql(log: GeneratedLog, day: number): string {
  const start = log.firstDay + day * DAY_MS;
  const span = (log.days * DAY_MS) / log.versions.length;
  const shift = 1 + (0.5 * day) / log.days;
  const serving = (pick: (version: LogVersion) => string) =>
    `CASE ${log.versions.map((v, k) => `WHEN time < ${log.firstDay + (k + 1) * span} THEN ${pick(v)}`).join(' ')} ELSE ${pick(log.versions.at(-1)!)} END`;
  const decision = ({ model }: LogVersion) =>
    `(${model.intercept} ${model.features.map((f, j) => `+ ${model.coefficients[j]} * "${f}"`).join(' ')})`;
  return `
    SELECT time, request_id, model_id, id, lastmonth_activity, lastyear_activity, number_of_employees,
      1 / (1 + exp(-z)) AS probability, (z > 0)::INTEGER AS prediction
    FROM (
      SELECT *, ${serving((v) => `'${v.modelId}'`)} AS model_id, ${serving(decision)} AS z
      FROM (
        SELECT time, request_id, id, lastmonth_activity,
          floor(lastmonth_activity * 8 + ${uniform(day, 2)} * 2000 * ${shift}) AS lastyear_activity,
          number_of_employees
        FROM (
          SELECT ${start} + floor(i * ${DAY_MS / log.perDay})::DOUBLE AS time,
            'req-${day}-' || (i // 4) AS request_id,
            CASE WHEN i % 10 = 0 THEN NULL ELSE 'corp-' || (hash(i, ${day}, 4) % 100000) END AS id,
            floor(-ln(1 - ${uniform(day, 1)}) * 150 * ${shift}) AS lastmonth_activity,
            1 + floor(-ln(1 - ${uniform(day, 3)}) * 40) AS number_of_employees,
            i
          FROM range(${log.perDay}) r(i))))
    ORDER BY time`;
}

/** Writes the generated log under the log folder `folder` (created); returns the entries written. */
export async function writeGeneratedLog(folder: string, log: GeneratedLog): Promise<number> {
  return withDuckDB(async (connection) => {
    for (let day = 0; day < log.days; day++) {
      const start = log.firstDay + day * DAY_MS;
      const dayFolder = join(folder, dayOf(start));
      mkdirSync(dayFolder, { recursive: true, mode: 0o700 });
      const name = parquetFileName(newSegmentName(start), log.perDay);
      await connection.run(parquetCopySql(daySql(log, day), join(dayFolder, name)));
    }
    return log.days * log.perDay;
  });
}
