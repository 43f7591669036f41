/**
 * A deployed version's monitoring reference, read by model id from `versions/<model id>/` (the live
 * version or any other: monitoring compares served data with the reference of the version that
 * served them). Versions deployed before references were kept have none.
 */
import { join } from 'node:path';
import { CorruptFileError, NotFoundError } from '../errors.ts';
import { readMonitoringReference, type StoredMonitoringReference } from '../records/monitoring-reference-file.ts';
import { MONITORING_REFERENCE_JSON } from '../records/output-layout.ts';
import { deploymentLayout, MODEL_ID_PATTERN } from './layout.ts';

/**
 * The monitoring reference of version `modelId` under `prodPath`; null when the version has none (or
 * there is no such version: see listVersions). NotFoundError for an id that cannot name a version; CorruptFileError for a corrupt file or one that
 * belongs to another model.
 */
export async function readVersionReference(
  prodPath: string,
  modelId: string,
): Promise<StoredMonitoringReference | null> {
  if (!MODEL_ID_PATTERN.test(modelId)) throw new NotFoundError(`'${modelId}' is not a model id`);
  const path = join(deploymentLayout(prodPath).version(modelId), MONITORING_REFERENCE_JSON);
  const reference = await readMonitoringReference(path);
  if (reference !== null && reference.modelId !== modelId)
    throw new CorruptFileError(`${path}: holds the reference of model ${reference.modelId}, not of ${modelId}`);
  return reference;
}
