/**
 * The cycle as a flow of values: a cycle that deploys loads each input once and reads back nothing it
 * has just computed. Every file the process opens during the cycle is recorded (node's fs functions
 * wrapped, then synced into the ES module bindings); the API calls step is left out (an API server
 * reads files of its own). The one file read after it is written is finaldata.csv, which DuckDB writes:
 * ingestion hashes it once, for the digest the model records. The new model's monitoring reference is
 * written to the model folder and published from memory, never read back.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/config.ts';
import { runCycle } from '../../../src/pipeline/cycle/fullprocess.ts';
import { readScoringData } from '../../../src/pipeline/steps/score.ts';
import { MONITORING_REFERENCE_JSON, outputLayout } from '../../../src/records/output-layout.ts';
import { makeTempProject } from '../../helpers/temp-project.ts';

type Opener = (path: unknown, ...rest: unknown[]) => unknown;

/** Runs `work` while recording the path of every file opened through node's fs (as given). */
async function recordOpens<T>(work: () => Promise<T>): Promise<{ result: T; opened: string[] }> {
  const opened: string[] = [];
  const targets: [Record<string, Opener>, string][] = [
    [fs as unknown as Record<string, Opener>, 'createReadStream'],
    [fs as unknown as Record<string, Opener>, 'readFileSync'],
    [fs as unknown as Record<string, Opener>, 'openSync'],
    [fsPromises as unknown as Record<string, Opener>, 'open'],
    [fsPromises as unknown as Record<string, Opener>, 'readFile'],
  ];
  const originals = targets.map(([module, name]) => module[name]!);
  targets.forEach(([module, name], i) => {
    module[name] = function (this: unknown, path: unknown, ...rest: unknown[]) {
      opened.push(String(path));
      return originals[i]!.call(this, path, ...rest);
    };
  });
  syncBuiltinESMExports();
  try {
    return { result: await work(), opened };
  } finally {
    targets.forEach(([module, name], i) => {
      module[name] = originals[i]!;
    });
    syncBuiltinESMExports();
  }
}

describe('the cycle as a flow of values', () => {
  it('a deploying cycle parses testdata.csv once, loads the live deployment once, and reads back nothing it wrote', async () => {
    const project = makeTempProject();
    try {
      await runCycle(project.config); // bootstrap on practicedata
      const raw = { ...JSON.parse(readFileSync(project.configFile, 'utf8')), input_folder_path: 'sourcedata' };
      writeFileSync(project.configFile, JSON.stringify(raw));
      const config = parseConfig(raw, project.configFile);
      const layout = outputLayout(config);

      const oneParse = (await recordOpens(() => readScoringData(layout.testData))).opened.filter(
        (path) => path === layout.testData,
      ).length;
      assert.ok(oneParse >= 1);
      const { result, opened } = await recordOpens(() => runCycle(config));
      assert.equal(result.record.outcome, 'deployed', result.record.summary);

      assert.equal(opened.filter((path) => path === layout.testData).length, oneParse, 'testdata.csv parsed once');
      const liveModelReads = opened.filter((path) =>
        path.endsWith(`/versions/${result.record.live_model_before}/trainedmodel.json`),
      );
      assert.equal(liveModelReads.length, 1, 'the live deployment loaded once');
      const written = [
        layout.models.trainedModel,
        layout.models.monitoringReference,
        layout.models.latestScoreJson,
        layout.models.latestScoreTxt,
        layout.output.ingestedFilesJson,
        layout.output.ingestedFilesTxt,
        layout.output.driftReportJson,
        layout.output.driftReportHtml,
      ];
      assert.deepEqual(
        opened.filter((path) => written.includes(path)),
        [],
        'nothing the cycle wrote is read back',
      );
      // finaldata.csv is written by DuckDB; ingestion reads it once, to hash it (the model records the digest)
      assert.equal(opened.filter((path) => path === layout.output.finalData).length, 1, 'finaldata.csv is only hashed');
      assert.deepEqual(
        opened.filter((path) => path.includes(`/versions/${result.record.live_model_after}/`)),
        [],
        'the new version is not read back',
      );
      assert.ok(
        existsSync(
          join(config.prod_deployment_path, 'versions', result.record.live_model_after!, MONITORING_REFERENCE_JSON),
        ),
        'the new version holds its monitoring reference, published from memory',
      );
    } finally {
      project.cleanup();
    }
  });
});
