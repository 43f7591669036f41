/**
 * The API calls step: calls every endpoint of a running server once and records what each answered,
 * in `apireturns.txt` (readable, the seed's file) and `apireturns.json` (status, time and body per
 * call). A server that cannot be reached is an error with a one-line message.
 */
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../data/atomic-write.ts';
import { AppError } from '../../errors.ts';
import { log } from '../../log.ts';
import { API_RETURNS_JSON, API_RETURNS_TXT, TEST_DATA_CSV } from '../../records/output-layout.ts';

/** One request and what came back. */
export interface ApiCall {
  method: 'GET' | 'POST';
  path: string;
  request_body?: unknown;
  status: number;
  duration_ms: number;
  /** Parsed JSON, or text for non-JSON answers. */
  body: unknown;
}

/** The whole record of one run of the calls. */
export interface ApiCallsRecord {
  base_url: string;
  called_at: string;
  calls: ApiCall[];
}

const SAMPLE_RECORDS = [
  { lastmonth_activity: 234, lastyear_activity: 3, number_of_employees: 10 },
  { lastmonth_activity: 0, lastyear_activity: 675, number_of_employees: 25 },
];

const CALLS: { method: 'GET' | 'POST'; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/health' },
  { method: 'POST', path: '/prediction', body: { dataset_path: TEST_DATA_CSV } },
  { method: 'POST', path: '/prediction', body: { records: SAMPLE_RECORDS } },
  { method: 'GET', path: '/scoring' },
  { method: 'GET', path: '/summarystats' },
  { method: 'GET', path: '/diagnostics' },
  { method: 'GET', path: '/drift' },
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/openapi.json' },
];

async function call(baseUrl: string, spec: (typeof CALLS)[number], timeoutMs: number): Promise<ApiCall> {
  const start = performance.now();
  const response = await fetch(new URL(spec.path, baseUrl), {
    method: spec.method,
    headers: spec.body === undefined ? {} : { 'content-type': 'application/json' },
    body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return {
    method: spec.method,
    path: spec.path,
    ...(spec.body === undefined ? {} : { request_body: spec.body }),
    status: response.status,
    duration_ms: Math.round((performance.now() - start) * 10) / 10,
    body,
  };
}

/** Calls every endpoint of the server at `baseUrl`; AppError when it cannot be reached. */
export async function callApi(baseUrl: string, timeoutMs = 20_000): Promise<ApiCallsRecord> {
  const called_at = new Date().toISOString();
  const calls: ApiCall[] = [];
  for (const spec of CALLS) {
    try {
      calls.push(await call(baseUrl, spec, timeoutMs));
    } catch (error) {
      const detail = (error as { cause?: { code?: string; message?: string } }).cause;
      const cause = detail?.code ?? detail?.message ?? (error as Error).message;
      throw new AppError(502, `cannot reach the API at ${baseUrl} (${spec.method} ${spec.path}: ${cause})`, {
        cause: error,
      });
    }
  }
  return { base_url: baseUrl, called_at, calls };
}

/** The readable form: each call, its status and its answer. */
function renderText(record: ApiCallsRecord): string {
  const blocks = record.calls.map((c) => {
    const request = c.request_body === undefined ? '' : ` ${JSON.stringify(c.request_body)}`;
    const body = typeof c.body === 'string' ? c.body : JSON.stringify(c.body, null, 2);
    const shown =
      body.length > 4000
        ? `${body.slice(0, 4000)}\n… (${body.length} characters in all; see ${API_RETURNS_JSON})`
        : body;
    return `${c.method} ${c.path}${request}\n-> ${c.status} in ${c.duration_ms} ms\n${shown.trimEnd()}\n`;
  });
  return `API calls to ${record.base_url} at ${record.called_at}\n\n${blocks.join('\n')}`;
}

/** Writes apireturns.txt and apireturns.json into `folder`. */
export async function writeApiReturns(folder: string, record: ApiCallsRecord): Promise<{ txt: string; json: string }> {
  const txt = join(folder, API_RETURNS_TXT);
  const json = join(folder, API_RETURNS_JSON);
  await writeJsonAtomic(json, record);
  await writeFileAtomic(txt, renderText(record));
  log
    .child({ step: 'apicalls' })
    .info({ calls: record.calls.length, url: record.base_url }, `recorded ${record.calls.length} API calls in ${txt}`);
  return { txt, json };
}
