/**
 * The monitoring reference training keeps beside each model (monitoring/reference.ts): built from the
 * model's training data with the model's fit options and the config's `monitoring` section, and turned
 * into its file's text once (it is large: ~3 MB for 100,000 rows), which the model folder and the
 * version folder both receive as is. Training does not fail when the data allow no cross-fitting (too
 * few rows, a fold's training rows of one class): the model is kept without a reference, with a warning.
 */
import { rm } from 'node:fs/promises';
import { writeFileAtomic } from '../../data/atomic-write.ts';
import type { Dataset } from '../../data/schema.ts';
import { DataError } from '../../errors.ts';
import { log } from '../../log.ts';
import { buildMonitoringReference, type MonitoringReference } from '../../monitoring/reference.ts';
import { monitoringReferenceText } from '../../records/monitoring-reference-file.ts';
import { modelFolderLayout } from '../../records/output-layout.ts';
import type { TrainedModel, TrainingOptions } from './train.ts';

/** A model's monitoring reference with its file's text. */
export interface ModelReference {
  modelId: string;
  reference: MonitoringReference;
  text: string;
}

/** The reference training kept (`kept`), or why it kept none (`missing`). */
export type ReferenceOutcome = { kept: ModelReference; missing: null } | { kept: null; missing: string };

/**
 * Builds the reference of `trained`, fitted on `dataset`, as the model was fitted (`options.model`),
 * sampled and cross-fitted as `options.monitoring` says; created when the model was trained. When
 * cross-fitting is impossible, logs a warning and returns the reason.
 */
export function buildModelReference(
  trained: TrainedModel,
  dataset: Dataset,
  options: TrainingOptions,
): ReferenceOutcome {
  const modelId = trained.file.model_id;
  const { C, tol, max_iter: maxIter } = options.model;
  let reference: MonitoringReference;
  try {
    reference = buildMonitoringReference(
      dataset,
      { C, tol, maxIter },
      { maxRows: options.monitoring.reference_rows, folds: options.monitoring.folds },
    );
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    log
      .child({ step: 'training' })
      .warn(
        { model_id: modelId, monitoring_reference: null, reason: error.message },
        `model ${modelId} keeps no monitoring reference: ${error.message}`,
      );
    return { kept: null, missing: error.message };
  }
  const text = monitoringReferenceText(modelId, reference, new Date(trained.file.trained_at));
  return { kept: { modelId, reference, text }, missing: null };
}

/**
 * Writes `<modelFolder>/monitoring_reference.json` (atomically), or removes the previous model's when
 * this one has none, so the folder never pairs a model with another's reference. Returns the path
 * written, or null.
 */
export async function writeModelReference(
  modelFolder: string,
  reference: ModelReference | null,
): Promise<string | null> {
  const path = modelFolderLayout(modelFolder).monitoringReference;
  if (reference === null) {
    await rm(path, { force: true });
    return null;
  }
  await writeFileAtomic(path, reference.text);
  return path;
}
