/**
 * Repairs what a crash between the steps of a switch can leave behind (see publish.ts `makeLive`):
 * `current` already points at the new version but the history does not record it yet, or some of the
 * seed's top-level names do not exist yet. The live version itself is always whole (versions are
 * complete before `current` moves); this only brings the history and the top-level names in line.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { appendHistory, liveStack, readHistory } from './history.ts';
import { DEPLOYED_FILES, deploymentLayout } from './layout.ts';
import { liveModelId } from './live-deployment.ts';
import { ensureSymlink } from './symlink-switch.ts';

/** What a reconciliation repaired. */
export interface Reconciliation {
  /** The live version whose switch the history lacked (now recorded), or null. */
  recordedSwitch: string | null;
}

/**
 * Makes the history end with the live version (recording an unrecorded switch, dated by the `current`
 * link's own time) and makes every top-level name point through `current`. Nothing deployed: no-op.
 */
export async function reconcileDeployment(prodPath: string): Promise<Reconciliation> {
  const layout = deploymentLayout(prodPath);
  const live = await liveModelId(prodPath);
  if (live === null) return { recordedSwitch: null };
  for (const name of DEPLOYED_FILES) await ensureSymlink(join(prodPath, name), join('current', name));
  const stack = liveStack(await readHistory(layout.history));
  if (stack.at(-1) === live) return { recordedSwitch: null };
  const at = (await lstat(layout.current)).mtime.toISOString();
  await appendHistory(layout.history, { model_id: live, action: 'deploy', at, previous: stack.at(-1) ?? null });
  return { recordedSwitch: live };
}
