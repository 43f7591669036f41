/**
 * A command's configuration, and the process state it decides: every command (and the server) loads
 * config.json through loadCommandConfig, which sets the process's umask from `file_mode` before
 * anything is written. Every writer (ours, DuckDB's, the worker threads', which share the process's
 * umask) creates files 0666 and folders 0777 less the umask, so files get `file_mode` (default 0600)
 * and folders the same with x where r is set (0700; 0640 gives 0750). A writer asking for less
 * (tokens.json, the audit log, the prediction log: 0600) keeps less.
 */
import { type Config, loadConfig } from '../config.ts';

/** The mode of a folder for file mode `fileMode`: x added where r is set. */
export function folderModeFor(fileMode: number): number {
  return fileMode | ((fileMode & 0o444) >> 2);
}

/** The umask that gives files `fileMode` and folders folderModeFor(fileMode). */
export function umaskFor(fileMode: number): number {
  return 0o777 & ~folderModeFor(fileMode);
}

/** Loads config file `file` (see loadConfig) and sets the process's umask from its `file_mode`. */
export function loadCommandConfig(file?: string): Config {
  const config = loadConfig(file);
  process.umask(umaskFor(Number.parseInt(config.file_mode, 8)));
  return config;
}
