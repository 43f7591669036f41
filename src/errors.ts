/**
 * Errors as values: every error a user can act on carries an HTTP-like status and a message that names
 * the file, line, column or field at fault. One place (the CLI runner, the Express error handler) maps
 * them to exit codes and responses.
 */

/** An error meant for the user: `status` follows HTTP conventions (4xx: their input, 5xx: ours). */
export class AppError extends Error {
  readonly status: number;

  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
  }
}

/** config.json is missing, unreadable or invalid: the command stops with exit code 2. */
export class ConfigError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(400, message, options);
  }
}

/** Input data is unusable (no file, no valid row, wrong shape). */
export class DataError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(422, message, options);
  }
}

/** Something the request or command needs does not exist (no deployment, no report yet). */
export class NotFoundError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(404, message, options);
  }
}

/** A file we wrote earlier (model, deployment record) fails validation when read back. */
export class CorruptFileError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(500, message, options);
  }
}

/** A readable one-line description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
