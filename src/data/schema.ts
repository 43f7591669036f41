/**
 * The record schema, named once: an id column, three non-negative integer features and a 0/1 target.
 * Everything that reads, validates, trains on or serves records takes its column names from here.
 */
import { z } from 'zod';

/** The free-text identifier column (not used by the model). */
export const ID_COLUMN = 'corporation';

/** The model's features, in the order of the coefficient vector. */
export const FEATURES = ['lastmonth_activity', 'lastyear_activity', 'number_of_employees'] as const;

/** The binary label. */
export const TARGET = 'exited';

export type Feature = (typeof FEATURES)[number];
export type Target = typeof TARGET;
export type NumericColumn = Feature | Target;

/** Every numeric column: the features, then the target. */
export const NUMERIC_COLUMNS: readonly NumericColumn[] = [...FEATURES, TARGET];

/** Where the target sits in NUMERIC_COLUMNS (and in a record's values). */
export const TARGET_INDEX = NUMERIC_COLUMNS.indexOf(TARGET);

/** All schema columns in file order (the order finaldata.csv is written in). */
export const COLUMNS = [ID_COLUMN, ...FEATURES, TARGET] as const;
export type Column = (typeof COLUMNS)[number];

/** Largest count accepted in a feature column (exactly representable in a double). */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

const count = z.number().int().nonnegative().max(MAX_COUNT);

/** The features of one record, as an API client sends them. */
export const featureRecordSchema = z
  .object({
    [ID_COLUMN]: z.string().max(1000).optional(),
    lastmonth_activity: count,
    lastyear_activity: count,
    number_of_employees: count,
    [TARGET]: z.union([z.literal(0), z.literal(1)]).optional(),
  })
  .strict();

export type FeatureRecord = z.infer<typeof featureRecordSchema>;

/** A data set held as typed columns: one Float64Array per numeric column (the id column is not kept). */
export interface Dataset {
  rows: number;
  columns: Record<NumericColumn, Float64Array>;
}
