/**
 * The cycle's history: one JSON object per line in `<output_folder_path>/runs.jsonl`. Each record is
 * appended with a single write, so a crash never leaves half a record behind a good one; readers skip
 * a line that does not parse. The newest records are read from the end of the file, a block at a time,
 * so reading the last runs does not load the whole history.
 */
import { appendFile, open } from 'node:fs/promises';

export const RUNS_JSONL = 'runs.jsonl';

/** Appends one record as a line. */
export async function appendRun(path: string, record: object): Promise<void> {
  await appendFile(path, `${JSON.stringify(record)}\n`);
}

/**
 * Reads up to `limit` records from the end of the file, newest first, skipping `skip` records first.
 * Lines that do not parse (a torn last line) are left out.
 */
export async function readLastRuns<T = unknown>(path: string, limit: number, skip = 0): Promise<T[]> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const results: T[] = [];
    let position = size;
    let carry = Buffer.alloc(0);
    let skipped = 0;
    const block = 64 * 1024;
    while (position > 0 && results.length < limit) {
      const length = Math.min(block, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      const data = Buffer.concat([chunk, carry]);
      let end = data.length;
      for (let i = data.length - 1; i >= 0 && results.length < limit; i--) {
        if (data[i] !== 10) continue;
        const line = data.subarray(i + 1, end).toString('utf8').trim();
        end = i;
        if (!line) continue;
        try {
          const parsed = JSON.parse(line) as T;
          if (skipped < skip) skipped++;
          else results.push(parsed);
        } catch {
          // a torn or foreign line: not a record
        }
      }
      carry = data.subarray(0, end);
    }
    if (position === 0 && carry.length > 0 && results.length < limit) {
      try {
        const parsed = JSON.parse(carry.toString('utf8').trim()) as T;
        if (skipped >= skip) results.push(parsed);
      } catch {
        // a torn first line
      }
    }
    return results;
  } finally {
    await handle.close();
  }
}
