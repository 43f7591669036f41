/**
 * What a finished cycle says for alerting, read from its run record: whether it failed, whether the
 * new batch drifted, whether the live model drifted (on the batch or on realized performance), a
 * refused challenger, a deployment, new data that stopped coming, and the production-monitoring pass's
 * newest estimated and realized F1 against their thresholds. A kind is judged only when the cycle looked at it (a cycle that found
 * no new data says nothing about data drift), so only then can its condition resolve.
 */
import type { RunRecord } from '../records/run-record.ts';
import type { Evaluation, Finding } from './alert-state.ts';
import type { AlertKind } from './kinds.ts';

/** A ratio rounded for reading (4 decimals), null kept. */
function round(value: number): number;
function round(value: number | null): number | null;
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** What the run record does not hold: the dashboard's address, and when new data last arrived. */
export interface CycleContext {
  dashboard?: string;
  /** When new data last came into the input folder (this cycle's start when it found some); null: unknown. */
  lastNewDataAt?: string | null;
  staleAfterHours?: number;
}

/** The evaluation of the cycle recorded in `record`. */
export function cycleFindings(record: RunRecord, context: CycleContext = {}): Evaluation {
  const { dashboard, lastNewDataAt, staleAfterHours } = context;
  const links = {
    run_id: record.id,
    ...(record.drift_report ? { drift_report: record.drift_report } : {}),
    ...(dashboard ? { dashboard } : {}),
  };
  const judged = new Set<AlertKind>(['cycle_failed']);
  const holding: Finding[] = [];
  const events: Finding[] = [];
  const finding = (kind: AlertKind, subject: string, summary: string, numbers: Finding['numbers'] = {}) => ({
    kind,
    subject,
    summary,
    numbers,
    links,
  });
  const live = record.live_model_after ?? record.live_model_before ?? 'no model';
  if (record.outcome === 'failed')
    holding.push(finding('cycle_failed', 'cycle', `cycle ${record.id} failed: ${record.error ?? record.summary}`));

  const { data_drift: data, model_drift: batch, realized_drift: realized, deploy } = record.decisions;
  if (data) {
    judged.add('dataset_drift');
    if (data.dataset_drift)
      holding.push(
        finding(
          'dataset_drift',
          'input data',
          `${Math.round(data.share_drifted * 100)}% of columns drifted (dataset drift from ${Math.round(data.drift_share * 100)}%)`,
          {
            share_drifted: round(data.share_drifted),
            drift_share: data.drift_share,
            drifted_columns: Object.entries(data.columns)
              .filter(([, c]) => c.drifted)
              .map(([name]) => name)
              .join(', '),
          },
        ),
      );
  }
  if (batch || realized) {
    judged.add('model_drift');
    const reasons = [
      batch?.drifted && `F1 ${round(batch.f1_new)} on the new batch, below ${round(batch.threshold)} (${batch.test})`,
      realized?.drifted &&
        `realized F1 ${round(realized.realized_f1!)} on ${realized.labelled_rows} labelled rows, below ${round(realized.f1_lower!)}`,
    ].filter(Boolean);
    if (reasons.length > 0)
      holding.push(
        finding(
          'model_drift',
          record.live_model_before ?? live,
          `model ${record.live_model_before ?? live}: ${reasons.join('; ')}`,
          {
            ...(batch ? { f1_new: round(batch.f1_new), f1_threshold: round(batch.threshold) } : {}),
            ...(realized?.realized_f1 != null
              ? { realized_f1: round(realized.realized_f1), realized_f1_lower: realized.f1_lower }
              : {}),
          },
        ),
      );
  }
  if (deploy && !deploy.deployed)
    events.push(
      finding(
        'challenger_refused',
        deploy.challenger_id,
        `challenger ${deploy.challenger_id} not deployed: ${deploy.reason}`,
        {
          challenger_f1: round(deploy.challenger_f1),
          champion_f1: round(deploy.champion_f1),
        },
      ),
    );
  if ((record.outcome === 'deployed' || record.outcome === 'bootstrap') && record.live_model_after)
    events.push(
      finding(
        'model_deployed',
        record.live_model_after,
        `model ${record.live_model_after} deployed: ${record.summary}`,
      ),
    );

  if (lastNewDataAt && staleAfterHours !== undefined && record.live_model_before !== null) {
    judged.add('no_new_data');
    const hours = (Date.parse(record.finished_at) - Date.parse(lastNewDataAt)) / 3_600_000;
    const foundNewData = record.new_files.length > 0 || record.changed_files.length > 0;
    if (!foundNewData && hours > staleAfterHours)
      holding.push(
        finding(
          'no_new_data',
          'input data',
          `no new data in the input folder for ${Math.floor(hours)} hours (since ${lastNewDataAt})`,
          {
            hours_without_new_data: Math.floor(hours),
            stale_after_hours: staleAfterHours,
          },
        ),
      );
  }
  if (record.monitoring) {
    judged.add('estimated_f1_out_of_thresholds');
    judged.add('realized_f1_out_of_thresholds');
    const { latest, latest_realized: labelled } = record.monitoring;
    if (latest?.alert)
      holding.push(
        finding(
          'estimated_f1_out_of_thresholds',
          latest.model_id,
          `model ${latest.model_id}: estimated F1 ${latest.estimated_f1 === null ? 'n/a' : round(latest.estimated_f1)} of the chunk from ${latest.start} left its thresholds`,
          { estimated_f1: round(latest.estimated_f1), chunk_start: latest.start },
        ),
      );
    if (labelled?.alert)
      holding.push(
        finding(
          'realized_f1_out_of_thresholds',
          labelled.model_id,
          `model ${labelled.model_id}: realized F1 ${labelled.realized_f1 === null ? 'n/a' : round(labelled.realized_f1)} of the chunk from ${labelled.start} (${labelled.labelled_rows} labelled rows) left its thresholds`,
          {
            realized_f1: round(labelled.realized_f1),
            labelled_rows: labelled.labelled_rows,
            chunk_start: labelled.start,
          },
        ),
      );
  }
  return { judged, holding, events, links };
}
