/**
 * How to start a worker thread's script: `dist/workers/<name>.js` when the service runs compiled
 * (scripts/build.mjs bundles every `src/workers/*-worker.ts` there); `src/workers/<name>.ts` imported
 * through tsx's API when it runs from its sources (tests, `npm run dev`: a worker thread does not
 * inherit tsx's loader, and Node 20 does not start one from `--import tsx` in a worker's execArgv).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { PROJECT_ROOT } from '../project-root.ts';

/** Whether this code runs compiled (bundled into dist/) rather than from src/ through tsx. */
const COMPILED = import.meta.url.endsWith('.js');

/** Worker script `name` (say 'findings-worker') as `new Worker(filename, options)` takes it. */
export function workerScript(name: string): { filename: string | URL; options: WorkerOptions } {
  if (COMPILED) return { filename: pathToFileURL(join(PROJECT_ROOT, 'dist', 'workers', `${name}.js`)), options: {} };
  const source = JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'src', 'workers', `${name}.ts`)).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return {
    filename: `import(${tsx}).then(({ tsImport }) => tsImport(${source}, ${source}));`,
    options: { eval: true },
  };
}
