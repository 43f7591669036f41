/**
 * What the alert files say, for GET /alerts, /metrics and the dashboard: the conditions that hold
 * (state.json), the alerts sent to channels, newest first, each with what became of it per channel
 * (pending, delivered, failed, with every attempt), and the attempts counted by channel and outcome.
 * Read again only when one of the three files changed. Given the project's paths (the API), the view
 * and its errors name files relative to the project (project-paths.ts).
 */
import type { Config } from '../config.ts';
import { fileKey } from '../data/file-key.ts';
import { KeyedCache } from '../data/keyed-cache.ts';
import { readJsonFile } from '../data/read-json-file.ts';
import type { ActiveCondition, Alert, DeliveryLine } from '../records/alert-files.ts';
import { alertStateSchema } from '../records/alert-files.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { SEVERITIES } from './kinds.ts';
import { AlertOutbox } from './outbox.ts';

/** One channel's delivery of an alert. */
export interface ChannelDelivery {
  channel: string;
  /** pending: not delivered yet (retries may follow); failed: gave up after max_attempts. */
  state: 'pending' | 'delivered' | 'failed';
  attempts: Omit<DeliveryLine, 'key'>[];
}

/** Everything the files say (see the module comment). */
export interface AlertsView {
  active: ActiveCondition[];
  /** Newest first. */
  recent: (Alert & { deliveries: ChannelDelivery[] })[];
  /** Delivery attempts by channel and outcome. */
  attempts: { channel: string; outcome: DeliveryLine['outcome']; count: number }[];
}

/** Reads the alert files of one output folder. */
export class AlertsSource {
  private readonly cache = new KeyedCache<AlertsView>();
  private readonly layout: ReturnType<typeof outputFolderLayout>['alerts'];

  constructor(
    config: Pick<Config, 'output_folder_path'>,
    private readonly paths?: ProjectPaths,
  ) {
    this.layout = outputFolderLayout(config.output_folder_path).alerts;
  }

  /** The view, with at most `limit` recent alerts. */
  async view(limit: number): Promise<AlertsView> {
    const { state, outbox, deliveries } = this.layout;
    const key = (await Promise.all([state, outbox, deliveries].map(fileKey))).join('|');
    const whole = await this.cache
      .get(key, () => this.read())
      .catch((error: unknown) => {
        throw this.paths ? this.paths.inError(error) : error;
      });
    return { ...whole, recent: whole.recent.slice(0, limit) };
  }

  private async read(): Promise<AlertsView> {
    const state = (await readJsonFile(this.layout.state, alertStateSchema, 'alert state')) ?? { active: {} };
    const active = Object.values(state.active).sort(
      (a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.since.localeCompare(b.since),
    );
    const byAlert = new Map<string, Alert & { deliveries: ChannelDelivery[] }>();
    const counts = new Map<string, { channel: string; outcome: DeliveryLine['outcome']; count: number }>();
    for (const { entry, attempts } of await new AlertOutbox(this.layout).entries()) {
      const last = attempts.at(-1);
      const delivery: ChannelDelivery = {
        channel: entry.channel,
        state: last?.outcome === 'delivered' ? 'delivered' : last?.outcome === 'failed' ? 'failed' : 'pending',
        attempts: attempts.map(({ key: _key, ...attempt }) => attempt),
      };
      const alert = byAlert.get(entry.alert.id);
      if (alert) alert.deliveries.push(delivery);
      else byAlert.set(entry.alert.id, { ...entry.alert, deliveries: [delivery] });
      for (const attempt of attempts) {
        const name = `${entry.channel}|${attempt.outcome}`;
        const count = counts.get(name);
        if (count) count.count++;
        else counts.set(name, { channel: entry.channel, outcome: attempt.outcome, count: 1 });
      }
    }
    const view = { active, recent: [...byAlert.values()].reverse(), attempts: [...counts.values()] };
    return this.paths ? this.paths.inStrings(view) : view;
  }
}
