/**
 * `npm run fullprocess`: one monitoring cycle. Exit codes: 0 success (including "no new data" and a
 * challenger that was not deployed), 1 a step failed (the live deployment is untouched), 2 a
 * configuration error, 3 another cycle holds the lock. After the cycle, one delivery round sends the
 * alerts that are due (each attempt at most 5 s; retries wait for the next round, here or in a server).
 */
import { deliverDue } from '../alerts/deliver.ts';
import { loadCommandConfig } from './command-config.ts';
import { runCycle } from '../pipeline/cycle/fullprocess.ts';
import { LockedError } from '../data/file-lock.ts';
import { findApiTarget } from './api-target.ts';
import { parseCommandArgs } from './args.ts';
import { terminalProgress } from './progress.ts';
import { EXIT, runCommand } from './run-command.ts';

await runCommand('fullprocess', async () => {
  const args = parseCommandArgs(process.argv.slice(2));
  const config = loadCommandConfig(args.configFile);
  try {
    const { record } = await runCycle(config, {
      trigger: 'manual',
      onStep: terminalProgress(),
      apiTarget: () => findApiTarget(config),
    });
    process.stdout.write(`${record.outcome}: ${record.summary}\n`);
    await deliverDue(config);
    return record.outcome === 'failed' ? EXIT.failed : EXIT.ok;
  } catch (error) {
    if (error instanceof LockedError) {
      process.stderr.write(`fullprocess: ${error.message}\n`);
      return EXIT.locked;
    }
    throw error;
  }
});
