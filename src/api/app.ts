/**
 * createApp(deps) builds the Express app (behind it, the request listener that first decides access,
 * see access.ts, then answers POST /prediction on a fast path, see fast-prediction.ts): JSON body parsing with a size limit, pino-http request logs
 * (method, URL, status, time), Prometheus metrics, the routes, the OpenAPI document, 404 and one error
 * handler. `x-powered-by` and ETags are off (answers are small and change with the live model) and no
 * error ever sends a stack trace.
 */
import express, { type Express } from 'express';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import { SessionKeeper } from '../auth/sessions.ts';
import { TokenRegistry } from '../auth/token-registry.ts';
import { tokensPath } from '../auth/token-store.ts';
import type { Config } from '../config.ts';
import type { DependencyCheckOptions } from '../diagnostics/dependency-status.ts';
import { log } from '../log.ts';
import type { PredictionLogSink } from '../prediction-log/entry.ts';
import { readLastRuns } from '../records/run-log.ts';
import { dependencyOptionsFor } from '../pipeline/steps/diagnose.ts';
import { type AccessPolicy, checkAccess, hostsFor, isLoopbackHost, pathOf, type Refusal } from './access.ts';
import { adminRouteDocs, registerAdminRoutes } from './admin-routes.ts';
import { type AuditTrail, auditedAction } from './audit-trail.ts';
import { CycleStarter } from './cycle-starter.ts';
import { cycleStatus } from './cycle-status-source.ts';
import { errorHandler, notFound } from './error-handler.ts';
import { refuseOverCountInBytes } from './record-limits.ts';
import { rememberAccess } from './request-holder.ts';
import { registerSessionRoutes, viewerOf } from './session-routes.ts';
import { COMMON_HEADERS, commonHeaders } from './security-headers.ts';
import { answerFastPrediction, isFastPrediction } from './fast-prediction.ts';
import { dashboardRouteDocs, registerDashboardRoutes } from './dashboard-routes.ts';
import { createApiMetrics, type ApiMetrics } from './http-metrics.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { registerRoutes } from './routes.ts';
import { MONITORING_MAX_LIMIT } from './schemas.ts';
import { SERVER_TIMEOUTS } from './server-timeouts.ts';
import { ApiServices } from './services.ts';
import { outputFolderLayout } from '../records/output-layout.ts';
import { readJsonFileOrNull } from '../data/read-json-file.ts';
import { driftJsonSchema } from '../records/drift-json.ts';

/** What the app is built from. */
export interface AppDeps {
  config: Config;
  /** Folder of the project's package.json (for the dependency check). */
  projectDir: string;
  dependencyOptions?: DependencyCheckOptions;
  /** Log one line per request (default true). */
  requestLogs?: boolean;
  /**
   * Where each answered prediction is handed (integration point: src/cli/server.ts passes the prediction
   * log's writer here; nothing else is needed). None: predictions are not logged, at no cost.
   */
  predictionLog?: PredictionLogSink;
  /** The address the server listens on (default config.server.host): it decides the Host check and whether no token means open. */
  bindHost?: string;
  /** The access tokens (default: read from the config's tokens file now). */
  tokens?: TokenRegistry;
  /** Where POST /runs starts cycles (default: in this process, with no API to call after a deployment). */
  cycles?: CycleStarter;
}

/** The app and what it is built on (tests and the server use them). */
export interface CreatedApp {
  app: Express;
  /** The request listener to serve: the /prediction fast path, then Express. */
  handler: RequestListener;
  services: ApiServices;
  metrics: ApiMetrics;
  /** The cycles POST /runs started (a server shutting down waits for them). */
  cycles: CycleStarter;
}

/** Reads the latest drift report's headline numbers, or null. */
async function latestDrift(config: Config): Promise<{ share_drifted: number; dataset_drift: boolean } | null> {
  return readJsonFileOrNull(outputFolderLayout(config.output_folder_path).driftReportJson, driftJsonSchema);
}

