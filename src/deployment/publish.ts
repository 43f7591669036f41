/**
 * Deployment mechanics in two steps a crash can fall between: `stageVersion` builds a complete version
 * folder (the files' contents written to a temporary folder, flushed, renamed into versions/),
 * `makeLive` switches `current` to it and records the switch. Until `makeLive`'s rename, the previous
 * version stays live and whole. A version is complete with the required files (DEPLOYED_FILES); the
 * optional ones (OPTIONAL_DEPLOYED_FILES) are written when given.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncFile, removeStaleTemps, tempPathFor } from '../data/atomic-write.ts';
import { AppError } from '../errors.ts';
import { appendHistory } from './history.ts';
import { DEPLOYED_FILES, deploymentLayout, MODEL_ID_PATTERN, OPTIONAL_DEPLOYED_FILES } from './layout.ts';
import { liveModelId } from './live-deployment.ts';
import { reconcileDeployment } from './reconcile.ts';
import { ensureSymlink, replaceSymlink } from './symlink-switch.ts';

/** The contents of the files one deployment consists of, by deployed name (the optional ones may be absent). */
export type DeploymentContents = Record<(typeof DEPLOYED_FILES)[number], string> &
  Partial<Record<(typeof OPTIONAL_DEPLOYED_FILES)[number], string>>;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Builds `versions/<modelId>/` holding `contents`. An existing complete version folder (every required
 * file present) is reused as it is (version folders never change); stale temporary folders of crashed
 * deploys are removed first.
 */
export async function stageVersion(prodPath: string, modelId: string, contents: DeploymentContents): Promise<string> {
  if (!MODEL_ID_PATTERN.test(modelId)) throw new AppError(400, `model id '${modelId}' cannot name a version folder`);
  const layout = deploymentLayout(prodPath);
  await mkdir(layout.versions, { recursive: true });
  await removeStaleTemps(layout.versions);
  await removeStaleTemps(prodPath);
  const finalPath = layout.version(modelId);
  if (await exists(finalPath)) {
    const present = new Set(await readdir(finalPath));
    if (DEPLOYED_FILES.every((name) => present.has(name))) return finalPath;
    throw new AppError(500, `${finalPath} exists but is incomplete; remove it and deploy again`);
  }
  const temp = tempPathFor(finalPath);
  await mkdir(temp);
  try {
    for (const name of [...DEPLOYED_FILES, ...OPTIONAL_DEPLOYED_FILES]) {
      const content = contents[name];
      if (content === undefined) continue;
      await writeFile(join(temp, name), content, { flag: 'wx' });
      await fsyncFile(join(temp, name));
    }
    await rename(temp, finalPath);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return finalPath;
}

/**
 * Switches `current` to the staged version `modelId` (atomic rename) and records the switch, after
 * recording a switch an earlier crash left unrecorded (so `previous` and the history stay right).
 */
export async function makeLive(
  prodPath: string,
  modelId: string,
  action: 'deploy' | 'rollback',
): Promise<{ previous: string | null; at: string }> {
  const layout = deploymentLayout(prodPath);
  await reconcileDeployment(prodPath);
  const previous = await liveModelId(prodPath);
  await replaceSymlink(layout.current, join('versions', modelId));
  for (const name of DEPLOYED_FILES) await ensureSymlink(join(prodPath, name), join('current', name));
  const at = new Date().toISOString();
  await appendHistory(layout.history, { model_id: modelId, action, at, previous });
  return { previous, at };
}

/** The version ids present under versions/. */
export async function listVersions(prodPath: string): Promise<string[]> {
  const names = await readdir(deploymentLayout(prodPath).versions).catch(() => [] as string[]);
  return names.filter((name) => MODEL_ID_PATTERN.test(name)).sort();
}
