/**
 * The line format of a segment file. One request's entries are a header line, a JSON object
 * `{"time":"<ISO>","request_id":…,"model_id":…,"rows":N}`, then N record lines, one per entry:
 * `<id>\t<lastmonth_activity>\t<lastyear_activity>\t<number_of_employees>\t<probability>\t<prediction>`,
 * where `<id>` is a JSON string, or empty for none (JSON escapes tabs and newlines: an id never holds
 * one). What a request shares is written once: a 100-record request takes 3.1 kB instead of 23 kB as one
 * JSON object per entry, and writing those bytes was most of what the log cost the API. Numbers are
 * written in JavaScript's shortest round-trip form, so doubles read back bit-exact. Reading checks every
 * field; a line that fails (a torn last line after a crash, garbage) is counted, not fatal, and so are
 * record lines without a valid header before them or beyond its N.
 */
import { FEATURES } from '../data/schema.ts';
import { DAY_MS } from './day.ts';
import { MAX_ID_LENGTH, type PredictionLogBatch } from './entry.ts';

/** One entry read from a line. The parser reuses the object for the next line: copy what you keep. */
export interface LogEntry {
  time: number;
  requestId: string;
  modelId: string;
  id: string | null;
  /** In FEATURES order. */
  features: Float64Array;
  probability: number;
  prediction: number;
}

/** A caller's id as a record line holds it: a JSON string cut to MAX_ID_LENGTH, or nothing. */
function idText(id: string | null | undefined): string {
  if (typeof id !== 'string') return '';
  return JSON.stringify(id.length > MAX_ID_LENGTH ? id.slice(0, MAX_ID_LENGTH) : id);
}

/**
 * The lines of one batch (each ending in a newline); the batch's time must be loggable (see day.ts).
 * Numbers are concatenated as they are (JavaScript's shortest round-trip form); a NaN or an infinity,
 * which the API never produces, makes a line that reading refuses and counts. Plain concatenation: this
 * runs for every served record, and template literals with helper calls per field took three times as long.
 */
export function formatBatch(batch: PredictionLogBatch): string {
  const { ids, probabilities, classes } = batch;
  const [first, second, third] = FEATURES.map((f) => batch.features[f]) as [
    ArrayLike<number>,
    ArrayLike<number>,
    ArrayLike<number>,
  ];
  let text = `{"time":"${new Date(batch.time).toISOString()}","request_id":${JSON.stringify(batch.requestId)},"model_id":${JSON.stringify(batch.modelId)},"rows":${probabilities.length}}\n`;
  for (let i = 0; i < probabilities.length; i++) {
    text +=
      (ids === null ? '' : idText(ids[i])) +
      '\t' +
      first[i] +
      '\t' +
      second[i] +
      '\t' +
      third[i] +
      '\t' +
      probabilities[i] +
      '\t' +
      classes[i] +
      '\n';
  }
  return text;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A number as JSON writes one (Number() alone would also take '', ' 1', '0x1' or 'Infinity'). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A record line's number field, or NaN when it is not one. */
function numberField(text: string): number {
  return JSON_NUMBER.test(text) ? Number(text) : Number.NaN;
}

/** What a header line gives its records, with the records it still announces. */
interface Header {
  time: number;
  requestId: string;
  modelId: string;
  remaining: number;
}

/** A header line's fields, or null when any is missing or out of range (a time outside its day too). */
function readHeader(line: string, dayStart: number): Header | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { time, request_id, model_id, rows } = value as Record<string, unknown>;
  if (typeof time !== 'string' || !ISO_TIME.test(time)) return null;
  const ms = Date.parse(time);
  if (!(ms >= dayStart && ms < dayStart + DAY_MS)) return null;
  if (typeof request_id !== 'string' || typeof model_id !== 'string') return null;
  if (!Number.isSafeInteger(rows) || (rows as number) < 1) return null;
  return { time: ms, requestId: request_id, modelId: model_id, remaining: rows as number };
}

/** A record line's id field: null for none, undefined when it is not a JSON string of at most MAX_ID_LENGTH. */
function readId(field: string): string | null | undefined {
  if (field === '') return null;
  if (field.charCodeAt(0) !== 34 /* " */) return undefined;
  try {
    const id: unknown = JSON.parse(field);
    return typeof id === 'string' && id.length <= MAX_ID_LENGTH ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Fills `entry` from a record line of `header`'s request; false when a field is missing or out of range. */
function readRecord(line: string, header: Header, entry: LogEntry): boolean {
  const fields = line.split('\t');
  if (fields.length !== 3 + FEATURES.length) return false;
  const id = readId(fields[0]!);
  if (id === undefined) return false;
  for (let j = 0; j < FEATURES.length; j++) {
    const feature = numberField(fields[1 + j]!);
    if (!(feature >= 0 && Number.isFinite(feature))) return false;
    entry.features[j] = feature;
  }
  const probability = numberField(fields[1 + FEATURES.length]!);
  if (!(probability >= 0 && probability <= 1)) return false;
  const prediction = fields[2 + FEATURES.length];
  if (prediction !== '0' && prediction !== '1') return false;
  entry.time = header.time;
  entry.requestId = header.requestId;
  entry.modelId = header.modelId;
  entry.id = id;
  entry.probability = probability;
  entry.prediction = prediction === '1' ? 1 : 0;
  return true;
}

/** Lines of segment text read: valid entries (in the range or not) and lines skipped as unreadable. */
export interface ParseCounts {
  entries: number;
  skipped: number;
}

/**
 * Parses a segment of the day starting at `dayStart`, text piece by text piece (pieces cut at line ends,
 * in file order: a request's header and its records may fall in two pieces), and hands each valid entry
 * whose time is in [from, to) to `onEntry`, in line order. A final piece without a newline is a line
 * too (a torn one fails and is counted).
 */
export class SegmentParser {
  readonly counts: ParseCounts = { entries: 0, skipped: 0 };
  private header: Header | null = null;
  private readonly entry: LogEntry = {
    time: 0,
    requestId: '',
    modelId: '',
    id: null,
    features: new Float64Array(FEATURES.length),
    probability: 0,
    prediction: 0,
  };

  constructor(
    private readonly range: { dayStart: number; from: number; to: number },
    private readonly onEntry: (entry: LogEntry) => void,
  ) {}

  /** Parses the lines of `text`. */
  parse(text: string): void {
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      this.line(text.slice(start, end));
      start = end + 1;
    }
  }

  private line(line: string): void {
    if (line.charCodeAt(0) === 123 /* { */) {
      this.header = readHeader(line, this.range.dayStart);
      if (!this.header) this.counts.skipped++;
      return;
    }
    const header = this.header;
    if (!header || header.remaining === 0) {
      this.counts.skipped++;
      return;
    }
    header.remaining--;
    if (!readRecord(line, header, this.entry)) {
      this.counts.skipped++;
      return;
    }
    this.counts.entries++;
    if (header.time >= this.range.from && header.time < this.range.to) this.onEntry(this.entry);
  }
}
