/**
 * A temporary project with real monitoring cycles recorded by runCycle: a bootstrap on practicedata,
 * then one batch per cycle replacing the input folder's files (the seed's sourcedata, generated
 * batches drawn like the seed data or shifted away from it) and a cycle with nothing new.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Config } from '../../src/config.ts';
import type { RunRecord } from '../../src/records/run-record.ts';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { makeTempProject, REPO_ROOT, type TempProject } from '../helpers/temp-project.ts';

/** A project and the records of the cycles run on it, oldest first. */
export interface Scenario {
  project: TempProject;
  config: Config;
  records: RunRecord[];
}

/** A small deterministic PRNG (mulberry32), so generated batches are the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CSV batch of `rows` records; `shift` scales the activity columns (1: like the seed data). */
export function batchCsv(seed: number, rows: number, shift: number): string {
  const random = prng(seed);
  const lines = ['corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited'];
  for (let i = 0; i < rows; i++) {
    const lastmonth = Math.round(random() * 400 * shift);
    const lastyear = Math.round(random() * 1500 * shift);
    const employees = Math.round(1 + random() * 300);
    const exited = random() < 1 / (1 + Math.exp((lastmonth - 150 * shift) / (60 * shift))) ? 1 : 0;
    lines.push(`c${seed}x${i},${lastmonth},${lastyear},${employees},${exited}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What lands in the input folder before each cycle after the bootstrap (null: nothing new). */
const DEFAULT_BATCHES: ({ seed: number; rows: number; shift: number } | 'sourcedata' | null)[] = [
  'sourcedata',
  null,
  { seed: 1, rows: 40, shift: 1 },
  { seed: 2, rows: 40, shift: 1 },
  { seed: 3, rows: 60, shift: 3 },
  { seed: 4, rows: 50, shift: 1 },
];

/** Runs a bootstrap and then one cycle per batch; the caller cleans the project up. */
export async function recordScenario(batches = DEFAULT_BATCHES): Promise<Scenario> {
  const project = makeTempProject({ seed: ['practicedata', 'testdata'] });
  const incoming = join(project.dir, 'incoming');
  mkdirSync(incoming);
  cpSync(join(REPO_ROOT, 'practicedata'), incoming, { recursive: true });
  const raw = { ...JSON.parse(readFileSync(project.configFile, 'utf8')), input_folder_path: 'incoming' };
  writeFileSync(project.configFile, JSON.stringify(raw));
  const config = parseConfig(raw, project.configFile);
  const records = [(await runCycle(config)).record];
  for (const batch of batches) {
    if (batch !== null) {
      rmSync(incoming, { recursive: true });
      mkdirSync(incoming);
    }
    if (batch === 'sourcedata') cpSync(join(REPO_ROOT, 'sourcedata'), incoming, { recursive: true });
    else if (batch)
      writeFileSync(join(incoming, `batch${batch.seed}.csv`), batchCsv(batch.seed, batch.rows, batch.shift));
    records.push((await runCycle(config)).record);
  }
  return { project, config, records };
}
