/**
 * Loads a CommonJS package on first use instead of when the importing module loads, so a command pays
 * start-up time only for the packages it actually calls: the statistics functions, the matrix solver
 * and the PNG renderer are reached from modules that every command imports (config validation names
 * the drift tests), yet only a cycle with new data runs them.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A getter for package `specifier`, which loads it (synchronously, once) on its first call. */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(specifier) as T);
}
