/**
 * The HTTP contract: zod schemas for every request body, query and response. Routes parse with them;
 * the OpenAPI document is generated from the same schemas (openapi.ts).
 */
import { z } from 'zod';
import { featureRecordSchema, ID_COLUMN } from '../data/schema.ts';
import { MAX_CONFLICTS_SHOWN, MAX_LABELS_PER_REQUEST } from '../labels/label.ts';
import { parseObservedAt } from '../labels/observed-at.ts';
import { MAX_ID_LENGTH } from '../prediction-log/entry.ts';
import { monitoringChunkSchema, monitoringFileSchema } from '../records/monitoring-file.ts';
import { activeConditionSchema, alertSchema, deliveryLineSchema } from '../records/alert-files.ts';
import { TEST_DATA_CSV } from '../records/output-layout.ts';

/** Most records one prediction request may carry. */
export const MAX_RECORDS = 10_000;

export const datasetPredictionRequestSchema = z
  .object({
    dataset_path: z
      .string()
      .min(1)
      .max(255)
      .meta({ description: 'Name of a CSV file inside the test data folder', example: TEST_DATA_CSV }),
  })
  .strict()
  .meta({ id: 'DatasetPredictionRequest' });

/** One record of a records request: the data schema's fields plus the caller's optional `id`. */
export const predictionRecordSchema = z
  .object({
    id: z
      .string()
      .max(MAX_ID_LENGTH)
      .optional()
      .meta({
        description: `The caller's id of the record (at most ${MAX_ID_LENGTH} characters), kept with its prediction in the prediction log`,
        example: 'acme-0042',
      }),
    ...featureRecordSchema.shape,
    [ID_COLUMN]: featureRecordSchema.shape[ID_COLUMN].meta({
      description: `The company's name; logged as the record's id when \`id\` is absent or empty (its first ${MAX_ID_LENGTH} characters)`,
      example: 'Acme Corp',
    }),
  })
  .strict()
  .meta({ id: 'FeatureRecord' });

/** A record as the records request carries it. */
export type PredictionRecord = z.infer<typeof predictionRecordSchema>;

export const recordsPredictionRequestSchema = z
  .object({
    records: z.array(predictionRecordSchema).min(1).max(MAX_RECORDS),
  })
  .strict()
  .meta({ id: 'RecordsPredictionRequest' });

/** A records request with its records unchecked (validate.ts parseElements checks them one by one). */
export const recordsRequestShellSchema = recordsPredictionRequestSchema.extend({
  records: z.array(z.unknown()).min(1).max(MAX_RECORDS),
});

export const predictionRequestSchema = z
  .union([datasetPredictionRequestSchema, recordsPredictionRequestSchema])
  .meta({ id: 'PredictionRequest' });

export const predictionResponseSchema = z
  .object({
    model_id: z.string(),
    predictions: z.array(z.union([z.literal(0), z.literal(1)])),
    probabilities: z.array(z.number().min(0).max(1)),
  })
  .meta({ id: 'PredictionResponse' });

/** The x-request-id header of a prediction answer. */
export const requestIdHeaderSchema = z.string().meta({
  description: 'The id of this request, a UUID made by the server; its predictions are logged under it',
  example: '3b241101-e2bb-4255-8caf-4136c566a962',
});

const ratio = z.number().min(0).max(1);

export const scoringResponseSchema = z
  .object({
    model_id: z.string(),
    f1: ratio,
    precision: ratio,
    recall: ratio,
    accuracy: ratio,
    roc_auc: ratio.nullable(),
    confusion_matrix: z.array(z.array(z.number().int())).meta({ description: '[[tn, fp], [fn, tp]]' }),
    rows: z.number().int(),
  })
  .meta({ id: 'ScoringResponse' });

const columnSummarySchema = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  std: z.number().nullable().meta({ description: 'sample standard deviation (ddof 1)' }),
  min: z.number().nullable(),
  max: z.number().nullable(),
  q25: z.number().nullable(),
  q75: z.number().nullable(),
});

export const summaryStatsResponseSchema = z
  .object({ rows: z.number().int(), data_file: z.string(), columns: z.record(z.string(), columnSummarySchema) })
  .meta({ id: 'SummaryStatsResponse' });

const unavailableSchema = z.object({ status: z.literal('unavailable'), reason: z.string() });

export const diagnosticsResponseSchema = z
  .object({
    model_id: z.string().nullable(),
    missing_data: z
      .union([z.record(z.string(), z.number()), unavailableSchema])
      .meta({ description: 'percent of missing values per column of the ingested data' }),
    timings: z.union([
      z.object({
        measured_at: z.string(),
        input_folder: z.string(),
        rows: z.number(),
        ingestion_ms: z.number(),
        training_ms: z.number(),
      }),
      unavailableSchema,
    ]),
    dependencies: z.union([
      z.object({
        status: z.literal('ok'),
        checked_at: z.string(),
        dependencies: z.array(
          z.object({
            name: z.string(),
            installed: z.string().nullable(),
            wanted: z.string().nullable(),
            latest: z.string().nullable(),
            outdated: z.boolean(),
          }),
        ),
      }),
      z.object({ status: z.literal('unavailable'), checked_at: z.string(), reason: z.string() }),
    ]),
  })
  .meta({ id: 'DiagnosticsResponse' });

