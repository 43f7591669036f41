/**
 * Resource readings for the reliability suites: resident memory of a process and its open file
 * descriptors (Linux /proc).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of process `pid` in bytes (VmRSS from /proc/<pid>/status). */
export function rssOf(pid: number | 'self' = 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (kb === undefined) throw new Error(`process ${pid} has no resident memory (it has exited)`);
  return Number(kb) * 1024;
}

/** Number of open file descriptors of process `pid`. */
export function openFds(pid: number | 'self' = 'self'): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Bytes as MB with one decimal. */
export function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
