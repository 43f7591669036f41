/**
 * The JSON body contract of express.json() (body-parser 2, `strict: true`), for the /prediction fast
 * path, which must answer exactly as Express would. Requests whose headers are plain, UTF-8 JSON with
 * a body (`isPlainJsonRequest`) are read here with body-parser's decoding (`parseJsonBody`); any other
 * (a charset other than utf-8, which body-parser refuses with 415 or decodes itself; a Content-Encoding
 * it inflates or refuses; no body; an unusual Content-Type header) is left to Express, so it answers
 * them itself.
 */
import type { IncomingMessage } from 'node:http';

/** `application/json`, alone or with `charset=utf-8` (any case, quoted or not): what body-parser reads as UTF-8 JSON. */
const PLAIN_JSON_TYPE = /^application\/json[ \t]*(;[ \t]*charset=("?)utf-8\2[ \t]*)?$/i;

/** body-parser's JSON whitespace (RFC 7159) before the first character. */
const LEADING_WHITESPACE = /^[ \t\n\r]*/;

/**
 * Whether body-parser would read this request's body as UTF-8 JSON with no Content-Encoding (type-is's
 * hasBody: a Transfer-Encoding, or a numeric Content-Length).
 */
export function isPlainJsonRequest(req: IncomingMessage): boolean {
  const { headers } = req;
  const encoding = headers['content-encoding'];
  return (
    PLAIN_JSON_TYPE.test(headers['content-type'] ?? '') &&
    (encoding === undefined || /^identity$/i.test(encoding)) &&
    (headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(headers['content-length'])))
  );
}

/** A thrown value that becomes a 4xx of the same kind body-parser reports. */
export function bodyError(status: number, type: string): Error {
  return Object.assign(new Error(type), { status, type, expose: true });
}

/**
 * The value of a JSON body as body-parser gives it: decoded as UTF-8 with invalid bytes replaced by
 * U+FFFD and a leading byte-order mark dropped (iconv-lite), empty as `{}`, anything that does not
 * start with `{` or `[` refused (strict), then JSON.parse; a refusal is a 400 `entity.parse.failed`.
 */
export function parseJsonBody(body: Buffer): unknown {
  const decoded = body.toString('utf8');
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (text.length === 0) return {};
  const first = text[LEADING_WHITESPACE.exec(text)![0].length];
  if (first !== '{' && first !== '[') throw bodyError(400, 'entity.parse.failed');
  try {
    return JSON.parse(text);
  } catch {
    throw bodyError(400, 'entity.parse.failed');
  }
}
