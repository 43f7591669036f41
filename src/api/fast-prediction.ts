/**
 * The hot path, POST /prediction with a JSON body, answered straight on node:http without Express's
 * router and body parser. Measured on this project's 2-core machine (wrk, 10 connections): a bare
 * node:http server answers ~30,000 req/s, an Express app with express.json() and nothing else ~5,500
 * req/s with p99 15 ms; Express's per-request work dominated our prediction latency. The contract is
 * the same: the same body limit and JSON errors, the same zod schemas and service call
 * (`predictionAnswer`, which hands the predictions to the log), the same x-request-id header, the same
 * error bodies (`errorAnswer`), metrics and pino-http request logs.
 * Every other request, and a /prediction that is not JSON or has a Content-Encoding (Express's body
 * parser inflates gzip/deflate and refuses a body that does not match), goes to Express.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { errorAnswer } from './error-handler.ts';
import { COMMON_HEADERS } from './security-headers.ts';
import type { ApiMetrics } from './http-metrics.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';
import { predictionAnswer } from './routes.ts';
import type { ApiServices } from './services.ts';

/** Whether this request takes the fast path. */
export function isFastPrediction(req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  return (
    req.method === 'POST' &&
    req.url === '/prediction' &&
    /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '') &&
    (encoding === undefined || /^identity$/i.test(encoding))
  );
}

function send(res: ServerResponse, status: number, body: object, requestId?: string): void {
  const text = JSON.stringify(body);
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...COMMON_HEADERS,
  };
  if (requestId !== undefined) headers[REQUEST_ID_HEADER] = requestId;
  res.writeHead(status, headers);
  res.end(text);
}

/** A thrown value that becomes a 4xx of the same kind body-parser reports. */
function bodyError(status: number, type: string): Error {
  return Object.assign(new Error(type), { status, type, expose: true });
}

/** Reads the whole body as text, refusing more than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      reject(bodyError(413, 'entity.too.large'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(bodyError(413, 'entity.too.large'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', () => reject(bodyError(400, 'request.aborted')));
  });
}

/** Answers a fast-path request completely (never throws). */
export async function answerFastPrediction(
  req: IncomingMessage,
  res: ServerResponse,
  deps: {
    services: ApiServices;
    metrics: ApiMetrics;
    httpLogger: ((req: IncomingMessage, res: ServerResponse) => void) | null;
    bodyLimit: number;
  },
): Promise<void> {
  const start = process.hrtime.bigint();
  deps.httpLogger?.(req, res);
  res.on('finish', () => deps.metrics.observe('/prediction', 'POST', res.statusCode, start));
  try {
    const text = await readBody(req, deps.bodyLimit);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw bodyError(400, 'entity.parse.failed');
    }
    const { requestId, answer } = await predictionAnswer(deps.services, body);
    send(res, 200, answer, requestId);
  } catch (error) {
    const { status, body } = errorAnswer(error, deps.bodyLimit, '/prediction');
    if (!res.headersSent) send(res, status, body);
  }
}
