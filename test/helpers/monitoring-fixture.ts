/**
 * monitoring.json fixtures (the dashboard's Production section, GET /monitoring), built here and validated by
 * monitoringFileSchema so they follow the contract: weekly chunks (chunk 0 the oldest), an estimate
 * that moves with the index, and overrides for the chunks a test needs to be special.
 */
import { writeFileSync } from 'node:fs';
import { type MonitoringChunk, type MonitoringFile, monitoringFileSchema } from '../../src/records/monitoring-file.ts';

const START = Date.UTC(2026, 0, 5); // a Monday
const WEEK = 7 * 86_400_000;
const FEATURES = ['lastmonth_activity', 'lastyear_activity', 'number_of_employees'];

const verdict = (score: number) => ({ test: 'ks', score, threshold: 0.05, drifted: score < 0.05 });

/** The start of weekly chunk `i` (ISO). */
export function chunkStart(i: number): string {
  return new Date(START + i * WEEK).toISOString();
}

/** Weekly chunk `i` of `model_id` with a reference: an estimate in its thresholds, no alert, no dataset drift. */
export function fixtureChunk(i: number, model_id = 'model-a'): MonitoringChunk {
  const f1 = 0.72 + 0.05 * Math.sin(i / 2);
  const scores = FEATURES.map((_, c) => 0.06 + ((i + c) % 5) * 0.05);
  const rows = 1000 + ((i * 37) % 400);
  return {
    start: chunkStart(i),
    end: chunkStart(i + 1),
    partial: false,
    model_id,
    rows,
    realized: {
      f1: f1 - 0.02,
      precision: 0.68,
      recall: 0.74,
      accuracy: 0.79,
      labelled_rows: 400,
      identified_rows: rows - 100,
      coverage: 400 / rows,
    },
    realized_alert: false,
    reference: 'ok',
    estimated: {
      f1,
      f1_lower: f1 - 0.03,
      f1_upper: f1 + 0.03,
      precision: 0.7,
      recall: 0.75,
      accuracy: 0.8,
      calibrated: true,
    },
    thresholds: { f1_lower: 0.62, f1_upper: 0.9 },
    alert: false,
    drift: {
      share_drifted: 0,
      drift_share: 0.5,
      dataset_drift: false,
      columns: Object.fromEntries(FEATURES.map((name, c) => [name, verdict(scores[c]!)])),
    },
    prediction: {
      share_positive: 0.3,
      reference_share_positive: 0.28,
      classes: verdict(0.4),
      probability: verdict(0.3),
    },
  };
}

/** Chunk `i` served by a version deployed without a monitoring reference. */
export function noReferenceChunk(i: number, model_id: string): MonitoringChunk {
  return {
    ...fixtureChunk(i, model_id),
    reference: 'missing',
    estimated: null,
    thresholds: null,
    alert: false,
    drift: null,
    prediction: { share_positive: 0.25, reference_share_positive: null, classes: null, probability: null },
  };
}

/** Chunk `i` whose estimate fell below its lower threshold. */
export function alertChunk(i: number, model_id: string): MonitoringChunk {
  const chunk = fixtureChunk(i, model_id);
  return { ...chunk, estimated: { ...chunk.estimated!, f1: 0.55, f1_lower: 0.52, f1_upper: 0.58 }, alert: true };
}

/** Chunk `i` where two of the three features drifted (dataset drift). */
export function driftedChunk(i: number, model_id: string): MonitoringChunk {
  const chunk = fixtureChunk(i, model_id);
  return { ...chunk, drift: { ...chunk.drift!, share_drifted: 2 / 3, dataset_drift: true } };
}

/** A monitoring result of `chunks` given oldest first (the file lists them newest first), checked by the schema. */
export function monitoringFile(chunks: readonly MonitoringChunk[]): MonitoringFile {
  return monitoringFileSchema.parse({
    computed_at: '2026-04-01T12:00:00.000Z',
    chunk: { period: 'week' },
    log: { rows: chunks.reduce((sum, c) => sum + c.rows, 0), skipped: 0 },
    labels: { stored: chunks.reduce((sum, c) => sum + c.realized.labelled_rows, 0), unmatched: 0, skipped: 0 },
    chunks: [...chunks].reverse(),
  });
}

/** `count` weekly chunks of one version, the newest partial. */
export function steadyChunks(count: number): MonitoringChunk[] {
  return Array.from({ length: count }, (_, i) => ({ ...fixtureChunk(i), partial: i === count - 1 }));
}

/** Writes `file` as monitoring.json's text to `path`. */
export function writeMonitoringFile(path: string, file: MonitoringFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
