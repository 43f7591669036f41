/**
 * Delivery rounds (deliver.ts) every few seconds in a long-running process (`npm start`, `npm run
 * schedule`), off every request and cycle, one at a time: a tick that finds a round still sending is
 * skipped, not queued behind it. A failing round is logged and the next one runs. `stop` waits for a
 * round in progress.
 */
import type { Config } from '../config.ts';
import { describeError } from '../errors.ts';
import { log } from '../log.ts';
import { deliverDue } from './deliver.ts';

/** How often a round looks at the outbox. */
export const DELIVERY_INTERVAL_MS = 5000;

/** A running loop: `stop` ends it after the round in progress. */
export interface DeliveryLoop {
  stop: () => Promise<void>;
}

/** Starts delivery rounds for `config`'s outbox (none when no webhook is configured). */
export function startAlertDelivery(config: Config, intervalMs = DELIVERY_INTERVAL_MS): DeliveryLoop {
  if (config.alerts.webhooks.length === 0) return { stop: async () => {} };
  let round: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (round) return; // the last round is still sending: this tick is skipped, not queued behind it
    round = deliverDue(config)
      .then(
        () => {},
        (error: unknown) => log.warn({ err: error }, `alerts: a delivery round failed: ${describeError(error)}`),
      )
      .finally(() => {
        round = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await round;
    },
  };
}
