/**
 * The OpenAPI 3 document, generated from the zod schemas the routes parse with
 * (@asteasolutions/zod-to-openapi): one source for validation and documentation.
 */
import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  diagnosticsResponseSchema,
  driftReportResponseSchema,
  errorResponseSchema,
  healthResponseSchema,
  labelsRequestSchema,
  labelsResponseSchema,
  monitoringQuerySchema,
  alertsQuerySchema,
  alertsResponseSchema,
  monitoringResponseSchema,
  predictionRequestSchema,
  predictionResponseSchema,
  requestIdHeaderSchema,
  scoringResponseSchema,
  summaryStatsResponseSchema,
} from './schemas.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(errorResponseSchema, description);

/** Routes documented beyond the built-in ones (later features register theirs here too). */
export type RouteDoc = Parameters<OpenAPIRegistry['registerPath']>[0];

/** Builds the OpenAPI document for the API's routes plus `extra` ones. */
export function buildOpenApiDocument(extra: RouteDoc[] = []): object {
  const registry = new OpenAPIRegistry();
  registry.registerPath({
    method: 'post',
    path: '/prediction',
    summary: 'Predict with the live model: a CSV file of the test data folder, or 1 to 10,000 records',
    request: { body: { content: { 'application/json': { schema: predictionRequestSchema } }, required: true } },
    responses: {
      200: {
        ...json(predictionResponseSchema, 'Predictions (0/1) and probabilities, in input order'),
        headers: z.object({ [REQUEST_ID_HEADER]: requestIdHeaderSchema }),
      },
      400: error(
        'Malformed JSON, wrong types, missing fields, too many records, or a dataset_path outside the test data folder',
      ),
      404: error('dataset_path names no file'),
      413: error(
        'Body larger than the limit (1 MB by default), or the dataset_path file larger than server.dataset_max_bytes (50 MiB by default)',
      ),
      415: error('Content type is not application/json'),
      422: error('The dataset_path file has rejected rows or no valid row'),
      503: error('No model is live'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/labels',
    summary: 'Store delayed labels (1 to 10,000): the truth about predictions logged under their ids',
    request: { body: { content: { 'application/json': { schema: labelsRequestSchema } }, required: true } },
    responses: {
      200: json(labelsResponseSchema, 'How many labels were stored, were duplicates, conflicted'),
      400: error('Malformed JSON, wrong types, missing fields, more than 10,000 labels'),
      413: error('Body larger than the limit (1 MB by default)'),
      415: error('Content type is not application/json'),
      503: error('The labels store stayed locked by another process'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/scoring',
    summary: "The live model's metrics on the test data (no side effects)",
    responses: { 200: json(scoringResponseSchema, 'Metrics'), 503: error('No model is live') },
  });
  registry.registerPath({
    method: 'get',
    path: '/summarystats',
    summary: 'Summary statistics of the ingested data',
    responses: {
      200: json(summaryStatsResponseSchema, 'Per numeric column: mean, median, std (ddof 1), min, max, quartiles'),
      404: error('Nothing ingested yet'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/diagnostics',
    summary: 'Missing data, step timings (last measurement), dependency status (bounded in time)',
    responses: { 200: json(diagnosticsResponseSchema, 'Diagnostics') },
  });
  registry.registerPath({
    method: 'get',
    path: '/drift',
    summary: 'The latest drift report (JSON)',
    responses: { 200: json(driftReportResponseSchema, 'Drift report'), 404: error('No drift report yet') },
  });
  registry.registerPath({
    method: 'get',
    path: '/drift/report',
    summary: 'The latest drift report (self-contained HTML)',
    responses: {
      200: { description: 'HTML report', content: { 'text/html': { schema: z.string() } } },
      404: error('No drift report yet'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/alerts',
    summary: 'Alerts: the conditions that hold, the recent alerts with their delivery attempts per channel',
    request: { query: alertsQuerySchema },
    responses: {
      200: json(alertsResponseSchema, 'The alert state and outbox'),
      400: error('A malformed query'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/monitoring',
    summary:
      'Production monitoring: per chunk of the prediction log, the estimated F1 (CBPE) with its band and thresholds, drift of the served data, prediction drift',
    request: { query: monitoringQuerySchema },
    responses: {
      200: json(monitoringResponseSchema, 'The latest monitoring pass, its chunks narrowed by the query'),
      400: error('A malformed query'),
      503: error('monitoring.json cannot be read'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Liveness and readiness (a model is live and loadable)',
    responses: { 200: json(healthResponseSchema, 'Ready'), 503: json(healthResponseSchema, 'Alive but not ready') },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (text format)',
    responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    responses: {
      200: { description: 'OpenAPI 3 document', content: { 'application/json': { schema: z.object({}).loose() } } },
    },
  });
  for (const route of extra) registry.registerPath(route);
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: {
      title: 'attrition-monitor API',
      version: '1',
      description: 'Predictions, scores and diagnostics of the deployed attrition-risk model.',
    },
  });
}
