/**
 * Run ids: each monitoring cycle's id, `20261126T053549Z-3b5ea6` (its UTC start time, then six random
 * hex digits). They start with the time, so name order is time order; the drift report archive and
 * the dashboard name files and links by them.
 */
import { randomBytes } from 'node:crypto';

/** A run id as the cycle makes them. */
export const RUN_ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/** A new run id for a cycle started at `now`. */
export function newRunId(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z-${randomBytes(3).toString('hex')}`;
}
