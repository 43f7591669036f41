/**
 * The estimator end to end: data drawn from a known logistic model, a model trained and deployed on
 * it, predictions served through the API with ids and logged, then `runMonitor`; the labels drawn from
 * the known model give each chunk's realized F1, which the estimate must match without any label. The
 * labels are then posted (POST /labels) and the realized F1 read back from GET /monitoring.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FilePredictionLogStore } from '../../../src/prediction-log/file-store.ts';
import { PredictionLogWriter } from '../../../src/prediction-log/writer.ts';
import { runMonitor } from '../../../src/pipeline/monitor/run-monitor.ts';
import type { MonitoringChunk } from '../../../src/records/monitoring-file.ts';
import { outputFolderLayout } from '../../../src/records/output-layout.ts';
import { getJson, postJson, startTestServer } from '../../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../../helpers/temp-project.ts';
import { CSV_HEADER, rng } from '../../reliability/helpers/data-files.ts';

const CHUNK_ROWS = 1000;
const CHUNKS_PER_PHASE = 20;

/** A served record and the label the known model drew for it. */
interface Drawn {
  record: { id: string; lastmonth_activity: number; lastyear_activity: number; number_of_employees: number };
  exited: number;
}

/** The known model: P(exited) = sigmoid(-3 + 0.015·month + 0.0002·year − 0.002·employees). */
function draw(random: () => number, id: string, monthRange: [number, number]): Drawn {
  const month = monthRange[0] + Math.floor(random() * (monthRange[1] - monthRange[0]));
  const year = Math.floor(random() * 4000);
  const employees = Math.floor(random() * 1000);
  const p = 1 / (1 + Math.exp(-(-3 + 0.015 * month + 0.0002 * year - 0.002 * employees)));
  return {
    record: { id, lastmonth_activity: month, lastyear_activity: year, number_of_employees: employees },
    exited: random() < p ? 1 : 0,
  };
}

function csv(rows: Drawn[]): string {
  return (
    CSV_HEADER +
    rows
      .map(
        ({ record: r, exited }) =>
          `${r.id},${r.lastmonth_activity},${r.lastyear_activity},${r.number_of_employees},${exited}\n`,
      )
      .join('')
  );
}

