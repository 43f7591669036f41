/**
 * Benchmarks measure the commands as users run them: compiled JavaScript started through
 * scripts/launch.mjs. This makes sure dist/ is fresh first (building it when stale), so no run pays for
 * a build, and gives the arguments that start a command.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Builds dist/ if it does not match src/. */
export function ensureCompiled(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
}

/** node arguments that run `command` (a file of dist/cli without .js) with `args`, after `preload`s. */
export function compiledCommand(command: string, args: string[], preload: string[] = []): string[] {
  return [...preload.flatMap((file) => ['--import', file]), join(ROOT, 'scripts/launch.mjs'), command, ...args];
}
