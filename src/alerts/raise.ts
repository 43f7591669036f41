/**
 * Deciding alerts from an evaluation (alert-state.ts) and putting them in the outbox: the state is
 * read, advanced, each alert appended once per channel its rules choose (routing.ts), and only then
 * the new state written (atomically), so a crash between the two sends an alert twice, never not at
 * all. Deciding holds alerts/state.lock (processes decide one at a time). Nothing is sent here: delivery rounds (deliver.ts) do that. An unreadable state file is
 * replaced (the conditions that hold fire again) rather than silencing every alert.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Config } from '../config.ts';
import { writeJsonAtomic } from '../data/atomic-write.ts';
import { acquireLockWaiting } from '../data/file-lock.ts';
import { readJsonFile } from '../data/read-json-file.ts';
import { CorruptFileError } from '../errors.ts';
import { log } from '../log.ts';
import { type Alert, type AlertState, alertStateSchema } from '../records/alert-files.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import { advance, type Evaluation } from './alert-state.ts';
import { AlertOutbox } from './outbox.ts';
import { channelsFor } from './routing.ts';

const HOUR_MS = 3_600_000;
/** How long deciding waits for another process deciding (each holds the lock for milliseconds). */
const STATE_LOCK_WAIT_MS = 10_000;

/** The stored state, or none (no file, or one that cannot be read: logged). */
async function readState(path: string): Promise<AlertState> {
  try {
    return (await readJsonFile(path, alertStateSchema, 'alert state')) ?? { active: {} };
  } catch (error) {
    if (!(error instanceof CorruptFileError)) throw error;
    log.warn(`alerts: ${error.message}; starting again from no active condition`);
    return { active: {} };
  }
}

/** Decides the alerts of `evaluation` at `now`, puts them in the outbox and stores the state; returns them. */
export async function raiseAlerts(config: Config, evaluation: Evaluation, now = new Date()): Promise<Alert[]> {
  const layout = outputFolderLayout(config.output_folder_path).alerts;
  await mkdir(layout.folder, { recursive: true, mode: 0o700 });
  // a cycle, a deployment and the server's watchdog may decide at once: one at a time
  const lock = await acquireLockWaiting(layout.stateLock, STATE_LOCK_WAIT_MS);
  try {
    return await decide(config, layout, evaluation, now);
  } finally {
    await lock.release();
  }
}

/** The deciding proper, under the state lock. */
async function decide(
  config: Config,
  layout: ReturnType<typeof outputFolderLayout>['alerts'],
  evaluation: Evaluation,
  now: Date,
): Promise<Alert[]> {
  const before = await readState(layout.state);
  const { state, alerts } = advance(before, evaluation, now, config.alerts.repeat_after_hours * HOUR_MS, randomUUID);
  const entries = alerts.flatMap((alert) =>
    channelsFor(alert, config.alerts).map((channel) => ({ key: `${alert.id}:${channel}`, channel, alert })),
  );
  await new AlertOutbox(layout).add(entries);
  if (alerts.length > 0 || JSON.stringify(state) !== JSON.stringify(before)) await writeJsonAtomic(layout.state, state);
  for (const alert of alerts)
    log.info(
      {
        kind: alert.kind,
        subject: alert.subject,
        status: alert.status,
        channels: entries.filter((e) => e.alert === alert).length,
      },
      `alert ${alert.status}: ${alert.summary}`,
    );
  return alerts;
}
