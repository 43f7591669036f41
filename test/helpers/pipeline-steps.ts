/**
 * Test shortcuts that run the pipeline's steps in order on a temporary project.
 */
import { parseConfig, type Config } from '../../src/config.ts';
import { deploy, type DeploymentResult } from '../../src/pipeline/steps/deploy.ts';
import { ingest } from '../../src/pipeline/steps/ingest.ts';
import { score } from '../../src/pipeline/steps/score.ts';
import { train } from '../../src/pipeline/steps/train.ts';

/** The same config reading another input folder (relative to the config's folder). */
export function withInput(config: Config, inputFolder: string): Config {
  return parseConfig({ ...pathsOf(config), input_folder_path: inputFolder }, config.configFile);
}

function pathsOf(config: Config) {
  const { configFile: _file, baseDir: _dir, ...rest } = config;
  return rest;
}

/** ingest → train → score → deploy on `config`; returns the deployment. */
export async function ingestTrainScoreDeploy(config: Config): Promise<DeploymentResult> {
  await ingest(config);
  await train(config);
  await score(config);
  return deploy(config);
}
