/**
 * Benchmarks measure the commands as users run them: compiled JavaScript started through
 * scripts/launch.mjs. This makes sure dist/ is fresh first (building it when stale), so no run pays for
 * a build, gives the arguments that start a command, and reads the URL a started server prints.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
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

/** The URL from the server's "listening on URL" line on stdout; rejects if it exits first. */
export function listeningUrl(server: ChildProcess & { stdout: Readable }): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.setEncoding('utf8');
    server.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
}
