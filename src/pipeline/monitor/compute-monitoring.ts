/**
 * Production monitoring over a prediction log: every chunk's findings against its serving version's
 * reference (CBPE fitted once per version), then each version's thresholds, set for the size of its
 * chunks, and the alert flags. A version without a reference gets its chunks reported as such.
 */
import type { DriftSection } from '../../drift/options.ts';
import type { Calibrator } from '../../monitoring/calibration.ts';
import type { ChunkSpec } from '../../monitoring/chunk-periods.ts';
import type { ChunkFindings } from '../../monitoring/chunk-findings.ts';
import { sum } from '../../monitoring/typed-arrays.ts';
import { type LabelledReference, thresholdsFor, type VersionEstimator } from '../../monitoring/estimator.ts';
import type { PredictionLogStore } from '../../prediction-log/entry.ts';
import type { MonitoringFile } from '../../records/monitoring-file.ts';
import { type ChunkFacts, chunkRecord } from './chunk-record.ts';
import { chunkRealized, type LabelJoinOptions } from './chunk-realized.ts';
import type { LabelsById } from '../../labels/label.ts';
import { LabelTable } from '../../labels/label-table.ts';
import { findingsRunner } from './findings-runner.ts';
import { logChunks } from './log-chunks.ts';

/** What monitoring needs besides the log. */
export interface MonitoringOptions {
  chunk: ChunkSpec;
  drift: DriftSection;
  /** The moment "now" (ms): it decides which chunk is still open. */
  now: number;
  /** A version's reference, or null when it has none. */
  reference: (modelId: string) => Promise<LabelledReference | null>;
  /** Worker threads judging chunks (0: this thread); by default chosen from the log's size (findings-runner.ts). */
  workers?: number;
  /** The stored labels and the join's settings (none: every chunk's realized figures are empty). */
  labels?: { stored: LabelsById; horizonMs: number; minRows: number };
  /** Calibrators kept from earlier passes, given this pass's (records/calibration-cache.ts); none by default. */
  calibrators?: {
    get(modelId: string, reference: LabelledReference): Calibrator | undefined;
    set(modelId: string, reference: LabelledReference, calibrator: Calibrator): void;
  };
}

/** The median of `values` (not empty). */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The rows per chunk a version's thresholds are set for: N for size chunks; for periods the median size
 * of the version's complete chunks (of all its chunks while none is complete).
 */
function typicalChunkRows(spec: ChunkSpec, chunks: ChunkFacts[]): number {
  if ('size' in spec) return spec.size;
  const complete = chunks.filter((chunk) => !chunk.partial);
  return median((complete.length ? complete : chunks).map((chunk) => chunk.rows));
}

/** The labels of the join's table whose id was not seen among the predictions. */
function unmatchedLabels(labels: LabelJoinOptions | undefined): number {
  return labels ? labels.table.labelsOutside(labels.seen) : 0;
}

/** The join's settings for the labels of `options` (hashed by `store`), or undefined when none is stored. */
async function labelJoin(
  store: PredictionLogStore,
  options: MonitoringOptions['labels'],
): Promise<LabelJoinOptions | undefined> {
  if (!options || options.stored.count === 0) return undefined;
  const table = LabelTable.of(options.stored, await store.hashIds([...options.stored.byId.keys()]));
  return { table, horizonMs: options.horizonMs, minRows: options.minRows, seen: new Uint8Array(table.slotCount) };
}

/** monitoring.json's content for the log in `store`. */
export async function computeMonitoring(
  store: PredictionLogStore,
  options: MonitoringOptions,
): Promise<MonitoringFile> {
  const fitting = new Map<string, Promise<VersionEstimator> | null>();
  const pending: { facts: ChunkFacts; findings: Promise<ChunkFindings> | null }[] = [];
  const counts = { rows: 0, skipped: 0 };
  const runner = findingsRunner((await store.bounds())?.rows ?? 0, options.workers);
  let found: { facts: ChunkFacts; findings: ChunkFindings | null }[];
  const estimators = new Map<string, VersionEstimator | null>();
  const labels = await labelJoin(store, options.labels);
  try {
    for await (const chunk of logChunks(store, options.chunk, options.now, counts, labels !== undefined)) {
      if (!fitting.has(chunk.modelId)) {
        const reference = await options.reference(chunk.modelId);
        const fitted =
          reference &&
          runner.fit(chunk.modelId, reference, options.calibrators?.get(chunk.modelId, reference)).then((estimator) => {
            options.calibrators?.set(chunk.modelId, estimator.reference, estimator.calibrator);
            return estimator;
          });
        fitted?.catch(() => {}); // awaited below, after the log is read
        fitting.set(chunk.modelId, fitted);
      }
      const { served, time, idHash, ...bounds } = chunk; // the arrays are dropped once handed over: only numbers are kept
      const facts = {
        ...bounds,
        rows: served.rows,
        sharePositive: sum(served.prediction) / served.rows,
        realized: labels ? chunkRealized(time, idHash, served.prediction, labels) : null,
      };
      if (!fitting.get(chunk.modelId)) {
        pending.push({ facts, findings: null });
        continue;
      }
      await runner.ready();
      const findings = runner.findings(chunk.modelId, served, options.drift);
      findings.catch(() => {}); // awaited below, after the log is read
      pending.push({ facts, findings });
    }
    found = await Promise.all(pending.map(async ({ facts, findings }) => ({ facts, findings: await findings })));
    for (const [modelId, fitted] of fitting) estimators.set(modelId, await fitted);
  } finally {
    await runner.close();
  }
  const thresholds = new Map(
    [...estimators].map(([modelId, estimator]) => {
      const own = found.filter(({ facts }) => facts.modelId === modelId).map(({ facts }) => facts);
      return [modelId, estimator && thresholdsFor(estimator, typicalChunkRows(options.chunk, own))];
    }),
  );
  const chunks = found.map(({ facts, findings }) => {
    const estimator = estimators.get(facts.modelId);
    const limits = thresholds.get(facts.modelId);
    return chunkRecord(
      facts,
      estimator && findings && limits
        ? { findings, thresholds: limits, calibrated: estimator.calibrator.calibrated }
        : null,
    );
  });
  return {
    computed_at: new Date(options.now).toISOString(),
    chunk: options.chunk,
    log: counts,
    labels: {
      stored: options.labels?.stored.count ?? 0,
      unmatched: unmatchedLabels(labels),
      skipped: options.labels?.stored.skipped ?? 0,
    },
    chunks: chunks.reverse(),
  };
}
