/**
 * Runs one pipeline step from the command line: `tsx src/cli/step.ts <step> [--config FILE]`.
 * Each npm script (ingest, train, score, ...) is one step; the result is printed as JSON.
 */
import { loadConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { ingest } from '../pipeline/ingestion.ts';
import { parseCommandArgs } from './args.ts';
import { runCommand } from './run-command.ts';
import type { Config } from '../config.ts';

/** The steps, each a function of the config returning something printable. */
const STEPS: Record<string, (config: Config) => Promise<unknown>> = {
  ingest: async (config) => {
    const { record, finalDataPath, rejectsPath } = await ingest(config);
    return { final_data: finalDataPath, rows_read: record.rows_read, rows_rejected: record.rows_rejected, duplicates_removed: record.duplicates_removed, rows_final: record.rows_final, rejects: rejectsPath, files: record.files };
  },
};

const [stepName = '', ...rest] = process.argv.slice(2);
await runCommand(stepName || 'step', async () => {
  const step = STEPS[stepName];
  if (!step) throw new ConfigError(`unknown step '${stepName}' (one of: ${Object.keys(STEPS).join(', ')})`);
  const args = parseCommandArgs(rest);
  const config = loadConfig(args.configFile);
  const result = await step(config);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
