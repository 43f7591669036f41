/**
 * This process's segment files, one per UTC day, each created once (O_EXCL | O_NOFOLLOW, mode 600) and
 * kept open for appending. A day's text goes out in one write, then to disk (fdatasync). An append is
 * all or nothing: when any write fails (disk full), what it already wrote is truncated away, so the
 * caller can retry the same entries without duplicating them.
 */
import { constants, type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { log } from '../log.ts';
import { ensureFolder } from './folder.ts';
import { newSegmentName, segmentFileName } from './segment-names.ts';

const APPEND_FLAGS =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

interface OpenSegment {
  /** Day folder/file name, relative to the log folder (what errors name). */
  name: string;
  handle: FileHandle;
  /** Bytes written so far (this process is the file's only writer). */
  size: number;
}

/** Appends text to this process's segment of each day under the log folder `folder`. */
export class SegmentAppender {
  private readonly segments = new Map<string, OpenSegment>();

  constructor(private readonly folder: string) {}

  /**
   * Appends each day's text (UTF-8 bytes) to that day's segment and flushes them to disk; on failure
   * nothing stays appended. Segments of days not in `texts` are closed afterwards (those days are over
   * for this writer).
   */
  async append(texts: ReadonlyMap<string, Uint8Array>): Promise<void> {
    const written: { segment: OpenSegment; before: number }[] = [];
    try {
      for (const [day, bytes] of texts) {
        const segment = await this.segmentOf(day);
        written.push({ segment, before: segment.size });
        const { bytesWritten } = await segment.handle.write(bytes, 0, bytes.length);
        segment.size += bytesWritten;
        if (bytesWritten !== bytes.length)
          throw new Error(`${segment.name}: short write (${bytesWritten} of ${bytes.length} bytes)`);
      }
      for (const { segment } of written) await segment.handle.datasync();
    } catch (error) {
      await this.rollBack(written);
      throw error;
    }
    for (const day of [...this.segments.keys()]) if (!texts.has(day)) await this.closeDay(day);
  }

  /** Closes every open segment. */
  async close(): Promise<void> {
    for (const day of [...this.segments.keys()]) await this.closeDay(day);
  }

  /** The open segment of `day`, creating a new one when there is none or its file was removed (compacted, expired). */
  private async segmentOf(day: string): Promise<OpenSegment> {
    const open = this.segments.get(day);
    if (open) {
      if ((await open.handle.stat()).nlink > 0) return open;
      await this.closeDay(day);
    }
    const created = await this.createSegment(day);
    this.segments.set(day, created);
    return created;
  }

  private async createSegment(day: string): Promise<OpenSegment> {
    const { folder: logFolder } = await ensureFolder(this.folder, this.folder);
    try {
      const { folder: dayFolder, created } = await ensureFolder(join(logFolder.path, day), day);
      try {
        if (created) await logFolder.sync();
        const name = segmentFileName(newSegmentName());
        const handle = await open(join(dayFolder.path, name), APPEND_FLAGS, 0o600);
        await dayFolder.sync();
        return { name: `${day}/${name}`, handle, size: 0 };
      } finally {
        await dayFolder.close();
      }
    } finally {
      await logFolder.close();
    }
  }

  /** Truncates what a failed append wrote; a segment that cannot be truncated is given up (a new one follows). */
  private async rollBack(written: readonly { segment: OpenSegment; before: number }[]): Promise<void> {
    for (const { segment, before } of written) {
      if (segment.size === before) continue;
      try {
        await segment.handle.truncate(before);
        segment.size = before;
      } catch (error) {
        log
          .child({ file: segment.name })
          .error({ err: error }, 'prediction log: a failed append could not be undone; its entries may be read twice');
        for (const [day, open] of this.segments) if (open === segment) await this.closeDay(day);
      }
    }
  }

  private async closeDay(day: string): Promise<void> {
    const segment = this.segments.get(day);
    this.segments.delete(day);
    await segment?.handle.close().catch(() => {});
  }
}
