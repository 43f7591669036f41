/**
 * The labels file's line format: `<observed_at ms>\t<exited>\t<stored_at ms>\t<source>\t<id>\n`, where
 * source and id are JSON strings (JSON escapes tabs and line breaks, so neither holds a raw one). A line
 * that does not parse (a torn last line after a crash) is skipped and counted by the reader.
 */
import { MAX_ID_LENGTH } from '../prediction-log/entry.ts';
import type { Label } from './label.ts';

/** One label as a line of the labels file. */
export function labelLine(label: Label, storedAt: number, source: string): string {
  return `${label.observedAt}\t${label.exited}\t${storedAt}\t${JSON.stringify(source)}\t${JSON.stringify(label.id)}\n`;
}

/** An id field: a JSON string of at most MAX_ID_LENGTH characters, or null. */
function readId(field: string): string | null {
  if (field.length < 2 || field.charCodeAt(0) !== 34 || field.charCodeAt(field.length - 1) !== 34) return null;
  let id: unknown;
  if (field.indexOf('\\') === -1) id = field.slice(1, -1);
  else {
    try {
      id = JSON.parse(field);
    } catch {
      return null;
    }
  }
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : null;
}

/** The label a line holds, or null when the line is not one. */
export function parseLabelLine(line: string): Label | null {
  const fields = line.split('\t');
  if (fields.length !== 5) return null;
  const observedAt = Number(fields[0]);
  if (!Number.isSafeInteger(observedAt) || fields[0] === '') return null;
  const exited = fields[1] === '0' ? 0 : fields[1] === '1' ? 1 : null;
  if (exited === null) return null;
  const id = readId(fields[4]!);
  return id === null ? null : { id, exited, observedAt };
}
