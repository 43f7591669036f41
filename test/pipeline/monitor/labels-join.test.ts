/**
 * Delayed labels end to end: predictions with ids served through the API in 22 chunks, labels posted
 * for a part of them (some twice, some conflicting, some unknown, some outside the horizon), then a
 * monitoring pass; every count, the join by horizon and each chunk's realized metrics are checked
 * against a computation made here, by a plain scan of the posted labels.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FilePredictionLogStore } from '../../../src/prediction-log/file-store.ts';
import { PredictionLogWriter } from '../../../src/prediction-log/writer.ts';
import { runMonitor } from '../../../src/pipeline/monitor/run-monitor.ts';
import type { MonitoringChunk } from '../../../src/records/monitoring-file.ts';
import { outputFolderLayout } from '../../../src/records/output-layout.ts';
import { getJson, postJson, startTestServer, type TestServer } from '../../helpers/api-server.ts';
import { ingestTrainScoreDeploy } from '../../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../../helpers/temp-project.ts';
import { rng } from '../../reliability/helpers/data-files.ts';

const DAY = 86_400_000;
const CHUNK_ROWS = 50;
const CHUNKS = 22;

interface PostedLabel {
  id: string;
  exited: 0 | 1;
  observedAt: number;
}

/** F1, precision, recall and accuracy of `predicted` against `truth` (NaN where undefined: single class). */
function metrics(truth: number[], predicted: number[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  truth.forEach((y, i) => {
    if (predicted[i] === 1) y === 1 ? tp++ : fp++;
    else y === 1 ? fn++ : tn++;
  });
  const defined = tp + fn > 0 && tn + fp > 0 && tp + fp > 0 && tn + fn > 0;
  return {
    f1: defined ? (2 * tp) / (2 * tp + fp + fn) : null,
    precision: defined ? tp / (tp + fp) : null,
    recall: defined ? tp / (tp + fn) : null,
    accuracy: (tp + tn) / truth.length,
  };
}

describe('delayed labels joined to served predictions', () => {
  let project: TempProject;
  let server: TestServer;
  let writer: PredictionLogWriter;
  /** Per chunk: each served record's id (null: none) and predicted class. */
  const served: { id: string | null; predicted: number }[][] = [];
  /** The labels the store should hold (stored ones only). */
  const stored: PostedLabel[] = [];
  const answers: { stored: number; duplicates: number; conflicts: number }[] = [];
  let chunks: MonitoringChunk[] = [];
  let labelsSection: { stored: number; unmatched: number; skipped: number };

  const post = async (labels: PostedLabel[]) => {
    const body = {
      labels: labels.map((l) => ({ id: l.id, exited: l.exited, observed_at: new Date(l.observedAt).toISOString() })),
    };
    const { status, body: answer } = await postJson(`${server.url}/labels`, body);
    assert.equal(status, 200, JSON.stringify(answer));
    answers.push(answer);
  };

  before(async () => {
    project = makeTempProject({
      config: { monitoring: { chunk: { size: CHUNK_ROWS } }, labels: { horizon_days: 30, min_rows: 10 } },
    });
    await ingestTrainScoreDeploy(project.config);
    writer = new PredictionLogWriter(
      new FilePredictionLogStore(outputFolderLayout(project.config.output_folder_path).predictionLog),
      { flushIntervalMs: 20 },
    );
    server = await startTestServer(project.config, { predictionLog: writer });
    const random = rng(151);
    const start = Date.now();
    for (let c = 0; c < CHUNKS; c++) {
      const ids = Array.from({ length: CHUNK_ROWS }, (_, i) =>
        i % 10 === 0 ? null : c === CHUNKS - 1 ? `late-${i}` : `corp-${(c * CHUNK_ROWS + i) % 400}`,
      );
      const records = ids.map((id) => ({
        ...(id === null ? {} : { id }),
        lastmonth_activity: Math.floor(random() * 300),
        lastyear_activity: Math.floor(random() * 3000),
        number_of_employees: 1 + Math.floor(random() * 500),
      }));
      const { status, body } = await postJson(`${server.url}/prediction`, { records });
      assert.equal(status, 200);
      served.push(ids.map((id, i) => ({ id, predicted: body.predictions[i] })));
    }
    const end = Date.now();
    await writer.flush();

    const exited = () => (random() < 0.4 ? 1 : 0) as 0 | 1;
    const first = Array.from({ length: 200 }, (_, k) => ({
      id: `corp-${k}`,
      exited: exited(),
      observedAt: end + 10 * DAY,
    }));
    const later = Array.from({ length: 50 }, (_, k) => ({
      id: `corp-${k}`,
      exited: (1 - first[k]!.exited) as 0 | 1,
      observedAt: end + 20 * DAY,
    }));
    const beyond = Array.from({ length: 50 }, (_, k) => ({
      id: `corp-${200 + k}`,
      exited: 1 as const,
      observedAt: end + 31 * DAY,
    }));
    const before = Array.from({ length: 50 }, (_, k) => ({
      id: `corp-${250 + k}`,
      exited: 1 as const,
      observedAt: start - DAY,
    }));
    const late = Array.from({ length: 5 }, (_, k) => ({
      id: `late-${k + 1}`,
      exited: 1 as const,
      observedAt: end + DAY,
    }));
    const ghosts = Array.from({ length: 25 }, (_, k) => ({ id: `ghost-${k}`, exited: 0 as const, observedAt: end }));
    await post([...first, ...later]);
    await post([...beyond, ...before, ...late, ...ghosts]);
    await post(first.slice(0, 30)); // duplicates
    await post(first.slice(100, 120).map((l) => ({ ...l, exited: (1 - l.exited) as 0 | 1 }))); // conflicts
    stored.push(...first, ...later, ...beyond, ...before, ...late, ...ghosts);

    const { result } = await runMonitor(project.config);
    labelsSection = result.labels;
    const { status, body } = await getJson(`${server.url}/monitoring?limit=1000`);
    assert.equal(status, 200);
    chunks = (body.chunks as MonitoringChunk[]).toReversed();
  });

  after(async () => {
    await server?.close();
    await writer?.close();
    project?.cleanup();
  });

  it('counts what each POST /labels stored, found duplicated and found conflicting', () => {
    assert.deepEqual(
      answers.map((a) => [a.stored, a.duplicates, a.conflicts]),
      [
        [250, 0, 0],
        [130, 0, 0],
        [0, 30, 0],
        [0, 0, 20],
      ],
    );
    // unmatched: the ghosts, and the labels of corp-ids no record carried (every tenth record had no id)
    const servedIds = new Set(served.flat().map((r) => r.id));
    const unmatched = stored.filter((l) => !servedIds.has(l.id)).length;
    assert.equal(unmatched, 25 + 35);
    assert.deepEqual(labelsSection, { stored: 380, unmatched, skipped: 0 });
  });

  it('joins each chunk’s rows by the horizon rule, and its realized metrics match a computation by scan', () => {
    assert.equal(chunks.length, CHUNKS);
    const horizon = 30 * DAY;
    chunks.forEach((chunk, c) => {
      const time = Date.parse(chunk.start); // a chunk's rows were served by one request: one time
      const truth: number[] = [];
      const predicted: number[] = [];
      for (const { id, predicted: p } of served[c]!) {
        const covering = stored
          .filter((l) => l.id === id && l.observedAt >= time && l.observedAt - horizon <= time)
          .sort((a, b) => b.observedAt - a.observedAt);
        if (covering[0]) {
          truth.push(covering[0].exited);
          predicted.push(p);
        }
      }
      const { realized } = chunk;
      assert.equal(chunk.rows, CHUNK_ROWS);
      assert.equal(realized.identified_rows, served[c]!.filter((r) => r.id !== null).length, `chunk ${c}`);
      assert.equal(realized.labelled_rows, truth.length, `chunk ${c}`);
      assert.equal(realized.coverage, truth.length / CHUNK_ROWS);
      const expected =
        truth.length >= 10 ? metrics(truth, predicted) : { f1: null, precision: null, recall: null, accuracy: null };
      for (const name of ['f1', 'precision', 'recall', 'accuracy'] as const) {
        if (expected[name] === null) assert.equal(realized[name], null, `chunk ${c} ${name}`);
        else assert.ok(Math.abs(realized[name]! - expected[name]!) < 1e-12, `chunk ${c} ${name}`);
      }
    });
    const last = chunks.at(-1)!;
    assert.equal(last.realized.labelled_rows, 5);
    assert.equal(last.realized.f1, null, 'fewer than labels.min_rows labelled rows: no metrics');
    const measured = chunks.filter((chunk) => chunk.realized.f1 !== null).length;
    assert.ok(measured >= 10, `${measured} chunks with realized metrics`);
  });
});
