/**
 * The dashboard's routes: the page (GET /dashboard, GET / redirects there) and its refreshable content,
 * the JSON behind it (GET /runs, GET /models) and the archived drift reports of past cycles
 * (GET /drift/reports/:name). Each parses its input with zod and calls the dashboard module; the
 * OpenAPI documentation of these routes is exported beside them.
 */
import { pageCsp, REPORT_CSP } from './security-headers.ts';
import type { Express, Request, Response } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { modelsResponseSchema, runsPageResponseSchema, runsQuerySchema } from '../dashboard/api-schemas.ts';
import { DashboardSource } from '../dashboard/dashboard-data.ts';
import { runsPage } from '../dashboard/run-history.ts';
import { renderDashboardContent } from '../dashboard/render-content.ts';
import { DASHBOARD_CSP, renderDashboardPage } from '../dashboard/render-page.ts';
import type { Viewer } from '../dashboard/render-session.ts';
import { NotFoundError } from '../errors.ts';
import { archivedReportName } from '../pipeline/cycle/drift-archive.ts';
import { RUN_ID_PATTERN } from '../records/run-id.ts';
import type { RouteDoc } from './openapi.ts';
import { errorResponseSchema } from './schemas.ts';
import type { ApiServices } from './services.ts';
import { parseInput } from './validate.ts';

/** `<run id>` (the HTML report) or `<run id>.json`. */
const reportNameSchema = z
  .string()
  .regex(
    new RegExp(`${RUN_ID_PATTERN.source.slice(0, -1)}(\\.json)?$`),
    'expected a run id like 20261126T053549Z-3b5ea6, optionally followed by .json',
  )
  .meta({
    description: 'A run id (HTML report) or a run id followed by .json (JSON report)',
    example: '20261126T053549Z-3b5ea6',
  });

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(errorResponseSchema, description);

/** OpenAPI documentation of the dashboard's routes (for buildOpenApiDocument). */
export const dashboardRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/',
    summary: 'Redirects to /dashboard',
    responses: { 302: { description: 'Location: /dashboard' } },
  },
  {
    method: 'get',
    path: '/dashboard',
    summary:
      'The monitoring dashboard: live model, production monitoring (estimated F1, drift of served data), F1 and drift over cycles, latest cycles, model versions (self-contained HTML; refreshes every 30 s)',
    responses: { 200: html('Dashboard page') },
  },
  {
    method: 'get',
    path: '/dashboard/fragment',
    summary: "The dashboard's content without the page around it (what the page fetches to refresh)",
    responses: { 200: html('HTML fragment') },
  },
  {
    method: 'get',
    path: '/runs',
    summary: 'The recorded monitoring cycles (runs.jsonl), newest first, one page at a time',
    request: { query: runsQuerySchema },
    responses: {
      200: json(runsPageResponseSchema, 'One page of runs'),
      400: error('limit is not an integer from 1 to 500, before is not a run id, or an unknown parameter'),
      404: error('before names no recorded run'),
    },
  },
  {
    method: 'get',
    path: '/models',
    summary: 'The model versions, when each was live, and the live one',
    responses: { 200: json(modelsResponseSchema, 'Model versions') },
  },
  {
    method: 'get',
    path: '/drift/reports/{name}',
    summary: "A past cycle's drift report, kept for the last drift_reports.keep cycles (default 100)",
    request: { params: z.object({ name: reportNameSchema }) },
    responses: {
      200: {
        description: 'The report',
        content: { 'text/html': { schema: z.string() }, 'application/json': { schema: z.object({}).loose() } },
      },
      400: error('Not a run id'),
      404: error('No archived report for that run (none was made, or it was pruned)'),
    },
  },
];

/** Registers the dashboard's routes on `app`. */
export function registerDashboardRoutes(app: Express, services: ApiServices, viewerOf: (req: Request) => Viewer): void {
  const source = new DashboardSource(services.config, services.live);
  const sendHtml = (res: Response, body: string, csp: string) => {
    res
      .set({ 'content-security-policy': pageCsp(csp), 'referrer-policy': 'no-referrer' })
      .type('text/html')
      .send(body);
  };

  app.get('/', (_req: Request, res: Response) => {
    res.redirect(302, '/dashboard');
  });

  app.get('/dashboard', async (req: Request, res: Response) => {
    sendHtml(res, renderDashboardPage(await source.load(), viewerOf(req)), DASHBOARD_CSP);
  });

  app.get('/dashboard/fragment', async (_req: Request, res: Response) => {
    sendHtml(res, renderDashboardContent(await source.load()), DASHBOARD_CSP);
  });

  app.get('/runs', async (req: Request, res: Response) => {
    const query = parseInput(runsQuerySchema, req.query, 'query');
    res.json(await runsPage(services.config, query));
  });

  app.get('/models', async (_req: Request, res: Response) => {
    res.json(await source.modelVersions());
  });

  app.get('/drift/reports/:name', async (req: Request, res: Response) => {
    const name = parseInput(reportNameSchema, req.params.name, 'report name');
    const kind = name.endsWith('.json') ? 'json' : 'html';
    const runId = kind === 'json' ? name.slice(0, -'.json'.length) : name;
    let body: string;
    try {
      body = await readFile(join(services.config.output_folder_path, archivedReportName(runId, kind)), 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT')
        throw new NotFoundError(
          `no archived drift report for run ${runId} (the cycle compared no data, or its report was pruned: drift_reports.keep)`,
        );
      throw cause;
    }
    if (kind === 'json') res.type('application/json').send(body);
    else sendHtml(res, body, REPORT_CSP);
  });
}
