/**
 * Content hashes of files (sha256, hex), streamed so large files do not sit in memory. The file is
 * opened once and checked on its handle (open-regular-file.ts): a link at the path is not followed
 * and a FIFO or device is refused (RefusedFileError) instead of blocking a thread forever.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { openRegularFile } from './open-regular-file.ts';

/** The sha256 of a file's bytes, as lowercase hex; RefusedFileError for anything but a regular file. */
export async function sha256File(path: string): Promise<string> {
  const file = await openRegularFile(path);
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file.readPath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>)
      hash.update(chunk);
    return hash.digest('hex');
  } finally {
    await file.close();
  }
}