export const healthResponseSchema = z
  .object({
    /** degraded: ready, but a cycle's step runs past its deadline (schedule.step_deadline_minutes). */
    status: z.enum(['ok', 'degraded', 'unavailable']),
    live: z.boolean(),
    ready: z.boolean(),
    model_id: z.string().nullable(),
    reason: z.string().optional(),
    cycle: z.object({
      running: z.boolean(),
      started_at: z.string().optional(),
      step: z.string().optional(),
      step_started_at: z.string().optional(),
      step_deadline_at: z.string().optional(),
      overdue: z.boolean(),
    }),
  })
  .meta({ id: 'HealthResponse' });

export const errorResponseSchema = z
  .object({
    error: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'ErrorResponse' });

export const driftReportResponseSchema = z
  .object({
    reference_rows: z.number().int(),
    current_rows: z.number().int(),
    share_drifted: z.number(),
    dataset_drift: z.boolean(),
    columns: z.record(
      z.string(),
      z
        .object({
          test: z.string(),
          kind: z.enum(['p_value', 'distance']),
          score: z.number(),
          threshold: z.number(),
          drifted: z.boolean(),
        })
        .loose(),
    ),
  })
  .loose()
  .meta({ id: 'DriftReport' });

/** One delayed label: did the corporation with this id exit, as observed at a moment. */
export const labelSchema = z
  .object({
    id: z.string().min(1).max(MAX_ID_LENGTH).meta({
      description: 'The id its predictions were logged under (`id` of a /prediction record)',
      example: 'acme-0042',
    }),
    exited: z.union([z.literal(0), z.literal(1)]).meta({ description: '1: the corporation exited; 0: it stayed' }),
    observed_at: z
      .string()
      .superRefine((text, context) => {
        const time = parseObservedAt(text);
        if (typeof time === 'string') context.addIssue({ code: 'custom', message: time });
      })
      .optional()
      .meta({
        description: 'When it was observed: an ISO 8601 date or date-time with an offset (default: now)',
        example: '2027-03-01T00:00:00Z',
      }),
  })
  .strict()
  .meta({ id: 'Label' });

/** A label as POST /labels carries it. */
export type LabelInput = z.infer<typeof labelSchema>;

export const labelsRequestSchema = z
  .object({ labels: z.array(labelSchema).min(1).max(MAX_LABELS_PER_REQUEST) })
  .strict()
  .meta({ id: 'LabelsRequest' });

/** A labels request with its labels unchecked (validate.ts parseElements checks them one by one). */
export const labelsRequestShellSchema = labelsRequestSchema.extend({
  labels: z.array(z.unknown()).min(1).max(MAX_LABELS_PER_REQUEST),
});

export const labelsResponseSchema = z
  .object({
    received: z.number().int().meta({ description: 'labels in the request' }),
    stored: z.number().int().meta({ description: 'new labels, stored' }),
    duplicates: z
      .number()
      .int()
      .meta({ description: 'labels equal to a stored one (same id, time and exited): counted once' }),
    conflicts: z
      .number()
      .int()
      .meta({ description: 'labels whose exited differs from the one stored for the same id and time: not applied' }),
    conflicted: z
      .array(
        z.object({
          id: z.string(),
          observed_at: z.string(),
          stored: z.union([z.literal(0), z.literal(1)]),
          given: z.union([z.literal(0), z.literal(1)]),
        }),
      )
      .meta({ description: `the first ${MAX_CONFLICTS_SHOWN} conflicts` }),
  })
  .meta({ id: 'LabelsResponse' });

export type LabelsAnswer = z.infer<typeof labelsResponseSchema>;

/** Most chunks one GET /monitoring answers. */
export const MONITORING_MAX_LIMIT = 1000;

export const monitoringQuerySchema = z
  .object({
    from: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Only chunks ending after this moment (ISO 8601)', example: '2026-11-01T00:00:00Z' }),
    to: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Only chunks starting before this moment (ISO 8601)', example: '2026-12-01T00:00:00Z' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MONITORING_MAX_LIMIT)
      .default(100)
      .meta({ description: `Most chunks answered, newest first (1 to ${MONITORING_MAX_LIMIT})`, example: 20 }),
  })
  .strict()
  .meta({ id: 'MonitoringQuery' });

export const monitoringResponseSchema = monitoringFileSchema
  .extend({
    computed_at: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'when the monitoring pass ran (`npm run monitor`, every cycle); null before the first' }),
    chunks: z.array(monitoringChunkSchema).meta({ description: 'newest first' }),
  })
  .meta({ id: 'MonitoringResponse' });

/** Most recent alerts one GET /alerts answers. */
export const ALERTS_MAX_LIMIT = 500;

export const alertsQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(ALERTS_MAX_LIMIT)
      .default(50)
      .meta({ description: `Most recent alerts answered, newest first (1 to ${ALERTS_MAX_LIMIT})`, example: 20 }),
  })
  .strict()
  .meta({ id: 'AlertsQuery' });

const deliveryAttemptSchema = deliveryLineSchema.omit({ key: true });

export const alertsResponseSchema = z
  .object({
    active: z.array(activeConditionSchema).meta({ description: 'the conditions that hold, most severe first' }),
    recent: z
      .array(
        alertSchema.extend({
          deliveries: z.array(
            z.object({
              channel: z.string(),
              state: z.enum(['pending', 'delivered', 'failed']),
              attempts: z.array(deliveryAttemptSchema),
            }),
          ),
        }),
      )
      .meta({ description: 'alerts sent to channels, newest first, with every delivery attempt' }),
    attempts: z
      .array(z.object({ channel: z.string(), outcome: z.enum(['delivered', 'retry', 'failed']), count: z.number() }))
      .meta({ description: 'delivery attempts by channel and outcome' }),
  })
  .meta({ id: 'AlertsResponse' });
