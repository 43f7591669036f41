/**
 * A kill -9 of the real server during steady traffic: the prediction log loses at most the entries of
 * the last flush interval (plus the one write in progress) and every earlier entry reads back whole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FilePredictionLogStore } from '../../src/prediction-log/file-store.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { ingestTrainScoreDeploy } from '../helpers/pipeline-steps.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';
import { startServerProcess } from '../reliability/helpers/server-process.ts';

const FLUSH_MS = 250;
/** Time a flush may take to reach the disk after its tick (an fdatasync on a busy machine). */
const WRITE_MS = 250;
const RECORDS = 10;

describe('the prediction log under kill -9', () => {
  let project: TempProject;
  const answered: { requestId: string; at: number }[] = [];
  let killedAt = 0;

  before(async () => {
    project = makeTempProject({ config: { prediction_log: { flush_interval_ms: FLUSH_MS } } });
    await ingestTrainScoreDeploy(project.config);
    const server = await startServerProcess(project.configFile);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    try {
      await serveSteadily(server.url);
    } finally {
      killedAt = Date.now();
      server.child.kill('SIGKILL');
      await exited;
    }
  });

  /** Sequential requests of RECORDS records each for four flush intervals; each answer's id and time noted. */
  async function serveSteadily(url: string): Promise<void> {
    const until = Date.now() + 4 * FLUSH_MS;
    for (let k = 0; Date.now() < until; k++) {
      const records = Array.from({ length: RECORDS }, (_, i) => ({
        id: `r${k}-${i}`,
        lastmonth_activity: k % 300,
        lastyear_activity: 1000 + i,
        number_of_employees: 20,
      }));
      const response = await fetch(`${url}/prediction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ records }),
      });
      assert.equal(response.status, 200);
      await response.arrayBuffer();
      answered.push({ requestId: response.headers.get('x-request-id')!, at: Date.now() });
    }
  }

  after(() => project?.cleanup());

  it('keeps every entry answered before the last flush interval, whole and once', async () => {
    const store = new FilePredictionLogStore(outputFolderLayout(project.config.output_folder_path).predictionLog);
    const log = await store.read({ from: 0, to: Number.MAX_SAFE_INTEGER });
    await store.close();
    assert.ok(log.skipped <= 1, `${log.skipped} lines skipped (at most the torn last one)`);
    const entries = new Map<string, number>();
    for (let i = 0; i < log.rows; i++) {
      const key = `${log.requestId[i]} ${log.id[i]}`;
      assert.equal(entries.has(key), false, `entry ${key} logged twice`);
      entries.set(key, i);
    }
    const answeredIds = new Set(answered.map((a) => a.requestId));
    for (const requestId of log.requestId) assert.ok(answeredIds.has(requestId), `unknown request ${requestId}`);
    const mustBeKept = answered.filter((a) => a.at < killedAt - FLUSH_MS - WRITE_MS);
    assert.ok(mustBeKept.length > 0, 'traffic before the last interval');
    for (const { requestId } of mustBeKept) {
      const logged = log.requestId.filter((id) => id === requestId).length;
      assert.equal(logged, RECORDS, `request ${requestId}: ${logged} of ${RECORDS} entries`);
    }
  });
});
