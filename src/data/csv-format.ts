/**
 * CSV output helpers: RFC 4180 quoting of one field, and the lines of files meant for people (reports
 * opened in a spreadsheet), whose text cells are guarded against formulas (formula-cells.ts).
 */
import { guardFormula, needsFormulaGuard } from './formula-cells.ts';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Quotes a field when it holds a comma, quote, line break or edge whitespace; null is an empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A field of a report: a string is a text cell, written quoted with a leading ' when it could run as a formula. */
export function csvCell(value: string | number | null): string {
  if (typeof value !== 'string' || !needsFormulaGuard(value)) return csvField(value);
  return `"${guardFormula(value).replaceAll('"', '""')}"`;
}

/** One line of a report (with its line feed): numbers as they are, strings as text cells (csvCell). */
export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvCell).join(',')}\n`;
}
