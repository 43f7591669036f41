/**
 * The durable outbox: every alert, once per channel, is appended to outbox.jsonl (and synced) before
 * any delivery is tried, so an alert decided before a crash is delivered after it; each delivery
 * attempt is appended to deliveries.jsonl. An entry is pending until a line says it was delivered or
 * failed for good; it is due when it has no attempt yet or its last retry's time has come. Both files
 * are append-only, mode 600, opened without following a link, written with one write per batch of
 * lines; a torn last line (a crash in a write) is ended before the next append and skipped on read.
 */
import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { constants } from 'node:fs';
import type { z } from 'zod';
import { openRegularFile } from '../data/open-regular-file.ts';
import { type DeliveryLine, deliveryLineSchema, type OutboxEntry, outboxEntrySchema } from '../records/alert-files.ts';

/** An outbox entry with the attempts made so far. */
export interface PendingEntry {
  entry: OutboxEntry;
  attempts: number;
  /** When the next attempt is due (ms); 0 when none was made. */
  dueAt: number;
}

/** The valid lines of the JSON-lines file at `path` (none when it does not exist). */
async function readLines<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
  let text: string;
  try {
    const file = await openRegularFile(path);
    try {
      text = await readFile(file.readPath, 'utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines: T[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const parsed = schema.safeParse(JSON.parse(line));
      if (parsed.success) lines.push(parsed.data);
    } catch {
      // a torn line: skipped
    }
  }
  return lines;
}

/** Appends `values` as lines to `path` (mode 600, not through a link), synced; ends a torn last line first. */
async function appendLines(path: string, values: readonly unknown[]): Promise<void> {
  if (values.length === 0) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const handle = await open(
    path,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    0o600,
  );
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path}: not a regular file`);
    const { size } = info;
    let torn = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      const reader = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        await reader.read(last, 0, 1, size - 1);
      } finally {
        await reader.close();
      }
      torn = last[0] !== 10;
    }
    await appendFile(handle, `${torn ? '\n' : ''}${values.map((v) => JSON.stringify(v)).join('\n')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The outbox under an output folder's alerts/ (paths from output-layout.ts). */
export class AlertOutbox {
  constructor(private readonly paths: { outbox: string; deliveries: string }) {}

  /** Appends entries to deliver (durable when the promise resolves). */
  add(entries: readonly OutboxEntry[]): Promise<void> {
    return appendLines(this.paths.outbox, entries);
  }

  /** Records a delivery attempt. */
  record(line: DeliveryLine): Promise<void> {
    return appendLines(this.paths.deliveries, [line]);
  }

  /** Every entry, oldest first, with its attempts. */
  async entries(): Promise<{ entry: OutboxEntry; attempts: DeliveryLine[] }[]> {
    const [entries, lines] = await Promise.all([
      readLines(this.paths.outbox, outboxEntrySchema),
      readLines(this.paths.deliveries, deliveryLineSchema),
    ]);
    const byKey = new Map<string, DeliveryLine[]>();
    for (const line of lines) {
      const attempts = byKey.get(line.key);
      if (attempts) attempts.push(line);
      else byKey.set(line.key, [line]);
    }
    return entries.map((entry) => ({ entry, attempts: byKey.get(entry.key) ?? [] }));
  }

  /** The entries not yet delivered nor failed for good, with when each is due. */
  async pending(): Promise<PendingEntry[]> {
    return (await this.entries()).flatMap(({ entry, attempts }) => {
      const last = attempts.at(-1);
      if (last && last.outcome !== 'retry') return [];
      return [{ entry, attempts: attempts.length, dueAt: last?.next_at ? Date.parse(last.next_at) : 0 }];
    });
  }
}
