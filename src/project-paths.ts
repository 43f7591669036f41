/**
 * How HTTP answers name the project's files: never by an absolute path (security review, finding 6).
 * A folder of config.json is named as config.json names it, relative to the config file's folder
 * (`testdata`), or by its key when it lies outside that folder (`test_data_path`); a file in it is
 * `testdata/x.csv` or `test_data_path/x.csv`, and another file of the config's folder is named relative
 * to it. Text that names files by their absolute paths (errors of the modules the CLI shares, records
 * written before) is rewritten so when answered. The CLI keeps absolute paths: it answers the
 * operator's own terminal.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { type Config, PATH_KEYS, type PathKey } from './config.ts';
import { AppError } from './errors.ts';

/** `text` with every character a regular expression gives a meaning to escaped. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The real path of `path` (through symbolic links), or null when it does not exist. */
function realPathOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

/** One config's folders as answers name them. */
export class ProjectPaths {
  /** Absolute path (as configured and as resolved through links) → its name in answers. */
  private readonly names = new Map<string, string>();
  private readonly pattern: RegExp;

  constructor(private readonly config: Config) {
    const add = (path: string, name: string) => {
      for (const form of [path, realPathOrNull(path)])
        if (form !== null && !this.names.has(form)) this.names.set(form, name);
    };
    for (const key of PATH_KEYS) add(config[key], this.folder(key));
    add(config.baseDir, '.');
    const longestFirst = [...this.names.keys()].sort((a, b) => b.length - a.length);
    // a path followed by a separator, or by nothing that could continue its last name
    this.pattern = new RegExp(`(${longestFirst.map(escapeRegExp).join('|')})(/|(?![\\p{L}\\p{N}_.-]))`, 'gu');
  }

  /** The name of the folder of `key`. */
  folder(key: PathKey): string {
    const path = relative(this.config.baseDir, this.config[key]);
    if (path === '') return '.';
    const outside = path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path);
    return outside ? key : path;
  }

  /** The name of file `name` of the folder of `key`. */
  file(key: PathKey, name: string): string {
    return `${this.folder(key)}/${name}`;
  }

  /** `text` with each absolute path of the project's folders replaced by its name. */
  inText(text: string): string {
    return text.replace(this.pattern, (_match, path: string, slash: string) => {
      const name = this.names.get(path) as string;
      if (slash === '') return name;
      return name === '.' ? '' : `${name}/`;
    });
  }

  /** A copy of JSON-like `value` (a record) with inText applied to each of its strings. */
  inStrings<T>(value: T): T {
    if (typeof value === 'string') return this.inText(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.inStrings(item)) as T;
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.inStrings(item)])) as T;
    return value;
  }

  /** `error`, or an error of the same status whose message names files as answers do (the original as its cause). */
  inError(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const message = this.inText(error.message);
    if (message === error.message) return error;
    return error instanceof AppError
      ? new AppError(error.status, message, { cause: error })
      : new Error(message, { cause: error });
  }
}
