/**
 * `npm run schedule`: the monitoring schedule alone (no API). Runs a cycle at every tick of
 * config.json's `schedule.cron` until SIGTERM/SIGINT, then waits for a cycle in progress and exits 0;
 * meanwhile it delivers the alerts in the outbox (src/alerts/).
 */
import { startAlertDelivery } from '../alerts/delivery-loop.ts';
import { loadCommandConfig } from './command-config.ts';
import { startSchedule } from '../pipeline/cycle/scheduler.ts';
import { findApiTarget } from './api-target.ts';
import { parseCommandArgs } from './args.ts';
import { runCommand } from './run-command.ts';

await runCommand('schedule', async () => {
  const args = parseCommandArgs(process.argv.slice(2));
  const config = loadCommandConfig(args.configFile);
  const running = startSchedule(config, { apiTarget: () => findApiTarget(config) });
  const alertDelivery = startAlertDelivery(config);
  process.stdout.write(
    `schedule '${config.schedule.cron}' started; next cycle at ${running.nextRun()?.toISOString() ?? 'never'}\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => void Promise.all([running.stop(), alertDelivery.stop()]).then(() => resolve());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
});
