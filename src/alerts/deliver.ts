/**
 * One delivery round: every outbox entry that is due is sent to its channel (at most `timeoutMs`
 * each, all at once), and the attempt is recorded: delivered; or, on failure, retried after
 * `retry_base_seconds` · 2^(attempt − 1) (up to an hour) with jitter (between half and all of it),
 * until `max_attempts`, then failed for good. Rounds are run by the server and the schedule every few
 * seconds and by `npm run fullprocess` once after its cycle, one at a time (the delivery lock): a
 * slow receiver never holds up a cycle or a request. A webhook's URL and secret are read from the
 * environment when the config names a variable; a channel no longer configured fails its entries.
 */
import type { Config } from '../config.ts';
import { acquireLock, LockedError } from '../data/file-lock.ts';
import { log } from '../log.ts';
import type { DeliveryLine } from '../records/alert-files.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import { AlertOutbox, type PendingEntry } from './outbox.ts';
import { type SendOutcome, sendWebhook, webhookRequest } from './webhook.ts';

/** The bound on one attempt. */
export const DELIVERY_TIMEOUT_MS = 5000;
const MAX_RETRY_DELAY_MS = 3_600_000;

/** What a round did (null: another round held the lock). */
export interface RoundOutcome {
  delivered: number;
  retried: number;
  failed: number;
}

/** How a round runs: the clock, the environment, the attempt bound, the jitter's random source. */
export interface RoundOptions {
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  random?: () => number;
}

type Webhook = Config['alerts']['webhooks'][number];

/** Sends `pending`'s entry to its webhook; a missing URL or secret is a failed attempt that says which variable. */
async function attempt(
  webhook: Webhook | undefined,
  pending: PendingEntry,
  env: NodeJS.ProcessEnv,
  now: Date,
  timeoutMs: number,
): Promise<SendOutcome> {
  const { entry } = pending;
  if (!webhook) return { delivered: false, status: null, error: `channel ${entry.channel} is no longer configured` };
  const url = webhook.url ?? env[webhook.url_env!];
  if (!url)
    return { delivered: false, status: null, error: `environment variable ${webhook.url_env} (the URL) is not set` };
  if (!/^https?:\/\//i.test(url))
    return {
      delivered: false,
      status: null,
      error: `environment variable ${webhook.url_env} does not hold an http(s) URL`,
    };
  const secret = webhook.secret_env === undefined ? null : (env[webhook.secret_env] ?? null);
  if (webhook.format === 'json' && !secret)
    return {
      delivered: false,
      status: null,
      error: `environment variable ${webhook.secret_env} (the signing secret) is not set`,
    };
  return sendWebhook(webhookRequest({ url, format: webhook.format, secret }, entry.alert, entry.key, now), timeoutMs);
}

/** Runs one delivery round for `config`'s outbox (see the module comment). */
export async function deliverDue(config: Config, options: RoundOptions = {}): Promise<RoundOutcome | null> {
  const layout = outputFolderLayout(config.output_folder_path).alerts;
  const clock = options.now ?? (() => new Date());
  const { alerts } = config;
  let lock: Awaited<ReturnType<typeof acquireLock>>;
  try {
    lock = await acquireLock(layout.deliveryLock);
  } catch (error) {
    if (error instanceof LockedError) return null;
    throw error;
  }
  const outcome: RoundOutcome = { delivered: 0, retried: 0, failed: 0 };
  try {
    const outbox = new AlertOutbox(layout);
    const start = clock();
    const due = (await outbox.pending()).filter((p) => p.dueAt <= start.getTime());
    await Promise.all(
      due.map(async (pending) => {
        const webhook = alerts.webhooks.find((w) => w.name === pending.entry.channel);
        const sent = await attempt(
          webhook,
          pending,
          options.env ?? process.env,
          clock(),
          options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
        );
        const number = pending.attempts + 1;
        const at = clock();
        const final = sent.delivered || number >= alerts.max_attempts || !webhook;
        const delay =
          Math.min(alerts.retry_base_seconds * 1000 * 2 ** (number - 1), MAX_RETRY_DELAY_MS) *
          (0.5 + 0.5 * (options.random ?? Math.random)());
        const line: DeliveryLine = {
          key: pending.entry.key,
          attempt: number,
          at: at.toISOString(),
          outcome: sent.delivered ? 'delivered' : final ? 'failed' : 'retry',
          status: sent.status,
          error: sent.error,
          next_at: final ? null : new Date(at.getTime() + delay).toISOString(),
        };
        await outbox.record(line);
        if (sent.delivered) outcome.delivered++;
        else if (final) {
          outcome.failed++;
          log.warn(
            { channel: pending.entry.channel, key: line.key, attempts: number },
            `alert ${pending.entry.alert.kind} to ${pending.entry.channel}: failed for good (${sent.error})`,
          );
        } else outcome.retried++;
      }),
    );
  } finally {
    await lock.release();
  }
  return outcome;
}