/** F1 of predicted classes against labels. */
function f1(labels: number[], predictions: number[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  labels.forEach((y, i) => {
    if (predictions[i] === 1 && y === 1) tp++;
    else if (predictions[i] === 1) fp++;
    else if (y === 1) fn++;
  });
  return (2 * tp) / (2 * tp + fp + fn);
}

describe('production monitoring, simulated', () => {
  let project: TempProject;
  const realized: number[] = [];
  let chunks: MonitoringChunk[] = [];
  /** The chunks GET /monitoring answered after the labels were posted, oldest first. */
  let labelled: MonitoringChunk[] = [];

  before(async () => {
    const random = rng(20261201);
    const training = Array.from({ length: 20_000 }, (_, i) => draw(random, `t${i}`, [0, 400]));
    const test = Array.from({ length: 1000 }, (_, i) => draw(random, `s${i}`, [0, 400]));
    project = makeTempProject({
      seed: [],
      files: { 'practicedata/training.csv': csv(training), 'testdata/testdata.csv': csv(test) },
      config: { monitoring: { chunk: { size: CHUNK_ROWS } } },
    });
    await ingestTrainScoreDeploy(project.config);
    const writer = new PredictionLogWriter(
      new FilePredictionLogStore(outputFolderLayout(project.config.output_folder_path).predictionLog),
      { flushIntervalMs: 50 },
    );
    const server = await startTestServer(project.config, { predictionLog: writer });
    const labels: { id: string; exited: number }[] = [];
    try {
      // No shift, then covariate shift: activity moved to where the model is least sure of the class.
      for (const monthRange of [
        [0, 400],
        [150, 250],
      ] as [number, number][]) {
        for (let k = 0; k < CHUNKS_PER_PHASE; k++) {
          const served = Array.from({ length: CHUNK_ROWS }, (_, i) =>
            draw(random, `p${realized.length}-${i}`, monthRange),
          );
          const { status, body } = await postJson(`${server.url}/prediction`, { records: served.map((d) => d.record) });
          assert.equal(status, 200);
          labels.push(...served.map((d) => ({ id: d.record.id, exited: d.exited })));
          realized.push(
            f1(
              served.map((d) => d.exited),
              body.predictions,
            ),
          );
        }
      }
      await writer.flush();
      chunks = (await runMonitor(project.config)).result.chunks.toReversed();
      for (let k = 0; k < labels.length; k += 10_000) {
        const { status, body } = await postJson(`${server.url}/labels`, { labels: labels.slice(k, k + 10_000) });
        assert.equal(status, 200);
        assert.equal(body.stored, Math.min(10_000, labels.length - k));
      }
      await runMonitor(project.config);
      const { body } = await getJson(`${server.url}/monitoring?limit=1000`);
      labelled = (body.chunks as MonitoringChunk[]).toReversed();
    } finally {
      await server.close();
      await writer.close();
    }
  });

  after(() => project?.cleanup());

  /**
   * The estimates of one phase's chunks, with their realized F1: computed here from the drawn labels
   * (`from: 'test'`), or as GET /monitoring reports it once the labels were posted (`from: 'api'`).
   */
  function phase(index: number, from: 'test' | 'api' = 'test') {
    const range = [index * CHUNKS_PER_PHASE, (index + 1) * CHUNKS_PER_PHASE];
    const source = from === 'test' ? chunks : labelled;
    return source.slice(range[0], range[1]).map((chunk, k) => ({
      chunk,
      realized: from === 'test' ? realized[range[0]! + k]! : chunk.realized.f1!,
    }));
  }

  function check(rows: ReturnType<typeof phase>, t: { diagnostic: (message: string) => void }) {
    const inside = rows.filter(
      ({ chunk, realized: r }) => r >= chunk.estimated!.f1_lower! && r <= chunk.estimated!.f1_upper!,
    );
    const error =
      rows.reduce((sum, { chunk, realized: r }) => sum + Math.abs(chunk.estimated!.f1! - r), 0) / rows.length;
    assert.ok(
      inside.length >= 0.8 * rows.length,
      `realized F1 inside the band in ${inside.length} of ${rows.length} chunks`,
    );
    assert.ok(error <= 0.03, `mean absolute error ${error}`);
    t.diagnostic(
      `realized F1 inside the band in ${inside.length} of ${rows.length} chunks; mean absolute error ${error.toFixed(4)}`,
    );
  }

  it('logs every served prediction in chunks of 1,000 rows, each with an estimate', () => {
    assert.equal(chunks.length, 2 * CHUNKS_PER_PHASE);
    for (const chunk of chunks) {
      assert.equal(chunk.rows, CHUNK_ROWS);
      assert.equal(chunk.reference, 'ok');
      assert.equal(chunk.partial, false);
    }
  });

  it('without a shift, the realized F1 lies in the estimated band in ≥ 80 % of chunks, mean error ≤ 0.03', (t) => {
    check(phase(0), t);
  });

  it('reports, once the labels are posted, each chunk’s realized F1 as computed here, every row labelled', (t) => {
    assert.equal(labelled.length, chunks.length);
    labelled.forEach((chunk, k) => {
      assert.equal(chunk.realized.labelled_rows, CHUNK_ROWS);
      assert.equal(chunk.realized.coverage, 1);
      assert.ok(Math.abs(chunk.realized.f1! - realized[k]!) < 1e-12, `chunk ${k}`);
      assert.equal(chunk.estimated!.f1, chunks[k]!.estimated!.f1, 'labels do not change the estimate');
    });
    check(phase(0, 'api'), t);
    check(phase(1, 'api'), t);
  });

  it('under covariate shift, the estimate follows the realized F1 down within the same error', (t) => {
    const steady = phase(0);
    const shifted = phase(1);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const drop = mean(steady.map((r) => r.realized)) - mean(shifted.map((r) => r.realized));
    assert.ok(drop > 0.1, `the shift lowers the realized F1 (by ${drop})`);
    check(shifted, t);
    for (const { chunk } of shifted) assert.equal(chunk.drift!.columns.lastmonth_activity!.drifted, true);
  });
});
