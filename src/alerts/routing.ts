/**
 * Which channels an alert goes to (config `alerts.rules`): every channel of every rule that names its
 * kind (or names no kind) and whose minimum severity it reaches; without rules, every channel.
 */
import type { Config } from '../config.ts';
import type { Alert } from '../records/alert-files.ts';
import { atLeast } from './kinds.ts';

/** The names of the channels `alert` goes to, each once, in the order the webhooks are configured. */
export function channelsFor(alert: Alert, alerts: Pick<Config['alerts'], 'webhooks' | 'rules'>): string[] {
  const names = alerts.webhooks.map((w) => w.name);
  if (!alerts.rules) return names;
  const chosen = new Set<string>();
  for (const rule of alerts.rules) {
    if (rule.kinds && !rule.kinds.includes(alert.kind)) continue;
    if (!atLeast(alert.severity, rule.min_severity)) continue;
    for (const channel of rule.channels) chosen.add(channel);
  }
  return names.filter((name) => chosen.has(name));
}
