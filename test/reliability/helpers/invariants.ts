/**
 * The invariants every reliability scenario asserts: the live deployment loads whole, and every file
 * another process may read (finaldata.csv, reports, records) parses completely: no half-written file.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../../src/config.ts';
import { loadLiveDeployment, type LiveDeployment } from '../../../src/deployment/live-deployment.ts';
import { readHistory, liveStack } from '../../../src/deployment/history.ts';
import { TEMP_PREFIX } from '../../../src/data/atomic-write.ts';

const JSON_RECORDS = ['ingestedfiles.json', 'drift_report.json', 'cycle_state.json'];
const MODEL_JSON = ['trainedmodel.json', 'monitoring_reference.json', 'latestscore.json', 'apireturns.json'];

function parseJsonFile(path: string): void {
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  assert.doesNotThrow(() => JSON.parse(text), `${path} is not whole JSON (${text.length} chars)`);
}

/** finaldata.csv: the header, then rows of five fields, ending with a newline. */
function checkFinalData(path: string): void {
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  assert.ok(text.endsWith('\n'), `${path} does not end with a newline (torn)`);
  const lines = text.slice(0, -1).split('\n');
  assert.match(
    lines[0]!,
    /^corporation,lastmonth_activity,lastyear_activity,number_of_employees,exited\r?$/,
    `${path}: header`,
  );
  for (const [i, line] of lines.entries())
    assert.equal(line.split(',').length, 5, `${path} line ${i + 1} is not a whole row: ${line}`);
}

/** Every runs.jsonl line is a whole JSON object (no torn line, even in the middle). */
export function readRuns(config: Config): Array<Record<string, any>> {
  const path = join(config.output_folder_path, 'runs.jsonl');
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  assert.ok(text === '' || text.endsWith('\n'), `${path}: last line torn`);
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line, i) => {
      let record: Record<string, any>;
      try {
        record = JSON.parse(line);
      } catch {
        assert.fail(`${path} line ${i + 1} is not whole JSON: ${line.slice(0, 80)}`);
      }
      return record;
    });
}

/** Asserts that every record, report and finaldata.csv parses whole. */
export function assertOutputsWhole(config: Config): void {
  checkFinalData(join(config.output_folder_path, 'finaldata.csv'));
  for (const name of JSON_RECORDS) parseJsonFile(join(config.output_folder_path, name));
  for (const name of MODEL_JSON) parseJsonFile(join(config.output_model_path, name));
  parseJsonFile(join(config.prod_deployment_path, 'deployments.json'));
  readRuns(config);
}

/** Loads the live deployment (it must load whole) and checks that the history ends with it. */
export async function assertLiveWhole(config: Config): Promise<LiveDeployment> {
  const live = await loadLiveDeployment(config.prod_deployment_path);
  const stack = liveStack(await readHistory(join(config.prod_deployment_path, 'deployments.json')));
  assert.equal(stack.at(-1), live.modelId, 'deployments.json does not end with the live version');
  for (const name of [
    'trainedmodel.json',
    'latestscore.txt',
    'latestscore.json',
    'ingestedfiles.txt',
    'ingestedfiles.json',
  ]) {
    assert.ok(existsSync(join(config.prod_deployment_path, name)), `top-level ${name} does not show the live version`);
  }
  return live;
}

/** Temporary files (`.tmp-*`) left in the output, model, production and versions folders. */
export function leftoverTemps(config: Config): string[] {
  const folders = [
    config.output_folder_path,
    config.output_model_path,
    config.prod_deployment_path,
    join(config.prod_deployment_path, 'versions'),
  ];
  return folders.flatMap((folder) =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter((n) => n.startsWith(TEMP_PREFIX))
          .map((n) => join(folder, n))
      : [],
  );
}
