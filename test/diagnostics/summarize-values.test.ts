/**
 * Summary statistics of values in memory: quartiles by linear interpolation as numpy/pandas give them,
 * the counted path (integers) and the sorted path (fractions, wide spans) agree, and the statistics
 * equal DuckDB's on the same rows.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { summarizeValues } from '../../src/diagnostics/summarize-values.ts';
import { summarizeCsv } from '../../src/diagnostics/summary-stats.ts';
import { COLUMNS } from '../../src/data/schema.ts';

function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    assert.equal(actual, null, what);
    return;
  }
  assert.ok(
    actual !== null && Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

describe('summarizeValues', () => {
  it('interpolates quartiles as numpy does (1, 2, 3, 4: 1.75, 2.5, 3.25) and has ddof 1', () => {
    const s = summarizeValues(Float64Array.from([4, 1, 3, 2]));
    assert.deepEqual([s.q25, s.median, s.q75, s.min, s.max, s.mean], [1.75, 2.5, 3.25, 1, 4, 2.5]);
    close(s.std, Math.sqrt(5 / 3), 'std');
  });

  it('counts integers and sorts anything else to the same order statistics', () => {
    const integers = Float64Array.from({ length: 1001 }, (_, i) => (i * 7919) % 613);
    const shifted = integers.map((v) => v + 0.5); // fractions: the sorted path
    const wide = integers.map((v) => v * 1e9); // a span far wider than the rows: the sorted path
    const a = summarizeValues(integers);
    const b = summarizeValues(shifted);
    const c = summarizeValues(wide);
    for (const key of ['q25', 'median', 'q75', 'min', 'max'] as const) {
      close(b[key], a[key]! + 0.5, `${key} shifted`);
      close(c[key], a[key]! * 1e9, `${key} wide`);
    }
  });

  it('gives nothing for no values and no std for one value', () => {
    assert.equal(summarizeValues(new Float64Array(0)).mean, null);
    assert.equal(summarizeValues(Float64Array.of(3)).std, null);
    assert.equal(summarizeValues(Float64Array.of(3)).median, 3);
  });

  it('equals DuckDB on the same rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attrition-summarize-'));
    try {
      const rows = 20_000;
      const columns = [
        (i: number) => (i * 7919) % 1000,
        (i: number) => (i * 104729) % 50_000,
        (i: number) => i % 97,
        (i: number) => (i % 3 === 0 ? 1 : 0),
      ];
      const path = join(dir, 'data.csv');
      writeFileSync(
        path,
        `${COLUMNS.join(',')}\n${Array.from({ length: rows }, (_, i) => `c${i},${columns.map((f) => f(i)).join(',')}`).join('\n')}\n`,
      );
      const duckdb = await summarizeCsv(path);
      Object.values(duckdb.summary).forEach((expected, k) => {
        const actual = summarizeValues(Float64Array.from({ length: rows }, (_, i) => columns[k]!(i)));
        for (const key of Object.keys(expected) as (keyof typeof expected)[])
          close(actual[key], expected[key], `column ${k} ${key}`);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
