/**
 * Prometheus metrics of one app (its own prom-client registry): request counts and latency histograms
 * by route and status, process metrics, and gauges read at scrape time from the live deployment, the
 * latest drift report, the last pipeline run, the running cycle (overdue: a step past its deadline),
 * the latest complete chunk of production monitoring, the alert files and the prediction log's writer
 * (NaN while unknown, e.g. before the first report).
 */
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CycleStatus } from '../records/cycle-status.ts';

/** Values the scrape-time gauges read. */
export interface MetricsSources {
  liveModel: () => Promise<{ modelId: string; f1: number } | null>;
  drift: () => Promise<{ share_drifted: number; dataset_drift: boolean } | null>;
  lastRun: () => Promise<{ finishedAt: number; ok: boolean } | null>;
  /** The cycle running now, if any. */
  cycle: () => Promise<CycleStatus>;
  /** The newest complete chunk of the latest monitoring pass that has an estimate. */
  monitoring: () => Promise<{ modelId: string; estimatedF1: number | null; alert: boolean } | null>;
  /** The newest complete chunk of the latest monitoring pass with realized metrics (enough labelled rows). */
  realized: () => Promise<{ modelId: string; realizedF1: number | null; alert: boolean; coverage: number } | null>;
  /** The alert conditions that hold, and delivery attempts by channel and outcome. */
  alerts: () => Promise<{ active: number; attempts: { channel: string; outcome: string; count: number }[] }>;
  /** The prediction log's counts, when predictions are logged. */
  predictionLog?: () => { written: number; dropped: number; failed_flushes: number; pending: number };
}

/** The registry, the request-timing middleware, and `observe` for requests answered outside Express. */
export interface ApiMetrics {
  registry: Registry;
  middleware: (req: Request, res: Response, next: NextFunction) => void;
  observe: (route: string, method: string, status: number, startNs: bigint) => void;
}

/** Creates the metrics of one app. */
export function createApiMetrics(sources: MetricsSources): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'attrition_live_model_info',
    help: 'The live model (label model_id), 1 when a model is live',
    labelNames: ['model_id'],
    registers: [registry],
    async collect() {
      this.reset();
      const live = await sources.liveModel().catch(() => null);
      if (live) this.set({ model_id: live.modelId }, 1);
    },
  });
  new Gauge({
    name: 'attrition_live_model_f1',
    help: 'F1 of the live model on the test data, as recorded at deployment',
    registers: [registry],
    async collect() {
      const live = await sources.liveModel().catch(() => null);
      this.set(live ? live.f1 : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_drift_share',
    help: 'Share of drifted columns in the latest drift report',
    registers: [registry],
    async collect() {
      const drift = await sources.drift().catch(() => null);
      this.set(drift ? drift.share_drifted : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_dataset_drift',
    help: '1 when the latest drift report found dataset drift',
    registers: [registry],
    async collect() {
      const drift = await sources.drift().catch(() => null);
      this.set(drift ? Number(drift.dataset_drift) : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_last_run_timestamp_seconds',
    help: 'When the last monitoring cycle finished (Unix time)',
    registers: [registry],
    async collect() {
      const run = await sources.lastRun().catch(() => null);
      this.set(run ? run.finishedAt / 1000 : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_last_run_success',
    help: '1 when the last monitoring cycle succeeded, 0 when it failed',
    registers: [registry],
    async collect() {
      const run = await sources.lastRun().catch(() => null);
      this.set(run ? Number(run.ok) : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_cycle_running_seconds',
    help: 'How long the running monitoring cycle has held the run lock (0: none runs)',
    registers: [registry],
    async collect() {
      const cycle = await sources.cycle().catch(() => null);
      if (!cycle) this.set(Number.NaN);
      else this.set(cycle.started_at ? Math.max(0, (Date.now() - Date.parse(cycle.started_at)) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'attrition_cycle_overdue',
    help: '1 while the running cycle’s step is past its deadline (schedule.step_deadline_minutes)',
    registers: [registry],
    async collect() {
      const cycle = await sources.cycle().catch(() => null);
      this.set(cycle ? Number(cycle.overdue) : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_estimated_f1',
    help: 'Estimated F1 (CBPE, no labels) of the newest complete chunk of served predictions (label model_id)',
    labelNames: ['model_id'],
    registers: [registry],
    async collect() {
      this.reset();
      const chunk = await sources.monitoring().catch(() => null);
      if (chunk) this.set({ model_id: chunk.modelId }, chunk.estimatedF1 ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_estimated_f1_alert',
    help: '1 when the estimated F1 of the newest complete chunk left its thresholds',
    registers: [registry],
    async collect() {
      const chunk = await sources.monitoring().catch(() => null);
      this.set(chunk ? Number(chunk.alert) : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_realized_f1',
    help: 'Realized F1 (on delayed labels) of the newest complete chunk with labels.min_rows labelled rows (label model_id)',
    labelNames: ['model_id'],
    registers: [registry],
    async collect() {
      this.reset();
      const chunk = await sources.realized().catch(() => null);
      if (chunk) this.set({ model_id: chunk.modelId }, chunk.realizedF1 ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_realized_f1_alert',
    help: '1 when the realized F1 of that chunk left its thresholds',
    registers: [registry],
    async collect() {
      const chunk = await sources.realized().catch(() => null);
      this.set(chunk ? Number(chunk.alert) : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_label_coverage',
    help: 'Share of that chunk’s rows a label covers',
    registers: [registry],
    async collect() {
      const chunk = await sources.realized().catch(() => null);
      this.set(chunk ? chunk.coverage : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_alerts_active',
    help: 'Alert conditions that hold (alerts/state.json)',
    registers: [registry],
    async collect() {
      const alerts = await sources.alerts().catch(() => null);
      this.set(alerts ? alerts.active : Number.NaN);
    },
  });
  new Gauge({
    name: 'attrition_alert_delivery_attempts',
    help: 'Alert delivery attempts recorded, by channel and outcome (delivered, retry, failed)',
    labelNames: ['channel', 'outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      const alerts = await sources.alerts().catch(() => null);
      for (const { channel, outcome, count } of alerts?.attempts ?? []) this.set({ channel, outcome }, count);
    },
  });
  const logStats = sources.predictionLog;
  if (logStats) {
    new Gauge({
      name: 'attrition_prediction_log_entries',
      help: 'Prediction log entries of this process by state: written, dropped (buffer full), pending',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const stats = logStats();
        for (const state of ['written', 'dropped', 'pending'] as const) this.set({ state }, stats[state]);
      },
    });
    new Gauge({
      name: 'attrition_prediction_log_failed_flushes',
      help: 'Flushes of the prediction log that failed (their entries are retried)',
      registers: [registry],
      collect() {
        this.set(logStats().failed_flushes);
      },
    });
  }
  const observe = (route: string, method: string, status: number, startNs: bigint): void => {
    const labels = { route, method, status: String(status) };
    requests.inc(labels);
    latency.observe(labels, Number(process.hrtime.bigint() - startNs) / 1e9);
  };
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.on('finish', () =>
      observe((req.route?.path as string | undefined) ?? '(unmatched)', req.method, res.statusCode, start),
    );
    next();
  };
  return { registry, middleware, observe };
}
