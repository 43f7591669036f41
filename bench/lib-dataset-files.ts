/**
 * Benchmark input folders: generated once per size and seed under the system temp folder, reused by
 * later runs (the same bytes every time).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeGeneratedCsv } from './lib-generate.ts';

/** A folder holding `files` CSV files with `rows` rows in all; `shift` makes drifted data. */
export async function generatedFolder(
  name: string,
  rows: number,
  files: number,
  seed: number,
  shift = 1,
): Promise<string> {
  const folder = join(tmpdir(), 'attrition-bench', `${name}-${rows}-${files}-${seed}-${shift}`);
  if (existsSync(folder)) return folder;
  const temp = `${folder}.partial-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  for (let i = 0; i < files; i++) {
    const share = Math.floor(rows / files) + (i < rows % files ? 1 : 0);
    await writeGeneratedCsv(join(temp, `batch${i + 1}.csv`), {
      rows: share,
      seed: seed + i,
      shift,
      duplicateEvery: 50,
    });
  }
  renameSync(temp, folder);
  return folder;
}

/** The value of `--name N` in argv, or the default. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}
