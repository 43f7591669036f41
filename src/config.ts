/**
 * config.json: the seed's five path keys plus optional sections, validated by one zod schema.
 * Relative paths resolve against the folder of the config file, so a command works from any directory.
 */
import { ALERT_KIND_NAMES, SEVERITIES } from './alerts/kinds.ts';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { driftSectionSchema } from './drift/options.ts';
import { ConfigError } from './errors.ts';
import { lazyRequire } from './lazy-require.ts';

const nodeCron = lazyRequire<typeof import('node-cron')>('node-cron');

const folderPath = z.string().trim().min(1, 'must be a non-empty path');

/** An octal file mode such as "0640": the owner reads and writes, nobody executes (cli/command-config.ts). */
const fileMode = z
  .string()
  .regex(/^0?[0-7]{3}$/, 'must be an octal mode such as "0600" or "0640"')
  .refine((mode) => (Number.parseInt(mode, 8) & 0o711) === 0o600, 'the owner must read and write, nobody execute');

/** Options of the logistic regression (scikit-learn's names and defaults, solved to convergence). */
export const modelSectionSchema = z
  .object({
    C: z.number().positive().finite().default(1),
    tol: z.number().positive().max(1).default(1e-10),
    max_iter: z.number().int().positive().max(10_000).default(100),
  })
  .strict();

/** The HTTP server: where it listens, how large a request body may be, how much parsed data it keeps. */
export const serverSectionSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8000),
    body_limit_bytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /** Memory for the parsed files /prediction's dataset_path names (least recently used go first; 0: none kept). */
    dataset_cache_bytes: z
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    /** Largest file /prediction's dataset_path may name (a 413 above; a 100 MB file took 1 GB of memory). */
    dataset_max_bytes: z
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024),
    /** Base URL the apicalls script and the cycle call (default: http://host:port). */
    url: z.url().optional(),
    /** Where the access tokens' hashes are kept (default: tokens.json in the output folder). */
    tokens_file: z.string().min(1).optional(),
    /** Start on a host beyond loopback without any token (every endpoint open to the network). */
    allow_unauthenticated: z.boolean().default(false),
    /** Host header values a loopback-bound server answers besides localhost and loopback addresses. */
    allowed_hosts: z.array(z.string().min(1).max(255)).max(50).default([]),
    /** Serve /metrics without a token (for a scraper that cannot send one). */
    metrics_public: z.boolean().default(false),
    /** How long a browser stays signed in (its session cookie's lifetime). */
    session_hours: z.number().positive().max(720).default(8),
  })
  .strict();

/** How the cycle decides that the live model drifted (its F1 on new data against the recorded scores). */
export const modelDriftSectionSchema = z
  .object({
    /** raw: below the live model's recorded score; parametric: below mean - 2 sd of the recorded
     * scores; non_parametric: below Q1 - 1.5 IQR of the recorded scores. */
    test: z.enum(['raw', 'parametric', 'non_parametric']).default('raw'),
    /** What model drift is judged on: batch, the live model's F1 on a new labelled batch in the input
     * folder (with `test`); realized, the realized F1 of the newest chunk the live model served that has
     * enough labels, below its lower threshold; both: either. */
    source: z.enum(['batch', 'realized', 'both']).default('batch'),
  })
  .strict();

/** When the cycle runs (node-cron expression, five or six fields). */
export const scheduleSectionSchema = z
  .object({
    cron: z
      .string()
      .refine((expression) => nodeCron().validate(expression), {
        message: 'not a valid cron expression (e.g. "*/10 * * * *")',
      })
      .default('*/10 * * * *'), // the default is not parsed, so node-cron is loaded only to check a configured expression
    /** How long one step of a cycle may run before it fails (fractions allowed: 0.5 is 30 s; at least 60 ms). */
    step_deadline_minutes: z
      .number()
      .min(0.001)
      .max(24 * 60)
      .default(60),
  })
  .strict();

/** The archive of past cycles' drift reports (`<output_folder_path>/drift_reports/<run id>.{html,json}`). */
export const driftReportsSectionSchema = z
  .object({
    /** How many cycles' reports to keep; older ones are deleted after each cycle. */
    keep: z.number().int().min(1).max(100_000).default(100),
  })
  .strict();

