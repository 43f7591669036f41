import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FEATURES, type Feature } from '../../../src/data/schema.ts';
import {
  estimateChunk,
  fitEstimator,
  type LabelledReference,
  thresholdsFor,
} from '../../../src/monitoring/estimator.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../../src/errors.ts';
import { computeMonitoring } from '../../../src/pipeline/monitor/compute-monitoring.ts';
import type { PredictionLogBatch } from '../../../src/prediction-log/entry.ts';
import { CalibrationCache } from '../../../src/records/calibration-cache.ts';
import { MemoryLogStore } from '../../helpers/memory-log-store.ts';
import { rng } from '../../reliability/helpers/data-files.ts';

const DAY = 86_400_000;
const f64 = (values: number[]) => Float64Array.from(values);
const T0 = Date.UTC(2026, 10, 2); // a Monday

/** Rows drawn from a logistic model in lastmonth_activity: features, probability, class, label. */
function draw(seed: number, rows: number, shift = 0) {
  const random = rng(seed);
  const features = Object.fromEntries(FEATURES.map((f) => [f, new Float64Array(rows)])) as Record<
    Feature,
    Float64Array
  >;
  const probability = new Float64Array(rows);
  const label = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    features.lastmonth_activity[i] = Math.floor(random() * 400) + shift;
    features.lastyear_activity[i] = Math.floor(random() * 4000);
    features.number_of_employees[i] = Math.floor(random() * 900);
    probability[i] = 1 / (1 + Math.exp(-(features.lastmonth_activity[i]! - 200) / 60));
    label[i] = random() < probability[i]! ? 1 : 0;
  }
  const prediction = Float64Array.from(probability, (p) => (p > 0.5 ? 1 : 0));
  return { rows, features, probability, prediction, label };
}

function referenceOf(seed: number, rows: number): LabelledReference {
  const d = draw(seed, rows);
  return { rows, columns: { ...d.features, exited: d.label }, probability: d.probability };
}

function batch(
  time: number,
  modelId: string,
  d: ReturnType<typeof draw>,
  from: number,
  to: number,
): PredictionLogBatch {
  const part = (values: Float64Array) => values.subarray(from, to);
  return {
    time,
    requestId: `r${time}`,
    modelId,
    ids: null,
    features: Object.fromEntries(FEATURES.map((f) => [f, part(d.features[f])])) as Record<Feature, Float64Array>,
    probabilities: part(d.probability),
    classes: part(d.prediction),
  };
}

