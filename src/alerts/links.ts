/**
 * The link every alert carries to the dashboard, when `alerts.dashboard_url` says where receivers
 * reach it.
 */
import type { Config } from '../config.ts';
import type { Alert } from '../records/alert-files.ts';

/** `{ dashboard }` when the config names the dashboard's address, else no link. */
export function dashboardLink(config: Pick<Config, 'alerts'>): Alert['links'] {
  return config.alerts.dashboard_url ? { dashboard: config.alerts.dashboard_url } : {};
}
