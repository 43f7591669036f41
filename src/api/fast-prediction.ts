/**
 * The hot path, POST /prediction with a JSON body, answered straight on node:http without Express's
 * router and body parser. Measured on this project's 2-core machine (wrk, 10 connections): a bare
 * node:http server answers ~30,000 req/s, an Express app with express.json() and nothing else ~5,500
 * req/s with p99 15 ms; Express's per-request work dominated our prediction latency. The contract is
 * the same: the same body limit and JSON errors, the same zod schemas and service call
 * (`predictionAnswer`, which hands the predictions to the log), the same x-request-id header, the same
 * error bodies (`errorAnswer`), metrics and pino-http request logs.
 * The body is read by express.json()'s contract (json-body.ts): a /prediction that is not plain UTF-8
 * JSON (another charset, a Content-Encoding, no body) goes to Express, like every other request. Its
 * records are counted in the raw bytes before it is parsed (record-limits.ts), as Express's are.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { errorAnswer, withProjectNames } from './error-handler.ts';
import { COMMON_HEADERS } from './security-headers.ts';
import type { ApiMetrics } from './http-metrics.ts';
import { bodyError, isPlainJsonRequest, parseJsonBody } from './json-body.ts';
import { refuseOverCountInBytes } from './record-limits.ts';
import { REQUEST_ID_HEADER } from './request-id.ts';
import { predictionAnswer } from './routes.ts';
import type { ApiServices } from './services.ts';

/** Whether this request takes the fast path. */
export function isFastPrediction(req: IncomingMessage): boolean {
  return req.method === 'POST' && req.url === '/prediction' && isPlainJsonRequest(req);
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

/** Reads the whole body, refusing more than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
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
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
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
    const raw = await readBody(req, deps.bodyLimit);
    refuseOverCountInBytes('/prediction', raw);
    const body = parseJsonBody(raw);
    const { requestId, answer } = await predictionAnswer(deps.services, body);
    send(res, 200, answer, requestId);
  } catch (error) {
    const { status, body } = withProjectNames(errorAnswer(error, deps.bodyLimit, '/prediction'), deps.services.paths);
    if (!res.headersSent) send(res, status, body);
  }
}
