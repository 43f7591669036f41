/**
 * Everything the dashboard page shows, read in one go: the live model (through the API's live-model
 * cache), the latest cycles from the end of runs.jsonl, which of them still have an archived drift
 * report, the model versions, the alert conditions that hold, the charts (cached until runs.jsonl changes) and the Production section
 * (monitoring.json and its charts, cached until that file changes). Once the page has been asked for,
 * a change of either file re-renders its charts in the background, so the first request after a cycle
 * or a monitoring pass does not wait for them.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AlertsSource } from '../alerts/alert-view.ts';
import { fileKey } from '../data/file-key.ts';
import type { ActiveCondition } from '../records/alert-files.ts';
import type { Config } from '../config.ts';
import type { LiveModelCache } from '../deployment/live-model-cache.ts';
import { describeError } from '../errors.ts';
import { archivedReportName } from '../pipeline/cycle/drift-archive.ts';
import type { RunRecord } from '../records/run-record.ts';
import type { ModelsResponse } from './api-schemas.ts';
import { DashboardChartsCache, type DashboardCharts } from './dashboard-charts.ts';
import { ModelVersionsCache } from './model-versions.ts';
import { ProductionCache, type ProductionView } from './production-data.ts';
import { latestRuns, runsPath } from './run-history.ts';
import { MONITORING_JSON, outputFolderLayout, RUNS_JSONL } from '../records/output-layout.ts';
import { ProjectPaths } from '../project-paths.ts';

/** Cycles read for the charts (those that recorded numbers among them are drawn, up to CHART_CYCLES). */
export const DASHBOARD_RUNS_READ = 200;
/** Cycles listed in the table. */
export const TABLE_CYCLES = 25;
/** How long a watched file must stay unchanged before the charts are re-rendered in the background. */
const SETTLE_MS = 200;

/** The live model as the page shows it. */
export interface LiveSummary {
  model_id: string;
  went_live_at: string | null;
  trained_at: string;
  training_rows: number;
  test: { f1: number; precision: number; recall: number; accuracy: number; rows: number; data_file: string };
  features: string[];
  coefficients: number[];
  intercept: number;
}

/** What the page is rendered from. */
export interface DashboardData {
  generated_at: string;
  /** The live model, or why none can be shown. */
  live: LiveSummary | { error: string };
  /** The newest cycles for the table, newest first. */
  runs: RunRecord[];
  /** Run ids among `runs` whose archived drift report exists. */
  reports: Set<string>;
  models: ModelsResponse;
  charts: DashboardCharts;
  /** The Production section: monitoring.json's latest pass. */
  production: ProductionView;
  /** The alert conditions that hold, most severe first, and the deliveries that failed for good (shown at the top). */
  alerts: { active: ActiveCondition[]; failedDeliveries: number };
}

/** Reads the dashboard's data for one config; keeps the caches between requests. */
export class DashboardSource {
  private readonly charts = new DashboardChartsCache();
  private readonly models: ModelVersionsCache;
  private readonly production: ProductionCache;
  private readonly alerts: AlertsSource;
  private watcher: FSWatcher | null = null;

  constructor(
    private readonly config: Config,
    private readonly live: LiveModelCache,
  ) {
    this.models = new ModelVersionsCache(config.prod_deployment_path);
    this.production = new ProductionCache(outputFolderLayout(config.output_folder_path).monitoring);
    this.alerts = new AlertsSource(config, new ProjectPaths(config));
  }

  /** Reads everything the page shows. */
  async load(): Promise<DashboardData> {
    this.watchFiles();
    const key = await fileKey(runsPath(this.config));
    const [live, runs, models] = await Promise.all([
      this.liveSummary(),
      latestRuns(this.config, DASHBOARD_RUNS_READ),
      this.models.get(),
    ]);
    const table = runs.slice(0, TABLE_CYCLES);
    const [charts, reports, production, alerts] = await Promise.all([
      this.charts.get(key, runs),
      this.archivedReports(table),
      this.production.get(),
      this.activeAlerts(),
    ]);
    return { generated_at: new Date().toISOString(), live, runs: table, reports, models, charts, production, alerts };
  }

  /** The conditions that hold and the failed deliveries; none when the alert files cannot be read (the page still renders). */
  private async activeAlerts(): Promise<DashboardData['alerts']> {
    try {
      const view = await this.alerts.view(Number.MAX_SAFE_INTEGER);
      const failedDeliveries = view.recent.reduce(
        (sum, alert) => sum + alert.deliveries.filter((d) => d.state === 'failed').length,
        0,
      );
      return { active: view.active, failedDeliveries };
    } catch {
      return { active: [], failedDeliveries: 0 };
    }
  }

  /** The model versions and the live one (cached until a deploy or rollback). */
  modelVersions(): Promise<ModelsResponse> {
    return this.models.get();
  }

  /** Re-renders in the background when runs.jsonl or monitoring.json changes (the watcher keeps no process alive). */
  private watchFiles(): void {
    if (this.watcher) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      this.watcher = watch(this.config.output_folder_path, (_event, name) => {
        if (name !== RUNS_JSONL && name !== MONITORING_JSON) return;
        clearTimeout(timer);
        timer = setTimeout(() => void this.load().catch(() => undefined), SETTLE_MS).unref();
      });
    } catch {
      return; // no output folder yet: pages render on request
    }
    this.watcher.unref();
    this.watcher.on('error', () => {
      this.watcher?.close();
      this.watcher = null;
    });
  }

  private async liveSummary(): Promise<DashboardData['live']> {
    try {
      const live = await this.live.get();
      const { score, modelFile } = live;
      return {
        model_id: live.modelId,
        went_live_at: live.wentLiveAt,
        trained_at: modelFile.trained_at,
        training_rows: modelFile.training_rows,
        test: {
          f1: score.f1,
          precision: score.precision,
          recall: score.recall,
          accuracy: score.accuracy,
          rows: score.rows,
          data_file: score.data_file,
        },
        features: modelFile.features,
        coefficients: modelFile.coefficients,
        intercept: modelFile.intercept,
      };
    } catch (error) {
      return { error: describeError(error) };
    }
  }

  private async archivedReports(runs: readonly RunRecord[]): Promise<Set<string>> {
    const present = await Promise.all(
      runs.map(async (run) => {
        if (run.drift_report !== archivedReportName(run.id, 'html')) return null;
        return stat(join(this.config.output_folder_path, run.drift_report)).then(
          () => run.id,
          () => null,
        );
      }),
    );
    return new Set(present.filter((id): id is string => id !== null));
  }
}
