/**
 * Compaction of one closed day: each segment's lines become `<segment>@<N>.parquet` (written to a
 * temporary file, flushed, renamed into place), then the segment is removed if it still has exactly
 * the N bytes compacted. A segment that already has a Parquet file (a compaction interrupted before
 * the removal, or lines appended after one) gets a new file with the old file's entries and the new
 * lines, and the old file is removed after it. Readers skip the bytes a Parquet file covers, so every
 * state in between reads each entry exactly once.
 */
import { lstat, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { commitTempFile, removeStaleTemps, tempPathFor } from '../data/atomic-write.ts';
import { log } from '../log.ts';
import { DAY_MS } from './day.ts';
import { type OpenedDay, type OpenedSegment, withDayFiles } from './day-files.ts';
import type { OpenedFolder } from './folder.ts';
import type { LogDatabase } from './log-database.ts';
import { RowsBuilder } from './rows-builder.ts';
import { readSegmentLines } from './segment-reader.ts';
import { parquetFileName, segmentFileName } from './segment-names.ts';

/** What a compaction did: segments compacted, entries written to Parquet, lines skipped as unreadable. */
export interface CompactionCounts {
  segments: number;
  rows: number;
  skipped: number;
}

/** Compacts the segments of `day` under the log folder `logFolder` (a path that reaches it). */
export async function compactDay(logFolder: string, day: string, db: LogDatabase): Promise<CompactionCounts> {
  const counts: CompactionCounts = { segments: 0, rows: 0, skipped: 0 };
  await withDayFiles(logFolder, day, async (opened, folder) => {
    let changed = (await removeStaleTemps(folder.path)).length > 0;
    counts.skipped += opened.refused;
    for (const segment of opened.segments) {
      if (segment.lines) await compactSegment(folder, opened, segment, db, counts);
      for (const name of segment.superseded) await removeIfPresent(join(folder.path, name));
      changed ||= segment.lines !== null || segment.superseded.length > 0;
    }
    // the removals reach the disk; a day with nothing to do writes nothing
    if (changed) await folder.sync();
  });
  return counts;
}

async function compactSegment(
  folder: OpenedFolder,
  opened: OpenedDay,
  segment: OpenedSegment,
  db: LogDatabase,
  counts: CompactionCounts,
): Promise<void> {
  const size = segment.lines!.size;
  const compacted = segment.parquet?.bytes ?? 0;
  let wrote = false;
  if (size > compacted) {
    const wholeDay = { dayStart: opened.start, from: opened.start, to: opened.start + DAY_MS };
    const rows = new RowsBuilder({ ids: true, idHashes: false });
    if (segment.parquet) await db.readParquet(segment.parquet.file.readPath, segment.parquet.name, wholeDay, rows);
    const lines = await readSegmentLines(
      segment.lines!.readPath,
      { start: compacted, end: size },
      wholeDay,
      rows.add.bind(rows),
    );
    counts.skipped += lines.skipped;
    if (lines.entries > 0) {
      const target = join(folder.path, parquetFileName(segment.segment, size));
      const temp = tempPathFor(target);
      try {
        await db.writeParquet(rows.build(0), temp);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await commitTempFile(temp, target);
      await folder.sync();
      counts.rows += lines.entries;
      wrote = true;
    }
  }
  // every byte of the segment is in a Parquet file now (or unreadable): remove it unless it grew meanwhile
  const linesName = segmentFileName(segment.segment);
  const now = await lstat(join(folder.path, linesName)).catch(() => null);
  if (now?.isFile() && now.size === size) {
    await removeIfPresent(join(folder.path, linesName));
    counts.segments++;
  } else if (now) {
    log
      .child({ file: `${opened.day}/${linesName}` })
      .warn('prediction log: a segment changed while it was compacted; kept for the next compaction');
  }
  if (wrote && segment.parquet) await removeIfPresent(join(folder.path, parquetFileName(segment.segment, compacted)));
}

/** Removes a file; one already gone (another compaction removed it) is fine. */
async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
