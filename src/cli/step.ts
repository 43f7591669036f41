/**
 * Runs one pipeline step from the command line: `tsx src/cli/step.ts <step> [--config FILE]`.
 * Each npm script (ingest, train, score, ...) is one step; the result is printed as JSON. A deploy or a
 * rollback also raises its alert and runs a delivery round.
 */
import { deliverDue } from '../alerts/deliver.ts';
import { raiseDeploymentEvent } from '../alerts/deployment-events.ts';
import { loadCommandConfig } from './command-config.ts';
import { log } from '../log.ts';
import { ConfigError } from '../errors.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { diagnostics } from '../pipeline/steps/diagnose.ts';
import { deploy, rollback, type DeploymentResult } from '../pipeline/steps/deploy.ts';
import { ingest } from '../pipeline/steps/ingest.ts';
import { report } from '../pipeline/steps/report.ts';
import { score } from '../pipeline/steps/score.ts';
import { train } from '../pipeline/steps/train.ts';
import { parseCommandArgs } from './args.ts';
import { runCommand } from './run-command.ts';
import type { Config } from '../config.ts';

/** The steps, each a function of the config returning something printable. */
const STEPS: Record<string, (config: Config) => Promise<unknown>> = {
  ingest: async (config) => {
    const { record, finalDataPath, rejectsPath } = await ingest(config);
    return {
      final_data: finalDataPath,
      rows_read: record.rows_read,
      rows_rejected: record.rows_rejected,
      duplicates_removed: record.duplicates_removed,
      rows_final: record.rows_final,
      rejects: rejectsPath,
      files: record.files,
    };
  },
  train: async (config) => {
    const { file, modelPath, referencePath } = await train(config);
    return { model_path: modelPath, monitoring_reference_path: referencePath, ...file };
  },
  score: async (config) => score(config),
  deploy: async (config) => announced(config, 'model_deployed', await deploy(config)),
  rollback: async (config) => announced(config, 'rollback', await rollback(config)),
  diagnostics: async (config) => diagnostics(config, PROJECT_ROOT),
  report: async (config) => {
    const { path, score: metrics } = await report(config);
    return {
      confusion_matrix_png: path,
      model_id: metrics.model_id,
      confusion_matrix: metrics.confusion_matrix,
      f1: metrics.f1,
    };
  },
};

/** Raises the deployment's alert and delivers what is due (src/alerts/), then describes it. */
async function announced(config: Config, kind: 'model_deployed' | 'rollback', result: DeploymentResult) {
  await raiseDeploymentEvent(config, kind, result);
  await deliverDue(config).catch((error: unknown) => log.warn({ err: error }, 'alerts: the delivery round failed'));
  return describeDeployment(result);
}

/** The printable part of a deploy or rollback. */
function describeDeployment(result: DeploymentResult) {
  return {
    live_model_id: result.modelId,
    previous_model_id: result.previous,
    went_live_at: result.at,
    version_path: result.live.versionPath,
    f1: result.live.score.f1,
  };
}

const [stepName = '', ...rest] = process.argv.slice(2);
await runCommand(stepName || 'step', async () => {
  const step = STEPS[stepName];
  if (!step) throw new ConfigError(`unknown step '${stepName}' (one of: ${Object.keys(STEPS).join(', ')})`);
  const args = parseCommandArgs(rest);
  const config = loadCommandConfig(args.configFile);
  const result = await step(config);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
