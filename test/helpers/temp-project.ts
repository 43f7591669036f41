/**
 * Test fixtures: a throw-away project folder with its own config.json, seed data copies and output
 * folders, so tests never touch the repository's own outputs.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../src/config.ts';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The scikit-learn/scipy reference values for the seed data: test/fixtures/seed-reference.json, made
 * by scripts/reference/make-seed-reference.py.
 */
export function seedReference(): any {
  return JSON.parse(readFileSync(resolve(REPO_ROOT, 'test/fixtures/seed-reference.json'), 'utf8'));
}

/** A temporary project: its folder, config and a cleanup function. */
export interface TempProject {
  dir: string;
  config: Config;
  configFile: string;
  cleanup: () => void;
}

/**
 * Creates a temporary project. `seed` lists the repo's data folders to copy (default all three);
 * `files` adds input files (path relative to the project -> content); `config` overrides keys.
 */
export function makeTempProject(
  options: { seed?: string[]; files?: Record<string, string | Buffer>; config?: Record<string, unknown> } = {},
): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'attrition-test-'));
  for (const folder of options.seed ?? ['practicedata', 'sourcedata', 'testdata'])
    cpSync(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
  for (const folder of ['ingesteddata', 'models', 'productiondeployment'])
    mkdirSync(join(dir, folder), { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const configFile = join(dir, 'config.json');
  const base = JSON.parse(readFileSync(join(REPO_ROOT, 'config.json'), 'utf8'));
  writeFileSync(configFile, JSON.stringify({ ...base, ...options.config }, null, 2));
  return {
    dir,
    configFile,
    config: loadConfig(configFile),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The environment for a child process running one of our commands (not as a test child). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_TEST_CONTEXT;
  env.LOG_LEVEL ??= 'warn';
  return env;
}
