/**
 * The durable outbox: every alert, once per channel, is appended to outbox.jsonl (and synced) before
 * any delivery is tried, so an alert decided before a crash is delivered after it; each delivery
 * attempt is appended to deliveries.jsonl. An entry is pending until a line says it was delivered or
 * failed for good; it is due when it has no attempt yet or its last retry's time has come. Both files
 * are append-only, mode 600, opened without following a link, written with one write per batch of
 * lines; a torn last line (a crash in a write) is ended before the next append and skipped on read.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { appendLines } from '../data/append-lines.ts';
import { readRegularTextOrNull } from '../data/open-regular-file.ts';
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
  const text = await readRegularTextOrNull(path);
  if (text === null) return [];
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

/** Appends `values` as JSON lines to `path` (mode 600, not through a link), synced. */
async function appendValues(path: string, values: readonly unknown[]): Promise<void> {
  if (values.length === 0) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await appendLines(
    path,
    values.map((v) => JSON.stringify(v)),
    0o600,
  );
}

/** The outbox under an output folder's alerts/ (paths from output-layout.ts). */
export class AlertOutbox {
  constructor(private readonly paths: { outbox: string; deliveries: string }) {}

  /** Appends entries to deliver (durable when the promise resolves). */
  add(entries: readonly OutboxEntry[]): Promise<void> {
    return appendValues(this.paths.outbox, entries);
  }

  /** Records a delivery attempt. */
  record(line: DeliveryLine): Promise<void> {
    return appendValues(this.paths.deliveries, [line]);
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
