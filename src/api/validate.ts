/**
 * Parsing request input with zod: a failure becomes a 400 whose body lists each issue with its path.
 */
import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** A 400 carrying zod's issues. */
export class ValidationError extends AppError {
  readonly issues: { path: string; message: string }[];

  constructor(message: string, issues: { path: string; message: string }[]) {
    super(400, message);
    this.issues = issues;
  }
}

/** Parses `value` with `schema` or throws ValidationError naming the first problem. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 20)
    .map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
  const first = issues[0];
  throw new ValidationError(
    `invalid ${what}: ${first ? `${first.path}: ${first.message}` : 'does not match the schema'}`,
    issues,
  );
}
