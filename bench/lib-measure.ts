/**
 * Timing and memory helpers for benchmarks: wall time of a function and the process's peak resident
 * set size (Linux's VmHWM, reset before each measurement where the kernel allows it).
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Peak RSS of this process in MB (VmHWM), or the current RSS when /proc is not available. */
export function peakRssMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

/** Resets the peak RSS counter (Linux: write 5 to /proc/self/clear_refs); false when not possible. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn`, returning its result with the elapsed wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
