/**
 * A streaming RFC 4180 CSV scanner: yields each record's fields with the physical line it starts on.
 * Handles a UTF-8 byte-order mark, LF and CRLF line endings, quoted fields with commas, doubled quotes
 * and line breaks, and a last line without a line break. Blank lines are skipped. It also hashes the
 * bytes it reads (sha256), so a file's hash always describes exactly the content that was scanned.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/**
 * One record as read: its fields (unquoted) and the 1-based line number it starts on. The object and
 * its fields array are reused for the next record: copy what you keep.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** True when the record ends inside an unterminated quoted field (a truncated file). */
  unterminated: boolean;
}

/** A record longer than this (characters) is cut off and reported: usually an unterminated quote. */
export const MAX_RECORD_CHARS = 1 << 20;

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Parses complete records out of `text`, starting at `start`; returns the offset where an incomplete
 * record begins (or text.length). With `final`, the remainder is parsed as the last record.
 */
function parseRecords(
  text: string,
  firstLine: number,
  final: boolean,
  emit: (record: CsvRecord) => void,
): { consumed: number; line: number } {
  let pos = 0;
  let line = firstLine;
  const length = text.length;
  const fields: string[] = [];
  const record: CsvRecord = { line: 0, fields, unterminated: false };
  while (pos < length) {
    const recordStart = pos;
    const recordLine = line;
    fields.length = 0;
    let fieldStart = pos;
    let inQuotes = false;
    let quoted = false;
    let value = '';
    let complete = false;
    let i = pos;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          if (i + 1 < length && text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(fieldStart, i + 1);
            i++;
            fieldStart = i + 1;
          } else if (i + 1 >= length && !final) {
            break; // cannot tell yet whether this quote is doubled
          } else {
            value += text.slice(fieldStart, i);
            inQuotes = false;
            fieldStart = i + 1;
          }
        } else if (c === LF) {
          line++;
        }
        continue;
      }
      if (c === COMMA) {
        fields.push(quoted ? value + text.slice(fieldStart, i) : text.slice(fieldStart, i));
        value = '';
        quoted = false;
        fieldStart = i + 1;
      } else if (c === LF || c === CR) {
        const end = i;
        if (c === CR) {
          if (i + 1 >= length && !final) break; // a CR at the chunk end: wait for a possible LF
          if (i + 1 < length && text.charCodeAt(i + 1) === LF) i++;
        }
        fields.push(quoted ? value + text.slice(fieldStart, end) : text.slice(fieldStart, end));
        line++;
        complete = true;
        i++;
        break;
      } else if (c === QUOTE && i === fieldStart && value === '' && !quoted) {
        inQuotes = true;
        quoted = true;
        fieldStart = i + 1;
      }
    }
    if (!complete) {
      if (!final) return { consumed: recordStart, line: recordLine };
      fields.push(quoted ? value + text.slice(fieldStart, i) : text.slice(fieldStart, i));
      i = length;
    }
    pos = i;
    const blank = fields.length === 1 && fields[0] === '' && !quoted;
    if (!blank) {
      record.line = recordLine;
      record.unterminated = inQuotes;
      emit(record);
    }
  }
  return { consumed: length, line };
}

/** The result of scanning a whole file. */
export interface ScanSummary {
  sha256: string;
  bytes: number;
  /** True when the content holds NUL bytes: a binary file, not CSV text. */
  binary: boolean;
}

/**
 * Complete lines handed over as bytes: `block` holds whole LF-terminated lines with no quote and no
 * CR, so each line is one record and its fields are the text between commas. Returns how many lines
 * it read (its LF count).
 */
export type PlainLinesHandler = (block: Buffer, firstLine: number) => number;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);

/**
 * Streams `path` and calls `onRecord` for each record in order (the header is record one, line 1).
 * Resolves with the file's sha256 and size once the whole file was read, or once `maxBytes` bytes and
 * one more were: a size above `maxBytes` says the file is larger (it grew since its size was checked).
 *
 * With `onPlainLines`, the records after the header go to it as bytes for as long as the file holds
 * no quote and no CR (the usual export: no string is made per field, which is what costs when a file
 * has a million rows); from the first chunk that holds one, everything goes through the text parser.
 */
