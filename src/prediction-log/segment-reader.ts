/**
 * Reads a segment file's lines from a byte offset in blocks (a day's segment can hold hundreds of
 * megabytes: never one string), each block cut after its last newline so no line spans two blocks.
 */
import { open } from 'node:fs/promises';
import { type LogEntry, type ParseCounts, SegmentParser } from './entry-line.ts';

const BLOCK_BYTES = 8 << 20;
const NEWLINE = 10;

/**
 * Parses bytes [start, end) of the file at `path` (a segment) and hands each valid entry whose time is in
 * [from, to) to `onEntry` in line order (see SegmentParser). `start` is where a request's lines begin (a
 * flush's end, or 0).
 */
export async function readSegmentLines(
  path: string,
  bytes: { start: number; end: number },
  range: { dayStart: number; from: number; to: number },
  onEntry: (entry: LogEntry) => void,
): Promise<ParseCounts> {
  const parser = new SegmentParser(range, onEntry);
  const add = (text: string): void => parser.parse(text);
  const handle = await open(path, 'r');
  try {
    let carry = Buffer.alloc(0);
    let position = bytes.start;
    while (position < bytes.end) {
      const block = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, bytes.end - position));
      const { bytesRead } = await handle.read(block, 0, block.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const data =
        carry.length > 0 ? Buffer.concat([carry, block.subarray(0, bytesRead)]) : block.subarray(0, bytesRead);
      const cut = data.lastIndexOf(NEWLINE) + 1;
      if (cut > 0) add(data.toString('utf8', 0, cut));
      carry = data.subarray(cut);
    }
    if (carry.length > 0) add(carry.toString('utf8'));
  } finally {
    await handle.close();
  }
  return parser.counts;
}
