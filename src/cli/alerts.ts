/**
 * `npm run alerts`: the alert conditions that hold and the recent alerts with what became of each per
 * channel. `npm run alerts -- test CHANNEL` sends a test alert to one webhook now and says whether it
 * arrived. Exit codes: 0 done (a test alert delivered), 1 a test alert not delivered or a failure,
 * 2 a configuration error (an unknown channel).
 */
import { AlertsSource } from '../alerts/alert-view.ts';
import { sendTestAlert } from '../alerts/test-alert.ts';
import { loadCommandConfig } from './command-config.ts';
import { ConfigError } from '../errors.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT, runCommand } from './run-command.ts';

const RECENT = 20;

await runCommand('alerts', async () => {
  const args = parseCommandArgs(process.argv.slice(2));
  const config = loadCommandConfig(args.configFile);
  const [action, channel] = args.positionals;
  if (action === 'test') {
    if (!channel) throw new ConfigError('alerts test: name the channel (npm run alerts -- test CHANNEL)');
    const attempt = await sendTestAlert(config, channel);
    if (!attempt) {
      process.stdout.write(`test alert to ${channel}: queued (a delivery round in another process will send it)\n`);
      return EXIT.ok;
    }
    const delivered = attempt.outcome === 'delivered';
    process.stdout.write(
      `test alert to ${channel}: ${delivered ? `delivered (HTTP ${attempt.status})` : `not delivered: ${attempt.error}${attempt.next_at ? `; retried at ${attempt.next_at}` : ''}`}\n`,
    );
    return delivered ? EXIT.ok : EXIT.failed;
  }
  if (action !== undefined) throw new ConfigError(`alerts: unknown action '${action}' (none, or test CHANNEL)`);
  const view = await new AlertsSource(config).view(RECENT);
  const lines = [`${view.active.length} conditions hold`];
  for (const c of view.active) lines.push(`  [${c.severity}] ${c.kind} ${c.subject} since ${c.since}: ${c.summary}`);
  lines.push(`${view.recent.length} recent alerts sent to channels (newest first)`);
  for (const a of view.recent) {
    const deliveries = a.deliveries.map((d) => `${d.channel} ${d.state} (${d.attempts.length} attempts)`).join(', ');
    lines.push(`  ${a.at} ${a.status} ${a.kind} ${a.subject}: ${deliveries}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
});
