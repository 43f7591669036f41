// Preloaded into a benchmarked child process (`node --import <this file> scripts/launch.mjs ...`):
// when the process exits, writes its peak resident set size in kB (getrusage maxrss) to the file
// named by BENCH_PEAK_RSS_FILE, so the parent can quote the whole process's peak. Plain JavaScript,
// so that the compiled command it measures runs without tsx.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
