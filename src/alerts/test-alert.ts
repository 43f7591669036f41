/**
 * A test alert (`npm run alerts -- test CHANNEL`): an alert of kind `test` put in the outbox for one
 * channel (whatever the rules say) and delivered by a round right away, so the operator sees whether
 * the channel's URL, secret and receiver work; its attempt is recorded like any other.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.ts';
import { dashboardLink } from './links.ts';
import { ConfigError } from '../errors.ts';
import type { Alert, DeliveryLine } from '../records/alert-files.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import { deliverDue, type RoundOptions } from './deliver.ts';
import { AlertOutbox } from './outbox.ts';

/** Sends a test alert to `channel`; the attempt made (null: another round held the outbox meanwhile). */
export async function sendTestAlert(
  config: Config,
  channel: string,
  options: RoundOptions = {},
): Promise<DeliveryLine | null> {
  if (!config.alerts.webhooks.some((w) => w.name === channel)) {
    const names = config.alerts.webhooks.map((w) => w.name);
    throw new ConfigError(
      `alerts: no webhook is named '${channel}' (${names.length ? `configured: ${names.join(', ')}` : 'none is configured'})`,
    );
  }
  const now = (options.now ?? (() => new Date()))().toISOString();
  const alert: Alert = {
    id: randomUUID(),
    kind: 'test',
    subject: channel,
    severity: 'info',
    status: 'event',
    summary: `a test alert to ${channel} from attrition-monitor`,
    numbers: {},
    links: dashboardLink(config),
    since: now,
    at: now,
  };
  const outbox = new AlertOutbox(outputFolderLayout(config.output_folder_path).alerts);
  const key = `${alert.id}:${channel}`;
  await outbox.add([{ key, channel, alert }]);
  await deliverDue(config, options);
  const entry = (await outbox.entries()).find((e) => e.entry.key === key);
  return entry?.attempts.at(-1) ?? null;
}
