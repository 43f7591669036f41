import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { PredictionLogBatch } from '../../src/prediction-log/entry.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/api-server.ts';
import {
  alertChunk,
  chunkStart,
  fixtureChunk,
  monitoringFile,
  writeMonitoringFile,
} from '../helpers/monitoring-fixture.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';

describe('GET /monitoring', () => {
  let project: TempProject;
  let server: TestServer;
  let path: string;

  before(async () => {
    project = makeTempProject({ seed: [] });
    const stats = { written: 7, dropped: 2, failed_flushes: 1, pending: 3 };
    server = await startTestServer(project.config, {
      predictionLog: { record: (_batch: PredictionLogBatch) => {}, stats: () => stats },
    });
    path = outputFolderLayout(project.config.output_folder_path).monitoring;
  });

  after(async () => {
    await server?.close();
    project?.cleanup();
  });

  it('answers an empty list before the first monitoring pass', async () => {
    const { status, body } = await getJson(`${server.url}/monitoring`);
    assert.equal(status, 200);
    assert.deepEqual(body, {
      computed_at: null,
      chunk: { period: 'week' },
      log: { rows: 0, skipped: 0 },
      labels: { stored: 0, unmatched: 0, skipped: 0 },
      chunks: [],
    });
  });

  it('answers the latest pass newest first, narrowed by from, to and limit', async () => {
    const chunks = [0, 1, 2, 3, 4].map((i) => (i === 3 ? alertChunk(i, 'model-a') : fixtureChunk(i)));
    writeMonitoringFile(path, monitoringFile(chunks));
    const all = await getJson(`${server.url}/monitoring`);
    assert.equal(all.status, 200);
    assert.deepEqual(
      all.body.chunks.map((c: { start: string }) => c.start),
      [4, 3, 2, 1, 0].map(chunkStart),
    );
    const limited = await getJson(`${server.url}/monitoring?limit=2`);
    assert.deepEqual(
      limited.body.chunks.map((c: { start: string }) => c.start),
      [4, 3].map(chunkStart),
    );
    const range = await getJson(`${server.url}/monitoring?from=${chunkStart(1)}&to=${chunkStart(3)}`);
    assert.deepEqual(
      range.body.chunks.map((c: { start: string }) => c.start),
      [2, 1].map(chunkStart),
    );
    assert.equal(range.body.computed_at, '2026-04-01T12:00:00.000Z');
  });

  it('exports the newest complete chunk with an estimate to /metrics, and the log writer counts', async () => {
    const chunks = [0, 1, 2].map((i) => (i === 1 ? alertChunk(i, 'model-b') : fixtureChunk(i)));
    chunks[2] = { ...chunks[2]!, partial: true };
    writeMonitoringFile(path, monitoringFile(chunks));
    const response = await fetch(`${server.url}/metrics`);
    const text = await response.text();
    assert.match(text, new RegExp(`attrition_estimated_f1\\{model_id="model-b"\\} ${chunks[1]!.estimated!.f1}`));
    assert.match(text, /attrition_estimated_f1_alert 1/);
    assert.match(text, /attrition_prediction_log_entries\{state="dropped"\} 2/);
    assert.match(text, /attrition_prediction_log_failed_flushes 1/);
  });

  it('exports the newest complete chunk with realized metrics to /metrics, skipping chunks with too few labels', async () => {
    const chunks = [0, 1, 2, 3].map((i) => fixtureChunk(i));
    chunks[1] = {
      ...chunks[1]!,
      model_id: 'model-c',
      realized: { ...chunks[1]!.realized, f1: 0.41 },
      realized_alert: true,
    };
    const few = { ...chunks[2]!.realized, f1: null, precision: null, recall: null, accuracy: null, labelled_rows: 3 };
    chunks[2] = { ...chunks[2]!, realized: { ...few, coverage: 3 / chunks[2]!.rows } };
    chunks[3] = { ...chunks[3]!, partial: true };
    writeMonitoringFile(path, monitoringFile(chunks));
    const text = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(text, /attrition_realized_f1\{model_id="model-c"\} 0.41/);
    assert.match(text, /attrition_realized_f1_alert 1/);
    assert.match(text, new RegExp(`attrition_label_coverage ${chunks[1]!.realized.coverage}`));
  });

  it('reads a monitoring.json written before labels existed as a pass without labels', async () => {
    const old = JSON.parse(JSON.stringify(monitoringFile([fixtureChunk(0)])));
    delete old.labels;
    for (const chunk of old.chunks) {
      delete chunk.realized;
      delete chunk.realized_alert;
    }
    writeFileSync(path, JSON.stringify(old));
    const { status, body } = await getJson(`${server.url}/monitoring`);
    assert.equal(status, 200);
    assert.deepEqual(body.labels, { stored: 0, unmatched: 0, skipped: 0 });
    assert.equal(body.chunks[0].realized.labelled_rows, 0);
    assert.equal(body.chunks[0].realized.f1, null);
    assert.equal(body.chunks[0].realized_alert, false);
  });

  it('refuses a malformed query with a 400 naming the field', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=x', 'from=yesterday', 'to=2026-13-01T00:00:00Z', 'fro=x']) {
      const { status, body } = await getJson(`${server.url}/monitoring?${query}`);
      assert.equal(status, 400, query);
      assert.ok(body.issues.length > 0, query);
    }
  });

  it('answers 503 without any path when monitoring.json is corrupt', async () => {
    writeFileSync(path, '{"computed_at": 1');
    const { status, body, text } = await getJson(`${server.url}/monitoring`);
    assert.equal(status, 503);
    assert.match(body.error, /monitoring\.json cannot be read; run `npm run monitor`/);
    assert.ok(!text.includes(project.dir), text);
  });

  it('is documented in /openapi.json with its query and response', async () => {
    const { body } = await getJson(`${server.url}/openapi.json`);
    const operation = body.paths['/monitoring'].get;
    assert.deepEqual(
      operation.parameters.map((p: { name: string }) => p.name),
      ['from', 'to', 'limit'],
    );
    assert.ok(body.components.schemas.MonitoringChunk.properties.estimated);
  });
});
