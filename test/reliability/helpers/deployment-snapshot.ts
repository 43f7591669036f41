/**
 * A fingerprint of the live deployment (the live id, every file of its version folder, the history),
 * to show that a failed or refused operation left it untouched.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveModelId } from '../../../src/deployment/live-deployment.ts';

/** The live id, then name:sha256 of each file of the live version, then the history's sha256. */
export async function deploymentSnapshot(prodPath: string): Promise<string[]> {
  const id = await liveModelId(prodPath);
  if (id === null) return ['(nothing live)'];
  const version = join(prodPath, 'versions', id);
  const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  return [
    id,
    ...readdirSync(version)
      .sort()
      .map((name) => `${name}:${hash(join(version, name))}`),
    `deployments.json:${hash(join(prodPath, 'deployments.json'))}`,
  ];
}
