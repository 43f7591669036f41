/**
 * The optional `drift` section of config.json: the share of drifted columns that makes dataset drift,
 * and per-column overrides of the stat test and its threshold. Parsed by src/config.ts; read by
 * computeDrift, which applies the defaults below and checks the overrides against the columns.
 */
import { z } from 'zod';
import { STAT_TEST_NAMES, STAT_TESTS } from './registry.ts';

/** Evidently's default drift_share: dataset drift when at least half of the columns drifted. */
export const DEFAULT_DRIFT_SHARE = 0.5;

/** One column's override: a registered test name and/or a threshold. */
export const columnOverrideSchema = z
  .object({
    test: z
      .enum(STAT_TEST_NAMES, { error: `must be one of ${STAT_TEST_NAMES.map((n) => `'${n}'`).join(', ')}` })
      .optional(),
    threshold: z.number({ error: 'must be a number' }).min(0, { error: 'must be at least 0' }).optional(),
  })
  .strict()
  .superRefine((override, ctx) => {
    const test = override.test && STAT_TESTS[override.test];
    if (test?.kind === 'p_value' && override.threshold !== undefined && override.threshold > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `'${test.name}' gives a p-value: its threshold must be between 0 and 1`,
      });
    }
  });

/** config.json's `drift` section. */
export const driftSectionSchema = z
  .object({
    drift_share: z
      .number({ error: 'must be a number' })
      .gt(0, { error: 'must be greater than 0 and at most 1' })
      .max(1, { error: 'must be greater than 0 and at most 1' })
      .optional(),
    columns: z.record(z.string().min(1, { error: 'column names must not be empty' }), columnOverrideSchema).optional(),
  })
  .strict();

export type ColumnOverride = z.infer<typeof columnOverrideSchema>;
export type DriftSection = z.infer<typeof driftSectionSchema>;