export async function scanCsv(
  path: string,
  onRecord: (record: CsvRecord) => void,
  onPlainLines?: PlainLinesHandler,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<ScanSummary> {
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let binary = false;
  let pending = '';
  let line = 1;
  let first = true;
  let plain = onPlainLines !== undefined;
  let headerDone = false;
  let pendingBytes = EMPTY;

  /** Parses `text` (decoded input following `pending`) with the text parser. */
  const parseText = (decoded: string): void => {
    let text = pending + decoded;
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const { consumed, line: next } = parseRecords(text, line, false, onRecord);
    pending = text.slice(consumed);
    line = next;
    if (pending.length > MAX_RECORD_CHARS) {
      line = parseRecords(pending, line, true, onRecord).line;
      pending = '';
    }
  };

  /**
   * Takes the complete lines of `input` as plain lines and keeps the rest for the next chunk (null);
   * or, when they hold a quote or a CR (or the header cannot be told apart), returns the bytes from
   * the current record on for the text parser.
   */
  const takeLines = (input: Buffer): Buffer | null => {
    let start = 0;
    if (first) {
      if (input.subarray(0, BOM.length).equals(BOM)) start = BOM.length;
      first = false;
    }
    const last = input.lastIndexOf(LF);
    if (last < start) return keep(input.subarray(start)); // no complete line yet
    const quote = input.indexOf(QUOTE, start);
    const cr = input.indexOf(CR, start);
    if ((quote !== -1 && quote < last) || (cr !== -1 && cr < last)) return input.subarray(start);
    if (!headerDone) {
      const end = input.indexOf(LF, start);
      if (end === start) return input.subarray(start); // a blank first line: the text parser knows what comes
      parseRecords(input.toString('utf8', start, end + 1), line, false, onRecord);
      headerDone = true;
      line++;
      start = end + 1;
    }
    if (last >= start) line += onPlainLines!(input.subarray(start, last + 1), line);
    return keep(input.subarray(last + 1));
  };

  /** Keeps an incomplete line for the next chunk (null), or returns it for the text parser when too long. */
  const keep = (tail: Buffer): Buffer | null => {
    if (tail.length > MAX_RECORD_CHARS) return tail;
    pendingBytes = Buffer.from(tail);
    return null;
  };

  /** takeLines over the kept bytes and `chunk`, copying only the line that straddles the two. */
  const takePlain = (chunk: Buffer): Buffer | null => {
    const kept = pendingBytes;
    pendingBytes = EMPTY;
    if (kept.length === 0) return takeLines(chunk);
    const firstLf = chunk.indexOf(LF);
    if (firstLf === -1) return takeLines(Buffer.concat([kept, chunk]));
    const rest = takeLines(Buffer.concat([kept, chunk.subarray(0, firstLf + 1)]));
    if (rest !== null) return Buffer.concat([rest, chunk.subarray(firstLf + 1)]);
    return takeLines(chunk.subarray(firstLf + 1));
  };

  const stream = createReadStream(path, { highWaterMark: 1 << 20, end: maxBytes }); // `end` is inclusive
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    if (!binary && chunk.includes(0)) binary = true;
    if (plain) {
      const rest = takePlain(chunk);
      if (rest === null) continue;
      plain = false; // the text parser takes over at a record boundary, for the rest of the file
      parseText(decoder.write(rest));
      continue;
    }
    parseText(decoder.write(chunk));
  }
  let rest = pending + decoder.write(pendingBytes) + decoder.end();
  if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  if (rest.length > 0) parseRecords(rest, line, true, onRecord);
  return { sha256: hash.digest('hex'), bytes, binary };
}

/**
 * The fields of a file's first record (its header), read from the first 64 KiB; null when the file is
 * empty or the first record does not end within that many bytes.
 */
export async function readHeaderFields(path: string): Promise<string[] | null> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let text = new StringDecoder('utf8').write(buffer.subarray(0, bytesRead));
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let header: string[] | null = null;
    parseRecords(text, 1, bytesRead < buffer.length, (record) => {
      header ??= [...record.fields];
    });
    return header;
  } finally {
    await handle.close();
  }
}
