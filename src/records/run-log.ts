/**
 * The cycle's history: one JSON object per line in `<output_folder_path>/runs.jsonl`. Each record is
 * appended with a single write, so a crash never leaves half a record behind a good one; readers skip
 * a line that does not parse. The newest records are read from the end of the file, a block at a time,
 * so reading the last runs (or one page of older runs) does not load the whole history.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { appendLines } from '../data/append-lines.ts';
import { runRecordSchema, type RunRecord } from './run-record.ts';

const BLOCK_BYTES = 256 * 1024;
const NEWLINE = 10;

/** Appends one record as a line (not through a link: data/append-lines.ts). */
export async function appendRun(path: string, record: object): Promise<void> {
  await appendLines(path, [JSON.stringify(record)]);
}

/**
 * The file's bytes from the end to the start in blocks of whole lines (the first block may end without
 * a newline; a line longer than a block is joined across reads). Each block is yielded once.
 */
async function* blocksFromEnd(handle: FileHandle): AsyncGenerator<Buffer> {
  let position = (await handle.stat()).size;
  let carry = Buffer.alloc(0);
  while (position > 0) {
    const length = Math.min(BLOCK_BYTES, position);
    position -= length;
    const chunk = Buffer.alloc(length);
    await handle.read(chunk, 0, length, position);
    const data = carry.length > 0 ? Buffer.concat([chunk, carry]) : chunk;
    const firstNewline = position > 0 ? data.indexOf(NEWLINE) : -1;
    if (position > 0 && firstNewline < 0) {
      carry = data;
      continue;
    }
    carry = data.subarray(0, firstNewline + 1);
    yield data.subarray(firstNewline + 1);
  }
}

/** The lines of a block, last first (empty lines included). */
function* linesOf(block: Buffer): Generator<Buffer> {
  let end = block.length;
  while (end > 0) {
    const newline = block.lastIndexOf(NEWLINE, end - 1);
    yield block.subarray(newline + 1, end);
    if (newline < 0) return;
    end = newline;
  }
}

/** Opens `path` for reading, or returns null when it does not exist. */
async function openIfExists(path: string): Promise<FileHandle | null> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A line parsed as JSON, or undefined for an empty, torn or foreign line. */
function parseLine(line: Buffer): unknown {
  const text = line.toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A parsed line as a run record, or null when it does not fit the schema. */
export function parseRunRecord(raw: unknown): RunRecord | null {
  const parsed = runRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Reads up to `limit` run records from the end of the file, newest first, skipping `skip` records
 * first. Lines that do not parse (a torn last line) or do not fit the schema are left out.
 */
export async function readLastRuns(path: string, limit: number, skip = 0): Promise<RunRecord[]> {
  const page = await readRunsPage(path, { limit: limit + skip, accept: parseRunRecord });
  return page.runs.slice(skip);
}

/** What {@link readRunsPage} reads. */
export interface RunsPageOptions<T> {
  /** Most records to return. */
  limit: number;
  /** Start after (older than) the record with this `id`; omitted: start at the newest record. */
  before?: string;
  /** Turns a parsed line into a record, or null to skip it (a line that does not fit the schema). */
  accept: (raw: unknown) => T | null;
}

/** One page of records, newest first. */
export interface RunsPage<T> {
  runs: T[];
  /** Whether older records follow the page. */
  more: boolean;
  /** False when `before` named no record (the page is then empty). */
  found: boolean;
}

/**
 * Reads one page of records from the end of the file, newest first. With `before`, the blocks newer
 * than that record are skipped with a substring search (no JSON parsing) until its line is reached, so
 * the cost of a page grows with its depth, and the first page reads only the last block of the file.
 */
export async function readRunsPage<T>(path: string, options: RunsPageOptions<T>): Promise<RunsPage<T>> {
  const handle = await openIfExists(path);
  if (!handle) return { runs: [], more: false, found: options.before === undefined };
  const needle = options.before === undefined ? null : Buffer.from(`"id":${JSON.stringify(options.before)}`);
  let found = needle === null;
  const runs: T[] = [];
  try {
    for await (const block of blocksFromEnd(handle)) {
      if (!found && !block.includes(needle!)) continue;
      for (const line of linesOf(block)) {
        if (!found) {
          if (!line.includes(needle!)) continue;
          const raw = parseLine(line) as { id?: unknown } | undefined;
          found = raw?.id === options.before;
          continue;
        }
        const raw = parseLine(line);
        if (raw === undefined) continue;
        const record = options.accept(raw);
        if (record === null) continue;
        if (runs.length === options.limit) return { runs, more: true, found };
        runs.push(record);
      }
    }
    return { runs, more: false, found };
  } finally {
    await handle.close();
  }
}
