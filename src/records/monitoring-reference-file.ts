/**
 * `monitoring_reference.json`: a model version's monitoring reference (monitoring/reference.ts) as
 * stored in the model folder and published in the version folder. One JSON object: the header
 * (format, model_id, created_at, rows, sampled_from, folds), `columns` (one array per schema column,
 * features then `exited`) and `probability`, every array `rows` long, each on one line. Numbers are
 * written in JavaScript's shortest round-trip form, so a reference reads back bit for bit. The arrays
 * are checked by plain loops (zod's per-element checks took ~6 ms per 100,000 values, five times over).
 */
import { z } from 'zod';
import { parseJsonText, readJsonFile } from '../data/read-json-file.ts';
import { MAX_COUNT, NUMERIC_COLUMNS, TARGET, type NumericColumn } from '../data/schema.ts';
import { AppError } from '../errors.ts';
import type { MonitoringReference } from '../monitoring/reference.ts';

/** The `format` tag of a monitoring reference file. */
export const MONITORING_REFERENCE_FORMAT = 'attrition-monitor/monitoring-reference';

/** The `format_version` this code reads and writes. */
export const MONITORING_REFERENCE_VERSION = 1;

/** What the values of one array must be. */
interface ValueRule {
  valid: (value: number) => boolean;
  expected: string;
}

const COUNT_RULE: ValueRule = {
  valid: (value) => Number.isInteger(value) && value >= 0 && value <= MAX_COUNT,
  expected: 'a non-negative integer count',
};
const LABEL_RULE: ValueRule = { valid: (value) => value === 0 || value === 1, expected: '0 or 1' };
const PROBABILITY_RULE: ValueRule = { valid: (value) => value >= 0 && value <= 1, expected: 'a probability in [0, 1]' };

/** The rule of each column's values: counts for the features, 0/1 for the label. */
const COLUMN_RULES = Object.fromEntries(
  NUMERIC_COLUMNS.map((name) => [name, name === TARGET ? LABEL_RULE : COUNT_RULE]),
) as Record<NumericColumn, ValueRule>;

/** The index of the first value of `values` that is not a number passing `rule`, or -1. */
function firstInvalid(values: ArrayLike<unknown>, rule: ValueRule): number {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !rule.valid(value)) return i;
  }
  return -1;
}

/** A JSON array of numbers passing `rule`, read into a Float64Array. */
function numberArray(rule: ValueRule) {
  return z.unknown().transform((value, ctx) => {
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: 'expected an array of numbers' });
      return z.NEVER;
    }
    const bad = firstInvalid(value, rule);
    if (bad >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: [bad],
        message: `expected ${rule.expected}, got ${JSON.stringify(value[bad])}`,
      });
      return z.NEVER;
    }
    return Float64Array.from(value as number[]);
  });
}

const count = z.number().int().nonnegative();

/** The stored file; its arrays come out as Float64Arrays, each checked to be `rows` long. */
export const monitoringReferenceFileSchema = z
  .object({
    format: z.literal(MONITORING_REFERENCE_FORMAT),
    format_version: z.literal(MONITORING_REFERENCE_VERSION),
    model_id: z.string().min(1),
    created_at: z.iso.datetime(),
    rows: count,
    sampled_from: count,
    folds: z.number().int().min(2),
    columns: z.object(
      Object.fromEntries(NUMERIC_COLUMNS.map((name) => [name, numberArray(COLUMN_RULES[name])])) as Record<
        NumericColumn,
        ReturnType<typeof numberArray>
      >,
    ),
    probability: numberArray(PROBABILITY_RULE),
  })
  .superRefine((file, ctx) => {
    const arrays: [(string | number)[], Float64Array][] = [
      ...NUMERIC_COLUMNS.map((name): [string[], Float64Array] => [['columns', name], file.columns[name]]),
      [['probability'], file.probability],
    ];
    for (const [path, values] of arrays) {
      if (values.length !== file.rows)
        ctx.addIssue({ code: 'custom', path, message: `expected ${file.rows} values (rows), got ${values.length}` });
    }
    if (file.sampled_from < file.rows)
      ctx.addIssue({ code: 'custom', path: ['sampled_from'], message: `fewer than the ${file.rows} rows kept` });
    if (file.rows < file.folds)
      ctx.addIssue({ code: 'custom', path: ['rows'], message: `fewer rows than the ${file.folds} folds` });
  });

