/**
 * The production folder's layout. Versions live under `versions/<model id>/` and never change once
 * written; `current` is a symlink to the live version, replaced by rename (atomic); the seed's names at
 * the top level (`trainedmodel.json`, `latestscore.txt`, ...) are symlinks through `current`, so they
 * always show the live version and scripts written for the seed's layout keep working. A version may
 * also hold optional files (its monitoring reference): versions deployed before they existed lack
 * them and stay deployable, so they have no top-level name (it would dangle after a rollback).
 */
import { join } from 'node:path';
import {
  INGESTED_FILES_JSON,
  INGESTED_FILES_TXT,
  LATEST_SCORE_JSON,
  LATEST_SCORE_TXT,
  MONITORING_REFERENCE_JSON,
  TRAINED_MODEL_JSON,
} from '../records/output-layout.ts';

/** The files every deployed version holds. */
export const DEPLOYED_FILES = [
  TRAINED_MODEL_JSON,
  LATEST_SCORE_TXT,
  LATEST_SCORE_JSON,
  INGESTED_FILES_TXT,
  INGESTED_FILES_JSON,
] as const;

/** The files a deployed version may hold: absent from versions deployed before they were kept, or when none could be made. */
export const OPTIONAL_DEPLOYED_FILES = [MONITORING_REFERENCE_JSON] as const;

/** Paths inside one production folder. */
export function deploymentLayout(prodPath: string) {
  return {
    root: prodPath,
    versions: join(prodPath, 'versions'),
    current: join(prodPath, 'current'),
    history: join(prodPath, 'deployments.json'),
    /** Held while `current` is switched (deploy, rollback). */
    lock: join(prodPath, 'deploy.lock'),
    version: (modelId: string) => join(prodPath, 'versions', modelId),
  };
}

export type DeploymentLayout = ReturnType<typeof deploymentLayout>;

/** Model ids are folder names: letters, digits, '-', '_' and '.', not starting with a dot. */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