describe('computeMonitoring', () => {
  const reference = referenceOf(1, 5000);
  const options = (now: number, refs: Record<string, LabelledReference | null> = { v1: reference, v2: reference }) => ({
    chunk: { period: 'day' as const },
    drift: {},
    now,
    reference: async (modelId: string) => refs[modelId] ?? null,
  });

  it('answers no chunks for an empty log', async () => {
    const result = await computeMonitoring(new MemoryLogStore(), options(T0));
    assert.deepEqual(result.chunks, []);
    assert.deepEqual(result.log, { rows: 0, skipped: 0 });
  });

  it('cuts days, splits a day served by two versions, marks the open day partial, newest first', async () => {
    const store = new MemoryLogStore();
    const served = draw(2, 3000);
    await store.append([
      batch(T0 + 1000, 'v1', served, 0, 1000),
      batch(T0 + DAY + 5, 'v1', served, 1000, 1500),
      batch(T0 + DAY + 9, 'v2', served, 1500, 2000),
      batch(T0 + 3 * DAY, 'v2', served, 2000, 3000),
    ]);
    const result = await computeMonitoring(store, options(T0 + 3 * DAY + 10));
    assert.deepEqual(
      result.chunks.map((c) => [c.start, c.model_id, c.rows, c.partial]),
      [
        [new Date(T0 + 3 * DAY).toISOString(), 'v2', 1000, true],
        [new Date(T0 + DAY).toISOString(), 'v2', 500, false],
        [new Date(T0 + DAY).toISOString(), 'v1', 500, false],
        [new Date(T0).toISOString(), 'v1', 1000, false],
      ],
    );
    assert.equal(result.log.rows, 3000);
    assert.equal(result.chunks[0]!.end, new Date(T0 + 4 * DAY).toISOString());
  });

  it('reports the estimate, band and thresholds the estimator gives for the same rows', async () => {
    const store = new MemoryLogStore();
    const served = draw(3, 2000);
    await store.append([batch(T0, 'v1', served, 0, 1000), batch(T0 + DAY, 'v1', served, 1000, 2000)]);
    const [newest, oldest] = (await computeMonitoring(store, options(T0 + 5 * DAY))).chunks;
    const estimator = fitEstimator(reference);
    const expected = estimateChunk(estimator, served.probability.slice(0, 1000), served.prediction.slice(0, 1000));
    assert.equal(oldest!.estimated!.f1, expected.metrics.f1);
    assert.equal(oldest!.estimated!.f1_lower, expected.f1Band.lower);
    assert.equal(oldest!.estimated!.accuracy, expected.metrics.accuracy);
    const limits = thresholdsFor(estimator, 1000);
    assert.deepEqual(newest!.thresholds, { f1_lower: limits.f1.lower, f1_upper: limits.f1.upper });
    assert.equal(oldest!.alert, expected.metrics.f1 < limits.f1.lower || expected.metrics.f1 > limits.f1.upper);
    assert.equal(oldest!.reference, 'ok');
    assert.deepEqual(Object.keys(oldest!.drift!.columns), [...FEATURES]);
  });

  it('sees drift and an estimate falling when served data moves where the model is less sure', async () => {
    const store = new MemoryLogStore();
    const steady = draw(4, 2000);
    const shifted = draw(5, 2000, -150); // most rows near the decision boundary or below it
    await store.append([batch(T0, 'v1', steady, 0, 2000), batch(T0 + DAY, 'v1', shifted, 0, 2000)]);
    const [moved, same] = (await computeMonitoring(store, options(T0 + 5 * DAY))).chunks;
    assert.equal(same!.drift!.columns.lastmonth_activity!.drifted, false);
    assert.equal(moved!.drift!.columns.lastmonth_activity!.drifted, true);
    assert.equal(moved!.prediction.probability!.drifted, true);
    assert.ok(moved!.prediction.share_positive < same!.prediction.share_positive);
    assert.ok(moved!.estimated!.f1! < same!.estimated!.f1! - 0.1, `${moved!.estimated!.f1} vs ${same!.estimated!.f1}`);
  });

  it('reports the chunks of a version without a reference as such, with their rows and share predicted 1', async () => {
    const store = new MemoryLogStore();
    const served = draw(6, 400);
    await store.append([batch(T0, 'old', served, 0, 400)]);
    const [chunk] = (await computeMonitoring(store, options(T0 + 5 * DAY, {}))).chunks;
    assert.equal(chunk!.reference, 'missing');
    assert.equal(chunk!.estimated, null);
    assert.equal(chunk!.alert, false);
    assert.equal(chunk!.rows, 400);
    assert.equal(chunk!.prediction.share_positive, served.prediction.reduce((s, y) => s + y, 0) / 400);
  });

  it('cuts size chunks in time order, the last short one partial, each read on its own', async () => {
    const store = new MemoryLogStore();
    const served = draw(7, 2500);
    await store.append([batch(T0, 'v1', served, 0, 2500)]);
    const result = await computeMonitoring(store, { ...options(T0 + DAY), chunk: { size: 1000 } });
    assert.deepEqual(
      result.chunks.map((c) => [c.rows, c.partial]),
      [
        [500, true],
        [1000, false],
        [1000, false],
      ],
    );
    assert.equal(store.reads, 3);
  });

  it('gives the same chunks judged by worker threads as in this thread, and their errors as thrown', async () => {
    const store = new MemoryLogStore();
    const served = draw(8, 6000, 40);
    await store.append(
      [0, 1, 2, 3, 4, 5].map((day) =>
        batch(T0 + day * DAY, day < 3 ? 'v1' : 'v2', served, day * 1000, (day + 1) * 1000),
      ),
    );
    const here = await computeMonitoring(store, { ...options(T0 + 5 * DAY), workers: 0 });
    const pooled = await computeMonitoring(store, { ...options(T0 + 5 * DAY), workers: 2 });
    assert.equal(here.chunks.length, 6);
    assert.deepEqual(pooled, here);
    const badOverride = {
      ...options(T0 + 5 * DAY),
      drift: { columns: { lastmonth_activity: { test: 'z' as const } } },
    };
    await assert.rejects(computeMonitoring(store, { ...badOverride, workers: 2 }), ConfigError);
  });

  it('reuses a kept calibrator for the same reference only, and keeps what it fitted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibration-cache-'));
    try {
      const path = join(dir, 'monitoring_calibration.json');
      const store = new MemoryLogStore();
      const served = draw(9, 2000);
      await store.append([batch(T0, 'v1', served, 0, 1000), batch(T0 + DAY, 'v1', served, 1000, 2000)]);
      const pass = async (workers: number) => {
        const calibrators = await CalibrationCache.read(path);
        const result = await computeMonitoring(store, { ...options(T0 + 5 * DAY), workers, calibrators });
        await calibrators.write(path);
        return result;
      };
      const plain = await computeMonitoring(store, options(T0 + 5 * DAY));
      assert.deepEqual(await pass(0), plain, 'nothing kept yet: fitted');
      const kept = await CalibrationCache.read(path);
      assert.deepEqual(kept.get('v1', reference), fitEstimator(reference).calibrator);
      assert.equal(kept.get('v1', referenceOf(2, 5000)), undefined, 'another reference: not reused');

      // a kept calibrator that maps every probability to 0.9 is used, in this thread and on workers
      const cached = JSON.parse(readFileSync(path, 'utf8'));
      cached.versions.v1.calibrator = { calibrated: true, x_thresholds: [0], y_thresholds: [0.9], x_min: 0, x_max: 1 };
      writeFileSync(path, JSON.stringify(cached));
      const planted = {
        calibrated: true as const,
        fit: { xThresholds: f64([0]), yThresholds: f64([0.9]), xMin: 0, xMax: 1 },
      };
      const expected = estimateChunk(
        fitEstimator(reference, planted),
        served.probability.slice(0, 1000),
        served.prediction.slice(0, 1000),
      );
      const [, oldest] = (await pass(2)).chunks;
      assert.equal(oldest!.estimated!.f1, expected.metrics.f1);
      assert.notEqual(oldest!.estimated!.f1, plain.chunks[1]!.estimated!.f1);

      // a fingerprint that does not match, or a corrupt file: fitted again
      cached.versions.v1.reference.rows += 1;
      writeFileSync(path, JSON.stringify(cached));
      assert.deepEqual(await pass(0), plain);
      writeFileSync(path, '{"versions":');
      assert.deepEqual(await pass(0), plain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