/** Builds the Express app. */
export function createApp(deps: AppDeps): CreatedApp {
  const services = new ApiServices({
    config: deps.config,
    projectDir: deps.projectDir,
    dependencyOptions: dependencyOptionsFor(deps.config, deps.dependencyOptions),
    predictionLog: deps.predictionLog,
  });
  const metrics = createApiMetrics({
    liveModel: async () => {
      const live = await services.live.get();
      return { modelId: live.modelId, f1: live.score.f1 };
    },
    drift: () => latestDrift(deps.config),
    lastRun: async () => {
      const [run] = await readLastRuns(outputFolderLayout(deps.config.output_folder_path).runs, 1);
      return run ? { finishedAt: Date.parse(run.finished_at), ok: run.outcome !== 'failed' } : null;
    },
    cycle: () => cycleStatus(deps.config),
    monitoring: async () => {
      const { chunks } = await services.monitoring.answer({ limit: MONITORING_MAX_LIMIT });
      const chunk = chunks.find((c) => !c.partial && c.estimated !== null);
      return chunk ? { modelId: chunk.model_id, estimatedF1: chunk.estimated!.f1, alert: chunk.alert } : null;
    },
    realized: async () => {
      const { chunks } = await services.monitoring.answer({ limit: MONITORING_MAX_LIMIT });
      const chunk = chunks.find((c) => !c.partial && c.realized.f1 !== null);
      return chunk
        ? {
            modelId: chunk.model_id,
            realizedF1: chunk.realized.f1,
            alert: chunk.realized_alert,
            coverage: chunk.realized.coverage,
          }
        : null;
    },
    alerts: async () => {
      const view = await services.alerts.view(1);
      return { active: view.active.length, attempts: view.attempts };
    },
    predictionLog: deps.predictionLog?.stats?.bind(deps.predictionLog),
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('body limit', deps.config.server.body_limit_bytes);
  app.set('query parser', 'simple');
  const httpLogger =
    deps.requestLogs === false
      ? null
      : pinoHttp({
          logger: log.child({ component: 'http' }),
          quietReqLogger: true,
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        });
  if (httpLogger) app.use(httpLogger);
  app.use(commonHeaders);
  app.use(metrics.middleware);
  app.use(
    express.json({
      limit: deps.config.server.body_limit_bytes,
      strict: true,
      type: 'application/json',
      // records and labels counted before the body is parsed (record-limits.ts)
      verify: (req, _res, raw) => refuseOverCountInBytes(pathOf(req.url ?? '/'), raw),
    }),
  );
  registerRoutes(app, services);
  const access = accessPolicy(deps);
  registerSessionRoutes(app, access);
  registerDashboardRoutes(app, services, (req) => viewerOf(req, access));
  const cycles = deps.cycles ?? new CycleStarter(deps.config);
  registerAdminRoutes(app, { config: deps.config, cycles, audit: services.audit, paths: services.paths });
  const openapi = buildOpenApiDocument([...dashboardRouteDocs, ...adminRouteDocs]);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(notFound);
  app.use(errorHandler(services.paths));
  const fast = { services, metrics, httpLogger, bodyLimit: deps.config.server.body_limit_bytes };
  const handler: RequestListener = (req, res) => {
    const decided = checkAccess(req, access);
    if ('status' in decided) {
      refuse(req, res, decided, metrics);
      auditRefusal(req, decided, services.audit);
      return;
    }
    rememberAccess(req, decided);
    if (isFastPrediction(req)) void answerFastPrediction(req, res, fast);
    else app(req, res);
  };
  return { app, handler, services, metrics, cycles };
}

/** The access policy of the server `deps` describe. */
function accessPolicy(deps: AppDeps): AccessPolicy {
  const { server } = deps.config;
  const bindHost = deps.bindHost ?? server.host;
  return {
    tokens: deps.tokens ?? new TokenRegistry(tokensPath(deps.config)),
    metricsPublic: server.metrics_public,
    openWithoutTokens: isLoopbackHost(bindHost) || server.allow_unauthenticated,
    proxiedOpenWithoutTokens: server.allow_unauthenticated,
    hosts: hostsFor(bindHost, server.allowed_hosts),
    sessions: new SessionKeeper(server.session_hours * 3_600_000),
  };
}

/** Answers a refused request (its body is not read), counted in the metrics. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal, metrics: ApiMetrics): void {
  const start = process.hrtime.bigint();
  const text = JSON.stringify(refusal.body);
  res.writeHead(refusal.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...COMMON_HEADERS,
    ...refusal.headers,
  });
  res.end(text);
  req.resume();
  metrics.observe('(refused)', req.method ?? 'GET', refusal.status, start);
}

/** Records a refused admin action or label upload in the audit log (in the background). */
function auditRefusal(req: IncomingMessage, refusal: Refusal, audit: AuditTrail): void {
  const action = auditedAction(req.method ?? 'GET', pathOf(req.url ?? '/'));
  if (action) void audit.refused(action, refusal.holder ?? null, refusal.status, refusal.body.error);
}

/** An HTTP server for the app (not yet listening). */
export function createHttpServer(created: CreatedApp): Server {
  return createServer(SERVER_TIMEOUTS, created.handler);
}
