/**
 * Synthetic cycle records, written straight to a runs.jsonl (no pipeline involved): a long history in
 * well under a second, for the pagination tests and the dashboard benchmark. Every record fits the run
 * record schema; outcomes, scores and drift vary with the index.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RunRecord } from '../../src/records/run-record.ts';

const START = Date.UTC(2026, 0, 1);
const COLUMNS = ['lastmonth_activity', 'lastyear_activity', 'number_of_employees', 'exited'];

/** The run id of synthetic cycle `i` (ten minutes apart, unique suffix). */
export function syntheticRunId(i: number): string {
  const time = new Date(START + i * 600_000).toISOString();
  return `${time.slice(0, 19).replace(/[-:]/g, '')}Z-${i.toString(16).padStart(6, '0')}`;
}

/** Synthetic cycle `i`: a monitoring cycle with model and data drift decisions (every 7th retrains). */
export function syntheticRun(i: number): RunRecord {
  const id = syntheticRunId(i);
  const started = new Date(START + i * 600_000).toISOString();
  const f1 = 0.55 + 0.2 * Math.abs(Math.sin(i / 5));
  const retrain = i % 7 === 0;
  const columns = Object.fromEntries(
    COLUMNS.map((name, c) => {
      const score = Math.abs(Math.sin(i * (c + 1))) * 0.2;
      return [name, { test: c === 3 ? 'z' : 'ks', score, threshold: 0.05, drifted: score < 0.05 }];
    }),
  );
  const drifted = Object.values(columns).filter((c) => c.drifted).length;
  return {
    id,
    started_at: started,
    finished_at: new Date(START + i * 600_000 + 1500).toISOString(),
    duration_ms: 1500,
    outcome: retrain ? (i % 2 === 0 ? 'deployed' : 'not_deployed') : 'no_drift',
    summary: `synthetic cycle ${i}`,
    trigger: 'schedule',
    new_files: [`batch${i}.csv`],
    changed_files: [],
    rows: { read: 1000, rejected: 0, ingested: 1000 },
    live_model_before: 'model-a',
    live_model_after: 'model-a',
    steps: [{ name: 'ingestion', started_at: started, duration_ms: 100, outcome: 'ok' }],
    decisions: {
      model_drift: { test: 'raw', f1_new: f1, f1_recorded: 0.6, threshold: 0.6, drifted: f1 < 0.6, history: 10 },
      data_drift: {
        share_drifted: drifted / COLUMNS.length,
        drift_share: 0.5,
        dataset_drift: drifted / COLUMNS.length >= 0.5,
        columns,
      },
      retrain: { retrain: retrain, because: retrain ? ['model_drift'] : [] },
      ...(retrain
        ? {
            deploy: {
              policy: 'if_not_worse',
              challenger_id: `model-${i}`,
              challenger_f1: 0.7,
              champion_id: 'model-a',
              champion_f1: 0.65,
              deployed: i % 2 === 0,
              reason: 'synthetic',
            },
          }
        : {}),
    },
    drift_report: null,
    error: null,
  };
}

/** Writes `count` synthetic cycles (oldest first) to `path`, replacing it. */
export async function writeSyntheticRuns(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const batch = 5_000;
  for (let start = 0; start < count; start += batch) {
    let text = '';
    for (let i = start; i < Math.min(count, start + batch); i++) text += `${JSON.stringify(syntheticRun(i))}\n`;
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