/** A reference read from its file: the reference, the model it belongs to and when it was made. */
export interface StoredMonitoringReference extends MonitoringReference {
  modelId: string;
  createdAt: string;
}

/**
 * An array's JSON text on one line, each number in its shortest round-trip form (JSON.stringify of a
 * plain array: faster than Float64Array's join for 100,000 probabilities, 13 ms against 18 ms).
 */
function numberList(values: Float64Array): string {
  return JSON.stringify(Array.from(values));
}

/** Throws AppError (500) when `reference` would not read back (an array of the wrong length or with a bad value). */
function checkSavable(reference: MonitoringReference): void {
  const cannotSave = 'monitoring reference cannot be saved';
  const arrays: [string, Float64Array, ValueRule][] = [
    ...NUMERIC_COLUMNS.map((name): [string, Float64Array, ValueRule] => [
      `columns.${name}`,
      reference.columns[name],
      COLUMN_RULES[name],
    ]),
    ['probability', reference.probability, PROBABILITY_RULE],
  ];
  for (const [field, values, rule] of arrays) {
    if (values.length !== reference.rows)
      throw new AppError(500, `${cannotSave}: ${field} has ${values.length} values for ${reference.rows} rows`);
    const bad = firstInvalid(values, rule);
    if (bad >= 0) throw new AppError(500, `${cannotSave}: ${field}[${bad}] is ${values[bad]}, not ${rule.expected}`);
  }
}

/** The text of `monitoring_reference.json` for model `modelId`'s `reference`, made at `createdAt`. */
export function monitoringReferenceText(
  modelId: string,
  reference: MonitoringReference,
  createdAt = new Date(),
): string {
  checkSavable(reference);
  const header = {
    format: MONITORING_REFERENCE_FORMAT,
    format_version: MONITORING_REFERENCE_VERSION,
    model_id: modelId,
    created_at: createdAt.toISOString(),
    rows: reference.rows,
    sampled_from: reference.sampledFrom,
    folds: reference.folds,
  };
  const columns = NUMERIC_COLUMNS.map((name) => `    "${name}": ${numberList(reference.columns[name])}`);
  return [
    '{',
    ...Object.entries(header).map(([key, value]) => `  "${key}": ${JSON.stringify(value)},`),
    '  "columns": {',
    columns.join(',\n'),
    '  },',
    `  "probability": ${numberList(reference.probability)}`,
    '}',
    '',
  ].join('\n');
}

/** The reference a parsed file holds. */
function storedReference(file: z.infer<typeof monitoringReferenceFileSchema>): StoredMonitoringReference {
  return {
    modelId: file.model_id,
    createdAt: file.created_at,
    rows: file.rows,
    sampledFrom: file.sampled_from,
    folds: file.folds,
    columns: file.columns,
    probability: file.probability,
  };
}

/** Parses `text`, the contents of the reference file `path`; CorruptFileError naming the file and the field. */
export function parseMonitoringReference(text: string, path: string): StoredMonitoringReference {
  return storedReference(parseJsonText(text, path, monitoringReferenceFileSchema, 'monitoring reference'));
}

/**
 * Reads the reference file `path`; null when it does not exist (a version deployed before references
 * were kept, or whose training data allowed none); CorruptFileError naming the file and the field.
 */
export async function readMonitoringReference(path: string): Promise<StoredMonitoringReference | null> {
  const file = await readJsonFile(path, monitoringReferenceFileSchema, 'monitoring reference');
  return file === null ? null : storedReference(file);
}
