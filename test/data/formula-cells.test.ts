/**
 * The formula guard: which text cells get a leading ', the same rule in TypeScript (rejects files) and
 * in DuckDB's SQL (finaldata.csv), and that it is undone exactly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvLine } from '../../src/data/csv-format.ts';
import { sqlString, withDuckDB } from '../../src/data/duckdb.ts';
import { guardFormula, guardFormulaSql, needsFormulaGuard, unguardFormula } from '../../src/data/formula-cells.ts';

/** Each text and whether it is guarded. */
const CASES: [string, boolean][] = [
  ['=HYPERLINK("http://x")', true],
  ['+cmd', true],
  ['-2+3', true],
  ['@SUM(A1)', true],
  ['\tx', true],
  ['\rx', true],
  ["'already", true],
  ['-', true],
  ['-3', false],
  ['+1.5', false],
  ['12', false],
  ['acme', false],
  ['a=b', false],
  ['', false],
  [' =x', false],
];

describe('formula guard', () => {
  it('guards the text that starts like a formula, not plain numbers', () => {
    for (const [text, guarded] of CASES) {
      assert.equal(needsFormulaGuard(text), guarded, JSON.stringify(text));
      assert.equal(guardFormula(text), guarded ? `'${text}` : text);
      assert.equal(unguardFormula(guardFormula(text)), text, 'undone exactly');
    }
  });

  it('is the same rule in DuckDB', async () => {
    const values = CASES.map(([text]) => `(${sqlString(text)})`).join(', ');
    const rows = await withDuckDB(async (db) =>
      (await db.runAndReadAll(`SELECT ${guardFormulaSql('v')} FROM (VALUES ${values}, (NULL)) AS t(v)`)).getRows(),
    );
    assert.deepEqual(
      rows.map(([stored]) => stored),
      [...CASES.map(([text]) => guardFormula(text)), null],
    );
  });

  it('writes report lines with guarded text cells quoted and numbers as they are', () => {
    assert.equal(csvLine(['=1+2', -3, '-3', 'a,b', null]), `"'=1+2",-3,-3,"a,b",\n`);
  });
});
