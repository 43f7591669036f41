// Preloaded into benchmarked processes (NODE_OPTIONS="--import <this file>", so npm and the command it
// starts both load it): when a process exits, writes its peak resident set size in kB (getrusage
// maxrss) to `<BENCH_PEAK_RSS_FILE>.<pid>`, so the parent can quote the peak of each process. Plain
// JavaScript, so that the compiled command it measures runs without tsx.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(`${target}.${process.pid}`, String(process.resourceUsage().maxRSS)));
