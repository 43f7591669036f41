/**
 * What a cycle does before any step, under the run lock: checks that the output folder is a writable
 * folder (a clear error naming the config key otherwise), removes temporary files left by processes
 * that died mid-write (output, model, production and versions folders), and repairs a deployment
 * switch a crash left half-recorded.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { removeStaleTemps, tempPathFor } from '../../data/atomic-write.ts';
import { deploymentLayout } from '../../deployment/layout.ts';
import { reconcileDeployment, type Reconciliation } from '../../deployment/reconcile.ts';
import { AppError, ConfigError } from '../../errors.ts';
import { withSwitchLock } from '../../deployment/switch-lock.ts';

function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Creates `path` if needed and proves it writable; `key` names the config key in errors. */
export async function ensureWritableFolder(key: string, path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new ConfigError(`${key}: ${path} exists but is not a folder`);
    throw new AppError(500, `${key}: cannot create the folder ${path} (${code ?? (error as Error).message})`, {
      cause: error,
    });
  }
  const probe = tempPathFor(join(path, 'write-probe'));
  try {
    await writeFile(probe, '');
  } catch (error) {
    throw new AppError(
      500,
      `${key}: the folder ${path} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      { cause: error },
    );
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** What the preparation cleaned up and repaired. */
export interface Preparation {
  removedTemps: string[];
  reconciliation: Reconciliation;
}

/** Removes stale temporary files and repairs a half-recorded switch (call while holding the lock). */
export async function cleanUpAfterCrash(config: Config): Promise<Preparation> {
  const layout = deploymentLayout(config.prod_deployment_path);
  const removedTemps: string[] = [];
  for (const folder of [config.output_folder_path, config.output_model_path, layout.root, layout.versions])
    removedTemps.push(...(await removeStaleTemps(folder)));
  if (!(await pathExists(config.prod_deployment_path)))
    return { removedTemps, reconciliation: { recordedSwitch: null } };
  const reconciliation = await withSwitchLock(config.prod_deployment_path, () =>
    reconcileDeployment(config.prod_deployment_path),
  );
  return { removedTemps, reconciliation };
}
