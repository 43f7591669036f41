/**
 * Command-line options shared by every command: `--config FILE` (default ./config.json) and
 * `--name value` / `--name=value` / `--flag` pairs, parsed once with node's parseArgs.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.ts';

/** Options a command accepts besides --config: name -> whether it takes a value. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;

/** Parsed arguments: the config file path, named options and positional words. */
export interface ParsedArgs {
  configFile: string;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Parses argv (without node and script); unknown options are a ConfigError naming the option. */
export function parseCommandArgs(argv: string[], spec: OptionSpec = {}): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { config: { type: 'string', default: 'config.json' }, ...spec },
      allowPositionals: true,
      strict: true,
    });
    const { config, ...rest } = values as Record<string, string | boolean | undefined>;
    return { configFile: String(config), values: rest, positionals };
  } catch (error) {
    throw new ConfigError((error as Error).message, { cause: error });
  }
}
