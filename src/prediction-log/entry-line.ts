/**
 * The line format of a segment file: one JSON object per entry, one line per entry,
 * `{"time":"<ISO>","request_id":…,"model_id":…,"id":…|null,<features>,"probability":…,"prediction":0|1}`.
 * Numbers are written in JavaScript's shortest round-trip form, so doubles read back bit-exact. Reading
 * checks every field; a line that fails (a torn last line after a crash, garbage) is counted, not fatal.
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

const [FIRST, SECOND, THIRD] = FEATURES.map((feature) => `,"${feature}":`) as [string, string, string];

/** A caller's id as JSON: a string cut to MAX_ID_LENGTH, or null. */
function idText(id: string | null | undefined): string {
  if (typeof id !== 'string') return 'null';
  return JSON.stringify(id.length > MAX_ID_LENGTH ? id.slice(0, MAX_ID_LENGTH) : id);
}

/**
 * The lines of one batch (each ending in a newline); the batch's time must be loggable (see day.ts).
 * Numbers are concatenated as they are (JavaScript's shortest round-trip form, as JSON writes them); a
 * NaN or an infinity, which the API never produces, makes a line that reading refuses and counts. Plain
 * concatenation: this runs for every served record, and template literals with helper calls per field
 * took three times as long.
 */
export function formatBatch(batch: PredictionLogBatch): string {
  const head = `{"time":"${new Date(batch.time).toISOString()}","request_id":${JSON.stringify(batch.requestId)},"model_id":${JSON.stringify(batch.modelId)},"id":`;
  const [first, second, third] = FEATURES.map((f) => batch.features[f]) as [
    ArrayLike<number>,
    ArrayLike<number>,
    ArrayLike<number>,
  ];
  const { ids, probabilities, classes } = batch;
  let text = '';
  for (let i = 0; i < probabilities.length; i++) {
    text +=
      head +
      (ids === null ? 'null' : idText(ids[i])) +
      FIRST +
      first[i] +
      SECOND +
      second[i] +
      THIRD +
      third[i] +
      ',"probability":' +
      probabilities[i] +
      ',"prediction":' +
      classes[i] +
      '}\n';
  }
  return text;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && Number.isFinite(value);
}

/** Fills `entry` from one parsed line; false when any field is missing or out of range. */
function readFields(value: unknown, dayStart: number, entry: LogEntry): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  const { time, request_id, model_id, id, probability, prediction } = line;
  if (typeof time !== 'string' || !ISO_TIME.test(time)) return false;
  const ms = Date.parse(time);
  if (!(ms >= dayStart && ms < dayStart + DAY_MS)) return false;
  if (typeof request_id !== 'string' || typeof model_id !== 'string') return false;
  if (id !== null && (typeof id !== 'string' || id.length > MAX_ID_LENGTH)) return false;
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) return false;
  if (prediction !== 0 && prediction !== 1) return false;
  for (let j = 0; j < FEATURES.length; j++) {
    const feature = line[FEATURES[j]!];
    if (!isCount(feature)) return false;
    entry.features[j] = feature;
  }
  entry.time = ms;
  entry.requestId = request_id;
  entry.modelId = model_id;
  entry.id = id;
  entry.probability = probability;
  entry.prediction = prediction;
  return true;
}

/** Lines of segment text read: valid entries (in the range or not) and lines skipped as unreadable. */
export interface ParseCounts {
  entries: number;
  skipped: number;
}

/**
 * Parses the lines of `text` (part of a segment of the day starting at `dayStart`) and hands each valid
 * entry whose time is in [from, to) to `onEntry`, in line order. A line whose time is outside its day is
 * invalid. A final piece without a newline is a line too (a torn one fails to parse and is counted).
 */
export function parseSegmentText(
  text: string,
  range: { dayStart: number; from: number; to: number },
  onEntry: (entry: LogEntry) => void,
): ParseCounts {
  const entry: LogEntry = {
    time: 0,
    requestId: '',
    modelId: '',
    id: null,
    features: new Float64Array(FEATURES.length),
    probability: 0,
    prediction: 0,
  };
  const counts: ParseCounts = { entries: 0, skipped: 0 };
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      value = null;
    }
    start = end + 1;
    if (!readFields(value, range.dayStart, entry)) {
      counts.skipped++;
      continue;
    }
    counts.entries++;
    if (entry.time >= range.from && entry.time < range.to) onEntry(entry);
  }
  return counts;
}
