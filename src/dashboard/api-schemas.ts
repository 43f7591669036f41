/**
 * The HTTP contract of the dashboard's JSON endpoints (GET /runs, GET /models): zod schemas the routes
 * parse queries with and the OpenAPI document is generated from.
 */
import { z } from 'zod';
import { RUN_ID_PATTERN } from '../records/run-id.ts';
import { runRecordSchema } from '../records/run-record.ts';

/** Default and largest page size of GET /runs. */
export const RUNS_DEFAULT_LIMIT = 50;
export const RUNS_MAX_LIMIT = 500;

const runId = z.string().regex(RUN_ID_PATTERN, 'expected a run id like 20261126T053549Z-3b5ea6');

export const runsQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(RUNS_MAX_LIMIT)
      .default(RUNS_DEFAULT_LIMIT)
      .meta({ description: `Records per page (1 to ${RUNS_MAX_LIMIT})`, example: 50 }),
    before: runId.optional().meta({
      description: 'Return the runs recorded before (older than) this run id: the `next_before` of the previous page',
    }),
  })
  .strict()
  .meta({ id: 'RunsQuery' });

export const runRecordResponseSchema = runRecordSchema.meta({
  id: 'RunRecord',
  description: 'One monitoring cycle as recorded in runs.jsonl',
});

export const runsPageResponseSchema = z
  .object({
    runs: z.array(runRecordResponseSchema).meta({ description: 'Newest first' }),
    next_before: runId
      .nullable()
      .meta({ description: 'Pass as `before` for the next (older) page; null on the last page' }),
  })
  .meta({ id: 'RunsPage' });

export const livePeriodSchema = z.object({
  from: z.string().meta({ description: 'When the version went live (ISO time)' }),
  to: z.string().nullable().meta({ description: 'When another version replaced it; null while it is live' }),
  action: z.enum(['deploy', 'rollback']).meta({ description: 'How it went live' }),
});

export const modelVersionSchema = z.object({
  model_id: z.string(),
  live: z.boolean(),
  /** Whether the version folder exists under versions/. */
  stored: z.boolean().meta({ description: 'The version folder exists under versions/ (it can be rolled back to)' }),
  test_f1: z.number().nullable().meta({
    description: "F1 on the test data recorded when the version was deployed (the version's latestscore.json)",
  }),
  live_periods: z.array(livePeriodSchema).meta({ description: 'Oldest first' }),
});

export const modelsResponseSchema = z
  .object({
    live_model_id: z.string().nullable(),
    versions: z.array(modelVersionSchema).meta({ description: 'Most recently live first; versions never live last' }),
  })
  .meta({ id: 'ModelsResponse' });

export type RunsPageResponse = z.infer<typeof runsPageResponseSchema>;
export type ModelVersion = z.infer<typeof modelVersionSchema>;
export type ModelsResponse = z.infer<typeof modelsResponseSchema>;
