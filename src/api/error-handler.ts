/**
 * The one Express error handler and the 404 fallback. Our AppErrors keep their status and message;
 * body-parser's errors become 400 (malformed JSON), 413 (too large) or 415; anything else is a 500
 * with a generic message (logged with its stack, never sent).
 */
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';
import { log } from '../log.ts';
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

/** Sends `{error, issues?}` with the right status. */
export function errorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (error instanceof ValidationError) {
    res.status(400).json({ error: error.message, issues: error.issues });
    return;
  }
  if (error instanceof AppError && error.status < 500) {
    res.status(error.status).json({ error: error.message });
    return;
  }
  if (error instanceof AppError && error.status === 503) {
    res.status(503).json({ error: error.message });
    return;
  }
  const httpish = (error ?? {}) as HttpishError;
  const status = httpish.status ?? httpish.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = httpish.type ? BODY_PARSER_MESSAGES[httpish.type] : undefined;
    const message = known ? (httpish.type === 'entity.too.large' ? `${known} (limit ${req.app.get('body limit')} bytes)` : known) : httpish.expose && httpish.message ? httpish.message : 'bad request';
    res.status(status).json({ error: message });
    return;
  }
  log.error({ err: error, path: req.path }, 'unexpected error while answering a request');
  res.status(500).json({ error: error instanceof AppError ? error.message : 'internal error' });
}

/** 404 for anything no route matched. */
export function notFound(req: Request, res: Response): void {
  res.status(404).json({ error: `no route ${req.method} ${req.path}` });
}
