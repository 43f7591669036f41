/**
 * The cycle's data-drift step: the previously ingested data (reference) against the new data, with
 * prediction drift of the live model when its predictions are given; writes drift_report.json and
 * drift_report.html into the output folder (atomically) and returns the typed report.
 */
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { writeFileAtomic, writeJsonAtomic } from '../../data/atomic-write.ts';
import type { Dataset } from '../../data/schema.ts';
import { computeDrift } from '../../drift/drift.ts';
import { toDriftJson } from '../../drift/drift-json.ts';
import type { DriftReport } from '../../drift/types.ts';
import type { LinearModel } from '../../model/logistic-regression.ts';
import { predictDataset } from '../../model/predict.ts';
import { renderDriftHtml } from '../../report/drift-html.ts';
import { DRIFT_REPORT_HTML, DRIFT_REPORT_JSON } from '../../records/output-layout.ts';


/** A model's predictions on both data sets, for prediction drift. */
export interface DriftPredictions {
  reference: Float64Array;
  current: Float64Array;
}

/** The predictions of `model` on both data sets. */
export function predictionsOf(model: LinearModel, reference: Dataset, current: Dataset): DriftPredictions {
  return { reference: predictDataset(model, reference).classes, current: predictDataset(model, current).classes };
}

/** Computes drift of `current` against `reference` (+ prediction drift, given predictions) and writes both reports. */
export async function driftStep(config: Config, reference: Dataset, current: Dataset, predictions?: DriftPredictions): Promise<DriftReport> {
  const report = computeDrift(reference, current, { ...config.drift, predictions });
  await writeDriftReports(config.output_folder_path, report, { referenceName: 'previously ingested data', currentName: 'new data' });
  return report;
}

/** Writes drift_report.json and drift_report.html into `folder`, each atomically. */
export async function writeDriftReports(folder: string, report: DriftReport, names: { referenceName: string; currentName: string }): Promise<{ json: string; html: string }> {
  const json = join(folder, DRIFT_REPORT_JSON);
  const html = join(folder, DRIFT_REPORT_HTML);
  await writeJsonAtomic(json, toDriftJson(report));
  await writeFileAtomic(html, await renderDriftHtml(report, { title: 'Data drift report', ...names }));
  return { json, html };
}
