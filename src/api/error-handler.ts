/**
 * The one Express error handler and the 404 fallback. Our AppErrors keep their status and message;
 * body-parser's errors become 400 (malformed JSON), 413 (too large) or 415; anything else is a 500
 * with a generic message (logged with its stack, never sent). Messages name the project's files as
 * config.json names their folders, never by absolute path (project-paths.ts).
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';
import { log } from '../log.ts';
import type { ProjectPaths } from '../project-paths.ts';
import { ValidationError } from './validate.ts';

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  expose?: boolean;
}

const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'request body is not valid JSON',
  'entity.too.large': 'request body is too large',
  'encoding.unsupported': 'unsupported content encoding',
  'charset.unsupported': 'unsupported charset',
  'request.aborted': 'request aborted by the client',
  'request.size.invalid': 'request size did not match Content-Length',
  'stream.encoding.set': 'request stream error',
};

/** The status and body an error is answered with. */
export interface ErrorAnswer {
  status: number;
  body: { error: string; issues?: { path: string; message: string }[] };
}

/** Maps any thrown value to its answer; unexpected errors are logged and get a generic 500. */
export function errorAnswer(error: unknown, bodyLimit: number, path: string): ErrorAnswer {
  if (error instanceof ValidationError) return { status: 400, body: { error: error.message, issues: error.issues } };
  if (error instanceof AppError && (error.status < 500 || error.status === 503))
    return { status: error.status, body: { error: error.message } };
  const httpish = (error ?? {}) as HttpishError;
  const status = httpish.status ?? httpish.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = httpish.type ? BODY_PARSER_MESSAGES[httpish.type] : undefined;
    const message = known
      ? httpish.type === 'entity.too.large'
        ? `${known} (limit ${bodyLimit} bytes)`
        : known
      : httpish.expose && httpish.message
        ? httpish.message
        : 'bad request';
    return { status, body: { error: message } };
  }
  log.error({ err: error, path }, 'unexpected error while answering a request');
  return { status: 500, body: { error: error instanceof AppError ? error.message : 'internal error' } };
}

/** `answer` with the project's absolute paths in its messages named as config.json names them. */
export function withProjectNames(answer: ErrorAnswer, paths: ProjectPaths): ErrorAnswer {
  const { error, issues } = answer.body;
  return {
    status: answer.status,
    body: {
      error: paths.inText(error),
      ...(issues ? { issues: issues.map((i) => ({ path: i.path, message: paths.inText(i.message) })) } : {}),
    },
  };
}

/** The Express error handler: sends `{error, issues?}` with the right status, naming no absolute path. */
export function errorHandler(paths: ProjectPaths) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, body } = withProjectNames(errorAnswer(error, Number(req.app.get('body limit')), req.path), paths);
    res.status(status).json(body);
  };
}

/** 404 for anything no route matched. */
export function notFound(req: Request, res: Response): void {
  res.status(404).json({ error: `no route ${req.method} ${req.path}` });
}
