/**
 * The admin actions (role admin, see auth/roles.ts): POST /runs starts a monitoring cycle now (202 with
 * its run id; 409 while a cycle runs, the schedule's lock), POST /deployments/rollback makes the
 * previously live version live again, POST /deployments/{model_id} makes a stored version live (the
 * checks of `npm run deploy`); each deployment raises its alert as the CLI does. Every action is
 * recorded in the audit log, which GET /audit reads, newest first. The OpenAPI documentation of these
 * routes is exported beside them.
 */
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { raiseDeploymentEvent } from '../alerts/deployment-events.ts';
import type { Config } from '../config.ts';
import { LockedError } from '../data/file-lock.ts';
import { AppError } from '../errors.ts';
import { deployVersion, type DeploymentResult, rollback } from '../pipeline/steps/deploy.ts';
import { auditEntrySchema, readAudit } from '../records/audit-log.ts';
import { outputLayout } from '../records/output-layout.ts';
import type { ProjectPaths } from '../project-paths.ts';
import type { AuditTrail } from './audit-trail.ts';
import type { CycleStarter } from './cycle-starter.ts';
import type { RouteDoc } from './openapi.ts';
import { errorResponseSchema } from './schemas.ts';
import { parseInput } from './validate.ts';

/** Most audit entries one GET /audit answers. */
export const AUDIT_MAX_LIMIT = 1000;

const auditQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(AUDIT_MAX_LIMIT)
      .default(100)
      .meta({ description: `Most recent entries answered, newest first (1 to ${AUDIT_MAX_LIMIT})`, example: 20 }),
  })
  .strict();

const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema).meta({ description: 'newest first' }) });

const runStartedSchema = z.object({
  run_id: z.string(),
  status: z.literal('started'),
  record: z.string().meta({ description: 'where its record appears once it ends' }),
});

const deploymentResponseSchema = z.object({
  live_model_id: z.string(),
  previous_model_id: z.string().nullable(),
  went_live_at: z.string(),
  f1: z.number(),
});

const modelIdParamsSchema = z.object({ model_id: z.string().min(1).max(200) });

/** What the admin routes act with. */
export interface AdminServices {
  config: Config;
  cycles: CycleStarter;
  audit: AuditTrail;
  /** How answers name the project's files (entries written before details were named so). */
  paths: ProjectPaths;
}

/** A 409 naming no file: the lock's path stays out of the answer. */
class CycleRunningError extends AppError {
  constructor() {
    super(409, 'a monitoring cycle is running: try again when it has ended (GET /runs lists it then)');
  }
}

/** The answer describing a deployment. */
function deploymentAnswer(result: DeploymentResult): z.infer<typeof deploymentResponseSchema> {
  return {
    live_model_id: result.modelId,
    previous_model_id: result.previous,
    went_live_at: result.at,
    f1: result.live.score.f1,
  };
}

/** Raises a deployment's alert when it changed the live version. */
async function announce(config: Config, kind: 'model_deployed' | 'rollback', result: DeploymentResult): Promise<void> {
  if (result.previous !== result.modelId) await raiseDeploymentEvent(config, kind, result);
}

/** Registers the admin routes on `app`. */
export function registerAdminRoutes(app: Express, admin: AdminServices): void {
  app.post('/runs', async (req: Request, res: Response) => {
    const runId = await admin.audit.around(
      req,
      'run',
      null,
      () =>
        admin.cycles.start().catch((error: unknown) => {
          throw error instanceof LockedError ? new CycleRunningError() : error;
        }),
      (id) => ({ target: id, outcome: 'accepted', status: 202 }),
    );
    res.status(202).json({ run_id: runId, status: 'started', record: `/runs (id ${runId})` });
  });

  app.post('/deployments/rollback', async (req: Request, res: Response) => {
    const result = await admin.audit.around(
      req,
      'rollback',
      null,
      () => rollback(admin.config),
      (done) => ({ target: done.modelId, detail: `from ${done.previous}` }),
    );
    await announce(admin.config, 'rollback', result);
    res.json(deploymentAnswer(result));
  });

  app.post('/deployments/:model_id', async (req: Request, res: Response) => {
    const { model_id } = parseInput(modelIdParamsSchema, req.params, 'path');
    const result = await admin.audit.around(
      req,
      'deploy',
      model_id,
      () => deployVersion(admin.config, model_id),
      (done) => ({ detail: done.previous === done.modelId ? 'already live' : `replacing ${done.previous ?? 'none'}` }),
    );
    await announce(admin.config, 'model_deployed', result);
    res.json(deploymentAnswer(result));
  });

  app.get('/audit', async (req: Request, res: Response) => {
    const { limit } = parseInput(auditQuerySchema, req.query, 'query');
    res.json({ entries: admin.paths.inStrings(await readAudit(outputLayout(admin.config).output.audit, limit)) });
  });
}

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(errorResponseSchema, description);
const forbidden = { 401: error('No valid token'), 403: error('The token is not an admin token') };

/** OpenAPI documentation of the admin routes (for buildOpenApiDocument). */
export const adminRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/runs',
    summary: 'Starts a monitoring cycle now (admin); its record is in GET /runs once it ends',
    responses: {
      202: json(runStartedSchema, 'The cycle started'),
      409: error('A cycle is running (started by the schedule, the CLI or the API)'),
      ...forbidden,
    },
  },
  {
    method: 'post',
    path: '/deployments/rollback',
    summary: 'Makes the previously live version live again (admin), as `npm run rollback`',
    responses: {
      200: json(deploymentResponseSchema, 'The version now live'),
      404: error('Nothing is deployed'),
      409: error('No earlier version, or the deployment history does not end with the live version'),
      ...forbidden,
    },
  },
  {
    method: 'post',
    path: '/deployments/{model_id}',
    summary:
      'Makes a stored version (GET /models) or the trained model live (admin), after the checks of `npm run deploy`',
    request: { params: modelIdParamsSchema },
    responses: {
      200: json(deploymentResponseSchema, 'The version now live (the same when it already was)'),
      404: error('No such version and not the trained model'),
      409: error('The version is incomplete, or its score is not its own'),
      ...forbidden,
    },
  },
  {
    method: 'get',
    path: '/audit',
    summary: 'The audit log (admin): admin actions and label uploads, by token name, newest first',
    request: { query: auditQuerySchema },
    responses: { 200: json(auditResponseSchema, 'Audit entries'), 400: error('Invalid limit'), ...forbidden },
  },
];