/** The prediction log: every answered prediction, appended in batches under `<output_folder_path>/prediction_log/`. */
export const predictionLogSectionSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** How often buffered entries are written; a crash loses at most this much. */
    flush_interval_ms: z.number().int().min(10).max(60_000).default(1000),
    /** Days a day's entries are kept; older days are removed by `npm run monitor` and the cycle. */
    retention_days: z.number().int().min(1).max(36_500).default(400),
  })
  .strict();

/** How production monitoring cuts the log into chunks and builds each version's reference. */
export const monitoringSectionSchema = z
  .object({
    /** A chunk is a UTC calendar period or a number of consecutive rows. */
    chunk: z
      .union([
        z.object({ period: z.enum(['day', 'week', 'month']) }).strict(),
        z.object({ size: z.number().int().min(1).max(10_000_000) }).strict(),
      ])
      .default({ period: 'week' }),
    /** Most training rows a version's monitoring reference keeps (a seeded uniform sample beyond it). */
    reference_rows: z.number().int().min(100).max(10_000_000).default(100_000),
    /** Folds of the cross-fitting that gives the reference its out-of-fold probabilities. */
    folds: z.number().int().min(2).max(20).default(5),
  })
  .strict();

/** Delayed labels: how they are joined to the predictions they judge, and how many a chunk needs. */
export const labelsSectionSchema = z
  .object({
    /** A label observed at T is the truth for its id's predictions made in [T - horizon_days, T]. */
    horizon_days: z.number().int().min(1).max(3650).default(365),
    /** Fewest labelled rows for a chunk's realized metrics (null below). */
    min_rows: z.number().int().min(1).max(10_000_000).default(100),
  })
  .strict();

/** What the cycle trains challengers on besides the new batch. */
export const trainingSectionSchema = z
  .object({
    /** Add the labelled production rows of the last labels.horizon_days (each logged prediction a label
     * covers: its id, features and label), deduplicated with the batch as ingestion does. */
    include_labelled_production: z.boolean().default(false),
  })
  .strict();

/** An http(s) URL only (no file:, data: or other schemes a fetch or a link could be pointed at). */
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** An environment variable's name (where a secret is read from: never the config file itself). */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');

/** Where alerts go, and when (src/alerts/). */
export const alertsSectionSchema = z
  .object({
    /** Delivery channels. `url`, or `url_env` naming the environment variable that holds it (a Slack
     * webhook's URL is itself a secret); `json` bodies are signed with the secret in `secret_env`. */
    webhooks: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)'),
            url: httpUrl.optional(),
            url_env: envName.optional(),
            format: z.enum(['json', 'slack']).default('json'),
            secret_env: envName.optional(),
          })
          .strict()
          .refine((w) => (w.url === undefined) !== (w.url_env === undefined), {
            message: 'give url or url_env (one of them)',
          })
          .refine((w) => w.format !== 'json' || w.secret_env !== undefined, {
            message: 'a json webhook is signed: give secret_env, the environment variable holding its secret',
            path: ['secret_env'],
          }),
      )
      .max(20)
      .refine((hooks) => new Set(hooks.map((h) => h.name)).size === hooks.length, { message: 'names must differ' })
      .default([]),
    /** Which event kinds go to which channels, from which severity; none: every event to every channel. */
    rules: z
      .array(
        z
          .object({
            kinds: z.array(z.enum(ALERT_KIND_NAMES)).min(1).optional(),
            min_severity: z.enum(SEVERITIES).default('info'),
            channels: z.array(z.string()).min(1),
          })
          .strict(),
      )
      .optional(),
    /** The dashboard's address as the receivers of alerts should follow it (a link in every alert). */
    dashboard_url: httpUrl.optional(),
    /** No new data in the input folder for this long raises `no_new_data`. */
    stale_after_hours: z
      .number()
      .positive()
      .max(24 * 3650)
      .default(168),
    /** While a condition holds, its alert is sent again at most this often. */
    repeat_after_hours: z
      .number()
      .positive()
      .max(24 * 365)
      .default(24),
    /** Attempts per alert and channel before it is recorded as failed. */
    max_attempts: z.number().int().min(1).max(20).default(5),
    /** The first retry's delay; each next one doubles it (with jitter), up to an hour. */
    retry_base_seconds: z.number().min(0.01).max(3600).default(30),
  })
  .strict()
  .superRefine((alerts, context) => {
    const names = new Set(alerts.webhooks.map((w) => w.name));
    for (const [r, rule] of (alerts.rules ?? []).entries()) {
      for (const [c, channel] of rule.channels.entries()) {
        if (names.has(channel)) continue;
        context.addIssue({
          code: 'custom',
          path: ['rules', r, 'channels', c],
          message: `no webhook is named '${channel}'`,
        });
      }
    }
  });

