/**
 * The routes: each parses its input with zod, calls one service function and returns JSON. No business
 * logic here. A /prediction answer names its request id (under which its predictions are logged) in
 * the REQUEST_ID_HEADER response header.
 */
import type { Express, Request, Response } from 'express';
import { newRequestId, REQUEST_ID_HEADER } from './request-id.ts';
import type { ApiServices, PredictionAnswer } from './services.ts';
import {
  datasetPredictionRequestSchema,
  labelSchema,
  labelsRequestShellSchema,
  monitoringQuerySchema,
  alertsQuerySchema,
  predictionRecordSchema,
  recordsRequestShellSchema,
} from './schemas.ts';
import { parseElements, parseInput, ValidationError } from './validate.ts';
import { AppError } from '../errors.ts';
import { pageCsp, REPORT_CSP } from './security-headers.ts';
import { FINAL_DATA_CSV } from '../records/output-layout.ts';
import { cycleStatus } from './cycle-status-source.ts';

/** A 415 for a body that is not JSON. */
class UnsupportedMediaTypeError extends AppError {
  constructor() {
    super(415, 'expected a JSON body (Content-Type: application/json)');
  }
}

/** A /prediction answer and the id of its request (a new one per request, see request-id.ts). */
export interface IdentifiedAnswer {
  requestId: string;
  answer: PredictionAnswer;
}

/** Answers a parsed /prediction body: a dataset_path or records (ValidationError otherwise). */
export async function predictionAnswer(services: ApiServices, body: unknown): Promise<IdentifiedAnswer> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('invalid request body: expected a JSON object with "dataset_path" or "records"', [
      { path: '(root)', message: 'expected an object' },
    ]);
  }
  if ('dataset_path' in body) {
    const { dataset_path } = parseInput(datasetPredictionRequestSchema, body, 'request body');
    const requestId = newRequestId();
    return { requestId, answer: await services.predictDataset(dataset_path, requestId) };
  }
  if ('records' in body) {
    const shell = parseInput(recordsRequestShellSchema, body, 'request body');
    const records = parseElements(predictionRecordSchema, shell.records, 'records', 'request body');
    const requestId = newRequestId();
    return { requestId, answer: await services.predictRecords(records, requestId) };
  }
  throw new ValidationError(
    'invalid request body: expected "dataset_path" (a CSV file name) or "records" (1 to 10,000 records)',
    [{ path: '(root)', message: 'expected dataset_path or records' }],
  );
}

/** Registers the prediction, scoring, statistics, diagnostics and drift routes on `app`. */
export function registerRoutes(app: Express, services: ApiServices): void {
  app.post('/prediction', async (req: Request, res: Response) => {
    if (!req.is('application/json')) throw new UnsupportedMediaTypeError();
    const { requestId, answer } = await predictionAnswer(services, req.body);
    res.set(REQUEST_ID_HEADER, requestId).json(answer);
  });

  app.post('/labels', async (req: Request, res: Response) => {
    if (!req.is('application/json')) throw new UnsupportedMediaTypeError();
    const answer = await services.audit.around(
      req,
      'labels',
      null,
      async () => {
        const shell = parseInput(labelsRequestShellSchema, req.body, 'request body');
        return services.addLabels(parseElements(labelSchema, shell.labels, 'labels', 'request body'));
      },
      (added) => ({ detail: `${added.stored} stored, ${added.duplicates} duplicates, ${added.conflicts} conflicts` }),
    );
    res.json(answer);
  });

  app.get('/scoring', async (_req: Request, res: Response) => {
    const { model_id, f1, precision, recall, accuracy, roc_auc, confusion_matrix, rows } = await services.scoring();
    res.json({ model_id, f1, precision, recall, accuracy, roc_auc, confusion_matrix, rows });
  });

  app.get('/summarystats', async (_req: Request, res: Response) => {
    const summary = await services.summaryStatistics();
    res.json({ rows: summary.rows, data_file: FINAL_DATA_CSV, columns: summary.summary });
  });

  app.get('/diagnostics', async (_req: Request, res: Response) => {
    const [summary, timings, dependencies] = await Promise.all([
      services.summaryStatistics().then(
        (s) => s.missing_percent,
        (error: Error) => ({ status: 'unavailable' as const, reason: error.message }),
      ),
      services.timings(),
      services.dependencies(),
    ]);
    res.json({
      model_id: services.live.currentTarget(),
      missing_data: summary,
      timings: timings ?? {
        status: 'unavailable',
        reason: 'not measured yet (run `npm run diagnostics` or a monitoring cycle)',
      },
      dependencies,
    });
  });

  app.get('/drift', async (_req: Request, res: Response) => {
    res.type('application/json').send(await services.driftReport('json'));
  });

  app.get('/drift/report', async (_req: Request, res: Response) => {
    res
      .set({ 'content-security-policy': pageCsp(REPORT_CSP), 'referrer-policy': 'no-referrer' })
      .type('text/html')
      .send(await services.driftReport('html'));
  });

  app.get('/alerts', async (req: Request, res: Response) => {
    const { limit } = parseInput(alertsQuerySchema, req.query, 'query');
    res.json(await services.alerts.view(limit));
  });

  app.get('/monitoring', async (req: Request, res: Response) => {
    res.json(await services.monitoring.answer(parseInput(monitoringQuerySchema, req.query, 'query')));
  });

  app.get('/health', async (_req: Request, res: Response) => {
    const cycle = await cycleStatus(services.config); // a cycle past its step's deadline: degraded, still 200 (no restart)
    try {
      const live = await services.live.get();
      res.json({ status: cycle.overdue ? 'degraded' : 'ok', live: true, ready: true, model_id: live.modelId, cycle });
    } catch (error) {
      res.status(503).json({
        status: 'unavailable',
        live: true,
        ready: false,
        model_id: services.live.currentTarget(),
        reason: (error as Error).message,
        cycle,
      });
    }
  });
}
