/**
 * The model file (`trainedmodel.json`): its zod schema, the conversion of a fitted model to it, and the
 * parser that refuses a corrupted file with a CorruptFileError naming the path and the field at fault.
 */
import { z } from 'zod';
import { AppError, CorruptFileError } from '../errors.ts';
import { FEATURES } from '../data/schema.ts';
import type { LogisticModel } from './logistic-regression.ts';
import { makeModelId } from './model-id.ts';

/** The `format` tag of a model file. */
export const MODEL_FILE_FORMAT = 'attrition-monitor/logistic-regression';

/** The `format_version` this code reads and writes. */
export const MODEL_FILE_VERSION = 1;

const count = z.number().int().nonnegative();
const jsonValue = z.json();

/** The model file; numbers must be finite, features must be the schema's FEATURES in order. */
export const modelFileSchema = z
  .object({
    format: z.literal(MODEL_FILE_FORMAT),
    format_version: z.literal(MODEL_FILE_VERSION),
    model_id: z.string().min(1),
    features: z
      .array(z.string())
      .refine((names) => names.length === FEATURES.length && names.every((name, i) => name === FEATURES[i]), {
        message: `expected the schema's features [${FEATURES.join(', ')}]`,
      }),
    coefficients: z.array(z.number()),
    intercept: z.number(),
    C: z.number().positive(),
    tol: z.number().positive(),
    max_iter: count,
    iterations: count,
    converged: z.boolean(),
    trained_at: z.iso.datetime(),
    training_rows: count,
    trained_on: jsonValue,
  })
  .refine((file) => file.coefficients.length === file.features.length, {
    path: ['coefficients'],
    message: 'expected one coefficient per feature',
  });

/** A parsed model file. */
export type ModelFile = z.infer<typeof modelFileSchema>;

/** What the pipeline adds to a fitted model when it saves it. */
export interface ModelMetadata {
  trainedAt: Date;
  /** What the model was trained on (files, hashes, rows...): any JSON value. */
  trainedOn: z.infer<typeof jsonValue>;
  /** Defaults to makeModelId(model, trainedAt). */
  modelId?: string;
}

/** The model file of a fitted model; throws AppError (500) if the result would not read back. */
export function modelToFile(model: LogisticModel, metadata: ModelMetadata): ModelFile {
  const file = {
    format: MODEL_FILE_FORMAT,
    format_version: MODEL_FILE_VERSION,
    model_id: metadata.modelId ?? makeModelId(model, metadata.trainedAt),
    features: [...model.features],
    coefficients: [...model.coefficients],
    intercept: model.intercept,
    C: model.C,
    tol: model.tol,
    max_iter: model.maxIter,
    iterations: model.iterations,
    converged: model.converged,
    trained_at: metadata.trainedAt.toISOString(),
    training_rows: model.trainingRows,
    trained_on: metadata.trainedOn,
  };
  const parsed = modelFileSchema.safeParse(file);
  if (!parsed.success) throw new AppError(500, `model cannot be saved: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Parses the text of the model file at `path` (named in errors) into the model and the file record. */
export function parseModelFile(text: string, path: string): { model: LogisticModel; file: ModelFile } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CorruptFileError(`${path}: corrupt model file, not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success)
    throw new CorruptFileError(`${path}: corrupt model file, ${describeIssues(parsed.error)}`, { cause: parsed.error });
  const file = parsed.data;
  const model: LogisticModel = {
    features: [...file.features],
    coefficients: [...file.coefficients],
    intercept: file.intercept,
    C: file.C,
    tol: file.tol,
    maxIter: file.max_iter,
    iterations: file.iterations,
    converged: file.converged,
    trainingRows: file.training_rows,
  };
  return { model, file };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `field ${issue.path.length ? issue.path.map(String).join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
}
