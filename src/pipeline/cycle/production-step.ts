/**
 * The cycle's production-monitoring pass (pipeline/monitor/run-monitor.ts), in every cycle, also when
 * no new batch arrived, since served predictions keep coming: before the model-drift decision when a
 * model is live (realized drift is judged on it), after the bootstrap otherwise. Its summary goes into
 * the run record; its failure is recorded on the step and never fails the cycle.
 */
import type { Config } from '../../config.ts';
import type { MonitoringFile } from '../../records/monitoring-file.ts';
import type { RunMonitoring } from '../../records/run-record.ts';
import { runMonitor } from '../monitor/run-monitor.ts';
import type { StepRunner } from './step-runner.ts';

/** What the run record keeps of a pass: counts and the newest complete chunk's estimate. */
export function monitoringSummary(result: MonitoringFile): RunMonitoring {
  const latest = result.chunks.find((chunk) => !chunk.partial && chunk.estimated !== null) ?? null;
  const labelled = result.chunks.find((chunk) => chunk.realized.f1 !== null) ?? null;
  return {
    chunks: result.chunks.length,
    rows: result.log.rows,
    skipped: result.log.skipped,
    alerts: result.chunks.filter((chunk) => chunk.alert).length,
    latest: latest && {
      start: latest.start,
      model_id: latest.model_id,
      estimated_f1: latest.estimated!.f1,
      alert: latest.alert,
    },
    latest_realized: labelled && {
      start: labelled.start,
      model_id: labelled.model_id,
      realized_f1: labelled.realized.f1,
      labelled_rows: labelled.realized.labelled_rows,
      alert: labelled.realized_alert,
    },
  };
}

function describe(summary: RunMonitoring): string {
  if (summary.chunks === 0) return 'no predictions logged';
  const latest = summary.latest
    ? `; newest complete chunk: estimated F1 ${summary.latest.estimated_f1?.toFixed(3) ?? 'n/a'}${summary.latest.alert ? ' (alert)' : ''}`
    : '';
  const realized = summary.latest_realized
    ? `; newest labelled chunk: realized F1 ${summary.latest_realized.realized_f1?.toFixed(3) ?? 'n/a'}${summary.latest_realized.alert ? ' (alert)' : ''}`
    : '';
  return `${summary.rows} predictions in ${summary.chunks} chunks, ${summary.alerts} alerts${latest}${realized}`;
}

/** Runs the pass as step "production monitoring"; its result, or null when it failed (recorded on the step). */
export async function monitorProduction(config: Config, steps: StepRunner): Promise<MonitoringFile | null> {
  try {
    return await steps.run(
      'production monitoring',
      async () => (await runMonitor(config)).result,
      (result) => describe(monitoringSummary(result)),
    );
  } catch {
    return null;
  }
}
