/**
 * Labels kept as one append-only file, `<output_folder_path>/labels/labels.tsv` (label-line.ts), shared
 * by every process of one machine: the server's `POST /labels`, `npm run labels` and the cycle. An add
 * holds `labels.lock` (data/file-lock.ts) while it reads what other processes appended since its last
 * look, sorts the new labels into stored, duplicates and conflicts, and appends the stored ones with one
 * write and an fsync. Reads need no lock: only complete lines are taken. A torn last line (a crash during
 * a write) is ended before the next append, then skipped and counted like any line that does not parse.
 * The file is opened without following a link and must be a regular file.
 */
import { constants, type FileHandle, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireLockWaiting, type HeldLock, LockedError } from '../data/file-lock.ts';
import { AppError } from '../errors.ts';
import { type Label, type LabelAddResult, type LabelsById, type LabelStore, MAX_CONFLICTS_SHOWN } from './label.ts';
import { LabelIndex } from './label-index.ts';
import { labelLine, parseLabelLine } from './label-line.ts';

/** The labels file and its lock, inside the labels folder. */
export const LABELS_FILE = 'labels.tsv';
const LABELS_LOCK = 'labels.lock';

/** How long an add waits for another process's add before giving up. */
const LOCK_WAIT_MS = 10_000;

/** A 503: another process held the labels store for longer than LOCK_WAIT_MS. */
export class LabelStoreBusyError extends AppError {
  constructor() {
    super(503, `the labels store stayed locked by another process for ${LOCK_WAIT_MS / 1000} s; try again`);
  }
}

const LF = 0x0a;

/** The labels file store (see the module comment). */
export class FileLabelStore implements LabelStore {
  private readonly index = new LabelIndex();
  /** Bytes of the file read into the index (always the end of a complete line). */
  private consumed = 0;
  /** Whether the bytes after `consumed` end without a line break (a torn line). */
  private torn = false;
  private skipped = 0;
  /** Adds and reads of this process, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  /** `folder`: the labels folder, `<output_folder_path>/labels` (created on the first add). */
  constructor(private readonly folder: string) {}

  add(labels: readonly Label[], source: string): Promise<LabelAddResult> {
    return this.serially(async () => {
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      const lock = await this.lock();
      try {
        await this.catchUp();
        const result: LabelAddResult = { stored: 0, duplicates: 0, conflicts: 0, conflicted: [] };
        const accepted: Label[] = [];
        for (const label of labels) {
          const verdict = this.index.verdict(label);
          if (verdict.kind === 'duplicate') result.duplicates++;
          else if (verdict.kind === 'conflict') {
            result.conflicts++;
            if (result.conflicted.length < MAX_CONFLICTS_SHOWN) {
              const observed_at = new Date(label.observedAt).toISOString();
              result.conflicted.push({ id: label.id, observed_at, stored: verdict.stored, given: label.exited });
            }
          } else {
            this.index.add(label);
            accepted.push(label);
          }
        }
        result.stored = accepted.length;
        if (accepted.length > 0 || this.torn) await this.append(accepted, source);
        return result;
      } finally {
        await lock.release();
      }
    });
  }

  read(): Promise<LabelsById> {
    return this.serially(async () => {
      await this.catchUp();
      return { count: this.index.count, byId: this.index.entries, skipped: this.skipped };
    });
  }

  async close(): Promise<void> {
    await this.queue;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => {});
    return run;
  }

  private get path(): string {
    return join(this.folder, LABELS_FILE);
  }

  /** Takes labels.lock, waiting (a few ms at a time) while another process holds it. */
  private async lock(): Promise<HeldLock> {
    try {
      return await acquireLockWaiting(join(this.folder, LABELS_LOCK), LOCK_WAIT_MS);
    } catch (error) {
      throw error instanceof LockedError ? new LabelStoreBusyError() : error;
    }
  }

  /** Reads the complete lines appended since the last look into the index. */
  private async catchUp(): Promise<void> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      if ((error as NodeJS.ErrnoException).code === 'ELOOP')
        throw new Error(`${LABELS_FILE}: a symbolic link, not followed`);
      throw error;
    }
    try {
      const { size } = await checkedSize(handle);
      if (size < this.consumed) throw new Error(`${LABELS_FILE}: shorter than already read (the file was replaced)`);
      if (size === this.consumed) return;
      const bytes = Buffer.allocUnsafe(size - this.consumed);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, this.consumed);
      const end = bytes.lastIndexOf(LF, bytesRead - 1) + 1;
      this.torn = end < bytesRead;
      if (end === 0) return;
      const text = bytes.toString('utf8', 0, end);
      for (let start = 0; start < text.length; ) {
        const lineEnd = text.indexOf('\n', start);
        const label = parseLabelLine(text, start, lineEnd);
        if (label === null) this.skipped++;
        else if (this.index.verdict(label).kind === 'new') this.index.add(label);
        start = lineEnd + 1;
      }
      this.consumed += end;
    } finally {
      await handle.close();
    }
  }

  /** Appends `labels` (after a line break ending a torn line), durably; the index already holds them. */
  private async append(labels: readonly Label[], source: string): Promise<void> {
    const storedAt = Date.now();
    let text = this.torn ? '\n' : '';
    for (const label of labels) text += labelLine(label, storedAt, source);
    const handle = await open(
      this.path,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
      0o600,
    );
    try {
      await checkedSize(handle);
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // the torn line, now ended, is read (and skipped) by the next catch-up
    if (!this.torn) this.consumed += Buffer.byteLength(text);
  }
}

/** The size of an opened labels file; throws when it is not a regular file. */
async function checkedSize(handle: FileHandle): Promise<{ size: number }> {
  const info = await handle.stat();
  if (!info.isFile()) throw new Error(`${LABELS_FILE}: not a regular file`);
  return { size: info.size };
}
