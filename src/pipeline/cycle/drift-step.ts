/**
 * The cycle's data-drift step: the previously ingested data (reference) against the new data, with
 * prediction drift of the live model when its predictions are given. The report is rendered once
 * (JSON and HTML texts) and written from those texts: into the output folder (atomically), and into the
 * archive under the run id (drift-archive.ts).
 */
import { jsonText, writeFileAtomic } from '../../data/atomic-write.ts';
import type { Dataset } from '../../data/schema.ts';
import { toDriftJson } from '../../records/drift-json.ts';
import type { DriftReport } from '../../drift/types.ts';
import type { LinearModel } from '../../model/logistic-regression.ts';
import { predictDatasetClasses } from '../../model/predict.ts';
import { outputFolderLayout } from '../../records/output-layout.ts';
import { renderDriftHtml } from '../../report/drift-html.ts';

/** A model's predictions on both data sets, for prediction drift. */
export interface DriftPredictions {
  reference: Float64Array;
  current: Float64Array;
}

/** A drift report's two files, rendered. */
export interface DriftReportTexts {
  json: string;
  html: string;
}

/** The predictions of `model` on both data sets. */
export function predictionsOf(model: LinearModel, reference: Dataset, current: Dataset): DriftPredictions {
  return { reference: predictDatasetClasses(model, reference), current: predictDatasetClasses(model, current) };
}

/** Renders `report` as drift_report.json and drift_report.html texts. */
export async function renderDriftReport(
  report: DriftReport,
  names: { referenceName: string; currentName: string },
): Promise<DriftReportTexts> {
  return {
    json: jsonText(toDriftJson(report)),
    html: await renderDriftHtml(report, { title: 'Data drift report', ...names }),
  };
}

/** Writes drift_report.json and drift_report.html into `folder`, each atomically; returns their paths. */
export async function writeDriftReports(
  folder: string,
  texts: DriftReportTexts,
): Promise<{ json: string; html: string }> {
  const { driftReportJson: json, driftReportHtml: html } = outputFolderLayout(folder);
  await writeFileAtomic(json, texts.json);
  await writeFileAtomic(html, texts.html);
  return { json, html };
}