/** The raw shape of config.json. */
export const configFileSchema = z
  .object({
    input_folder_path: folderPath.default('practicedata'),
    output_folder_path: folderPath.default('ingesteddata'),
    test_data_path: folderPath.default('testdata'),
    output_model_path: folderPath.default('models'),
    prod_deployment_path: folderPath.default('productiondeployment'),
    /** Labels CSV files (id,exited,observed_at), read by every cycle and by `npm run labels`. */
    labels_folder_path: folderPath.default('labelsdata'),
    /** Mode of the files the commands and the server create; their folders get x where r is set (0700). */
    file_mode: fileMode.default('0600'),
    model: modelSectionSchema.default({ C: 1, tol: 1e-10, max_iter: 100 }),
    server: serverSectionSchema.default({
      host: '127.0.0.1',
      port: 8000,
      body_limit_bytes: 1024 * 1024,
      dataset_cache_bytes: 64 * 1024 * 1024,
      dataset_max_bytes: 50 * 1024 * 1024,
      allow_unauthenticated: false,
      allowed_hosts: [],
      metrics_public: false,
      session_hours: 8,
    }),
    drift: driftSectionSchema.default({}),
    model_drift: modelDriftSectionSchema.default({ test: 'raw', source: 'batch' }),
    /** What makes the cycle retrain: model drift, dataset drift, or either (default). */
    retrain_on: z
      .array(z.enum(['model_drift', 'data_drift']))
      .max(2)
      .default(['model_drift', 'data_drift']),
    /** if_not_worse: deploy a challenger only when its test F1 is not below the live model's; always: the seed's behaviour. */
    deploy_policy: z.enum(['if_not_worse', 'always']).default('if_not_worse'),
    schedule: scheduleSectionSchema.default({ cron: '*/10 * * * *', step_deadline_minutes: 60 }),
    drift_reports: driftReportsSectionSchema.default({ keep: 100 }),
    prediction_log: predictionLogSectionSchema.default({ enabled: true, flush_interval_ms: 1000, retention_days: 400 }),
    monitoring: monitoringSectionSchema.default({ chunk: { period: 'week' }, reference_rows: 100_000, folds: 5 }),
    labels: labelsSectionSchema.default({ horizon_days: 365, min_rows: 100 }),
    training: trainingSectionSchema.default({ include_labelled_production: false }),
    alerts: alertsSectionSchema.default({
      webhooks: [],
      stale_after_hours: 168,
      repeat_after_hours: 24,
      max_attempts: 5,
      retry_base_seconds: 30,
    }),
  })
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;

/** A validated configuration with every path made absolute. */
export type Config = ConfigFile & {
  /** Absolute path of the config file it came from. */
  configFile: string;
  /** Folder that relative paths were resolved against. */
  baseDir: string;
};

/** The keys of config.json that name folders. */
export const PATH_KEYS = [
  'input_folder_path',
  'output_folder_path',
  'test_data_path',
  'output_model_path',
  'prod_deployment_path',
  'labels_folder_path',
] as const;

export type PathKey = (typeof PATH_KEYS)[number];

/** Turns zod's first issue into one line: "config.json: key model.C: expected a number". */
function describeIssue(file: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${file}: invalid configuration`;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? ` in ${issue.path.join('.')}` : '';
    return `${file}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}${where}`;
  }
  const key = issue.path.join('.') || '(root)';
  return `${file}: key '${key}': ${issue.message}`;
}

/** Validates an already-parsed config object; `file` is used for messages and path resolution. */
export function parseConfig(raw: unknown, file: string): Config {
  const result = configFileSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(describeIssue(file, result.error));
  const configFile = resolve(file);
  const baseDir = dirname(configFile);
  const config: Config = { ...result.data, configFile, baseDir };
  for (const key of PATH_KEYS) config[key] = resolve(baseDir, result.data[key]);
  if (config.server.tokens_file !== undefined)
    config.server = { ...config.server, tokens_file: resolve(baseDir, config.server.tokens_file) };
  return config;
}

/** Reads, parses and validates a config file; throws ConfigError with a one-line message. */
export function loadConfig(file = 'config.json'): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? error})`, {
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return parseConfig(raw, file);
}
