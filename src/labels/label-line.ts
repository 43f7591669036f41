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

/**
 * The label the line `text.slice(start, end)` holds (without its line break), or null when the line is
 * not one. Read in place, field by field: no array and no string per field but the id.
 */
export function parseLabelLine(text: string, start = 0, end = text.length): Label | null {
  const tab1 = text.indexOf('\t', start);
  if (tab1 <= start || tab1 >= end) return null;
  const observedAt = Number(text.slice(start, tab1));
  if (!Number.isSafeInteger(observedAt)) return null;
  const exitedCode = text.charCodeAt(tab1 + 1);
  if (text.charCodeAt(tab1 + 2) !== 9 || (exitedCode !== 48 && exitedCode !== 49)) return null;
  const tab3 = text.indexOf('\t', tab1 + 3);
  const tab4 = tab3 === -1 ? -1 : text.indexOf('\t', tab3 + 1);
  if (tab3 === -1 || tab4 === -1 || tab4 >= end) return null;
  const extra = text.indexOf('\t', tab4 + 1);
  if (extra !== -1 && extra < end) return null;
  const id = readId(text.slice(tab4 + 1, end));
  return id === null ? null : { id, exited: exitedCode === 49 ? 1 : 0, observedAt };
}
