/**
 * CSV output helpers: RFC 4180 quoting of one field and of a row.
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Quotes a field when it holds a comma, quote, line break or edge whitespace; null is an empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (with its line feed). */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
