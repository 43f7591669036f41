/**
 * A webhook request for an alert, and sending it. `json`: the alert as a JSON object, signed like
 * payment webhooks are: `X-Attrition-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`
 * with `X-Attrition-Timestamp` (Unix seconds) and `Idempotency-Key` (the same on every retry of one
 * alert to one channel). `slack`: Slack's incoming-webhook message (`text`, and `blocks` of mrkdwn).
 * Sending waits at most `timeoutMs`, follows no redirect, and never puts the URL or a secret in an
 * error (a Slack URL is itself a secret).
 */
import { createHmac } from 'node:crypto';
import type { Alert } from '../records/alert-files.ts';

/** The body a `json` webhook receives. */
export interface JsonAlertBody extends Alert {
  /** `<alert id>:<channel>`: the same on every retry; receivers drop repeats by it. */
  idempotency_key: string;
}

/** A request ready to send. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The signature header's value for `body` sent at `timestamp` (Unix seconds). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Text safe inside Slack mrkdwn (its three control characters escaped). */
function slackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const STATUS_WORDS: Record<Alert['status'], string> = {
  firing: 'FIRING',
  repeat: 'STILL FIRING',
  resolved: 'RESOLVED',
  event: 'EVENT',
};

/** Slack's incoming-webhook message for `alert`. */
export function slackBody(alert: Alert): { text: string; blocks: object[] } {
  const headline = `[${alert.severity}] ${STATUS_WORDS[alert.status]} ${alert.kind}: ${alert.summary}`;
  const numbers = Object.entries(alert.numbers).map(([name, value]) => `${name}: ${value}`);
  const context = [
    `subject: ${alert.subject}`,
    `since ${alert.since}`,
    ...Object.entries(alert.links).map(([k, v]) => `${k}: ${v}`),
  ];
  return {
    text: slackText(headline),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: slackText(headline) } },
      ...(numbers.length ? [{ type: 'section', text: { type: 'mrkdwn', text: slackText(numbers.join('\n')) } }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackText(context.join(' · ')) }] },
    ],
  };
}

/** The request delivering `alert` under idempotency key `key` in `format` to `url`, at `now`. */
export function webhookRequest(
  channel: { url: string; format: 'json' | 'slack'; secret: string | null },
  alert: Alert,
  key: string,
  now: Date,
): WebhookRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': key };
  if (channel.format === 'slack') return { url: channel.url, headers, body: JSON.stringify(slackBody(alert)) };
  const body = JSON.stringify({ ...alert, idempotency_key: key } satisfies JsonAlertBody);
  if (channel.secret === null) throw new Error('a json webhook needs its secret to sign the body');
  const timestamp = Math.floor(now.getTime() / 1000);
  headers['x-attrition-timestamp'] = String(timestamp);
  headers['x-attrition-signature'] = signature(channel.secret, timestamp, body);
  return { url: channel.url, headers, body };
}

/** What sending did: the receiver's status (null when none came) and, unless it was a 2xx, why not. */
export interface SendOutcome {
  delivered: boolean;
  status: number | null;
  error: string | null;
}

/** Sends `request`, waiting at most `timeoutMs`; a redirect is a failure (never followed). */
export async function sendWebhook(request: WebhookRequest, timeoutMs: number): Promise<SendOutcome> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300)
      return { delivered: true, status: response.status, error: null };
    const why =
      response.status >= 300 && response.status < 400 ? 'a redirect (not followed)' : `HTTP ${response.status}`;
    return { delivered: false, status: response.status, error: why };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return { delivered: false, status: null, error: `no answer within ${timeoutMs} ms` };
    // the cause names the network error (ECONNREFUSED, ...); the message may hold the URL: left out
    const code = (error as { cause?: { code?: string } }).cause?.code ?? 'network error';
    return { delivered: false, status: null, error: `not sent: ${code}` };
  }
}
