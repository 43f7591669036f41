/**
 * Benchmark: one production-monitoring pass over a prediction log of 10,000,000 entries in 100 UTC days
 * (100,000 a day), chunked by day, served by 3 deployed versions that each have a monitoring reference
 * of 100,000 rows. Setup (not timed): a project in which each version is ingested from generated data,
 * trained (which keeps its reference), scored and deployed by the steps, then the log, written as
 * compacted days (bench/lib-prediction-log.ts). Each run starts `npm run monitor` as cron does (npm,
 * then the compiled command in a fresh process) twice: first with no calibrator kept (every version's
 * calibration fitted, as after a deployment of all three), then as every later pass runs, reusing the
 * calibrators kept by the pass before (records/calibration-cache.ts); it quotes wall time and peak RSS
 * (the largest of npm's and the command's); then medians of each. Last, one pass in this process cut into phases: bounds,
 * reading each day (store reads without ids, as monitoring reads), reading the versions' references,
 * fitting their estimators (calibration), the chunks' findings (drift and CBPE) and the thresholds.
 * With `--labels N`, N delayed labels are stored too (labels/labels.tsv, written directly: ids of the
 * log's 100,000 callers in turn, observed at times spread over the log's days plus 30), so each pass
 * also reads the hashes of the callers' ids and joins the labels; the phases then add reading the
 * labels, hashing their ids into the join's table, and the join.
 * Usage: LOG_LEVEL=warn npm run bench -- monitor [--days N] [--per-day N] [--versions N] [--runs N] [--labels N]
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Config, loadConfig } from '../src/config.ts';
import { readVersionReference } from '../src/deployment/version-reference.ts';
import { chunkFindings } from '../src/monitoring/chunk-findings.ts';
import { fitEstimator, thresholdsFor, type VersionEstimator } from '../src/monitoring/estimator.ts';
import { chunkRealized } from '../src/pipeline/monitor/chunk-realized.ts';
import { logChunks } from '../src/pipeline/monitor/log-chunks.ts';
import { deploy } from '../src/pipeline/steps/deploy.ts';
import { ingest } from '../src/pipeline/steps/ingest.ts';
import { score } from '../src/pipeline/steps/score.ts';
import { train } from '../src/pipeline/steps/train.ts';
import { FileLabelStore, LABELS_FILE } from '../src/labels/file-label-store.ts';
import { labelLine } from '../src/labels/label-line.ts';
import { LabelTable } from '../src/labels/label-table.ts';
import { DAY_MS } from '../src/prediction-log/day.ts';
import { FilePredictionLogStore } from '../src/prediction-log/file-store.ts';
import { outputFolderLayout } from '../src/records/output-layout.ts';
import { ensureCompiled } from './lib-compiled.ts';
import { generatedFolder, numberOption } from './lib-dataset-files.ts';
import { ROOT } from './lib-deployed-project.ts';
import { median, timed } from './lib-measure.ts';
import { type LogVersion, writeGeneratedLog } from './lib-prediction-log.ts';

const days = numberOption('days', 100);
const perDay = numberOption('per-day', 100_000);
const versionCount = numberOption('versions', 3);
const runs = numberOption('runs', 3);
const labelCount = numberOption('labels', 0);
const peakPreload = resolve(import.meta.dirname, 'lib-peak-rss-at-exit.mjs');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

ensureCompiled();
const dir = mkdtempSync(join(tmpdir(), 'attrition-bench-monitor-'));
cpSync(join(ROOT, 'testdata'), join(dir, 'testdata'), { recursive: true });
const configFile = join(dir, 'config.json');

/** Deploys `versionCount` versions through the steps, each trained on its own generated rows. */
async function deployVersions(): Promise<LogVersion[]> {
  const versions: LogVersion[] = [];
  for (let v = 0; v < versionCount; v++) {
    const input = await generatedFolder('monitor-training', 150_000, 1, 20 + v, 1 + 0.25 * v);
    writeFileSync(configFile, JSON.stringify({ input_folder_path: input, monitoring: { chunk: { period: 'day' } } }));
    const config = loadConfig(configFile);
    await ingest(config);
    const trained = await train(config);
    await score(config);
    const { modelId } = await deploy(config);
    versions.push({ modelId, model: trained.model });
  }
  return versions;
}

/** Writes `labelCount` labels straight into the label store (see the module comment). */
function writeLabels(firstDay: number): void {
  const folder = outputFolderLayout(loadConfig(configFile).output_folder_path).labels;
  mkdirSync(folder, { recursive: true });
  const rounds = Math.ceil(labelCount / 100_000);
  const lines: string[] = [];
  for (let j = 0; j < labelCount; j++) {
    const observedAt = firstDay + Math.floor(((Math.floor(j / 100_000) + 1) * days * DAY_MS) / rounds) + 30 * DAY_MS;
    lines.push(labelLine({ id: `corp-${j % 100_000}`, exited: j % 7 === 0 ? 1 : 0, observedAt }, 0, 'bench'));
  }
  writeFileSync(join(folder, LABELS_FILE), lines.join(''), { mode: 0o600 });
}

/** The store alone: bounds, then each day read as monitoring reads it (no ids), in a fresh store. */
async function storeReads(logFolder: string): Promise<string> {
  const store = new FilePredictionLogStore(logFolder);
  try {
    const bounds = await timed(() => store.bounds());
    const reads: number[] = [];
    for (let day = bounds.result!.first - (bounds.result!.first % DAY_MS); day <= bounds.result!.last; day += DAY_MS)
      reads.push((await timed(() => store.read({ from: day, to: day + DAY_MS }, { ids: false }))).ms);
    const total = reads.reduce((sum, ms) => sum + ms, 0);
    return `store: bounds ${bounds.ms.toFixed(0)} ms, ${reads.length} day reads ${total.toFixed(0)} ms (median ${median(reads).toFixed(1)} ms a day)`;
  } finally {
    await store.close();
  }
}

/** The stored labels as the join's settings, timing their read and their table (hashing their ids). */
async function labelJoin(
  config: Config,
  store: FilePredictionLogStore,
  phase: { 'labels read': number; 'labels hashed': number },
) {
  const labels = new FileLabelStore(outputFolderLayout(config.output_folder_path).labels);
  const stored = await timed(() => labels.read().finally(() => labels.close()));
  const table = await timed(async () =>
    LabelTable.of(stored.result, await store.hashIds([...stored.result.byId.keys()])),
  );
  phase['labels read'] = stored.ms;
  phase['labels hashed'] = table.ms;
  const seen = new Uint8Array(table.result.slotCount);
  return { table: table.result, horizonMs: config.labels.horizon_days * DAY_MS, minRows: config.labels.min_rows, seen };
}

/** One pass in this process, cut into phases as computeMonitoring runs them. */
async function phases(config: Config, logFolder: string): Promise<string> {
  const store = new FilePredictionLogStore(logFolder);
  // read and cut: logChunks (bounds, a read per day, the rows cut by version); then computeMonitoring's steps
  const phase = {
    'labels read': 0,
    'labels hashed': 0,
    'read and cut': 0,
    reference: 0,
    calibration: 0,
    findings: 0,
    join: 0,
    thresholds: 0,
  };
  try {
    const labels = labelCount > 0 ? await labelJoin(config, store, phase) : undefined;
    const estimators = new Map<string, { estimator: VersionEstimator; rows: number[] }>();
    const chunks = logChunks(store, config.monitoring.chunk, Date.now(), { rows: 0, skipped: 0 }, labels !== undefined);
    for (;;) {
      const next = await timed(() => chunks.next());
      phase['read and cut'] += next.ms;
      if (next.result.done) break;
      const chunk = next.result.value;
      let version = estimators.get(chunk.modelId);
      if (!version) {
        const reference = await timed(() => readVersionReference(config.prod_deployment_path, chunk.modelId));
        const fitted = await timed(() => fitEstimator(reference.result!));
        phase.reference += reference.ms;
        phase.calibration += fitted.ms;
        version = { estimator: fitted.result, rows: [] };
        estimators.set(chunk.modelId, version);
      }
      const { estimator } = version;
      phase.findings += (await timed(() => chunkFindings(estimator, chunk.served, config.drift))).ms;
      if (labels)
        phase.join += (await timed(() => chunkRealized(chunk.time, chunk.idHash, chunk.served.prediction, labels))).ms;
      version.rows.push(chunk.served.rows);
    }
    for (const { estimator, rows } of estimators.values())
      phase.thresholds += (await timed(() => thresholdsFor(estimator, median(rows)))).ms;
    const labelPhases = ['labels read', 'labels hashed', 'join'];
    return `pass in process: ${Object.entries(phase)
      .filter(([name]) => labels || !labelPhases.includes(name))
      .map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`)
      .join(', ')}`;
  } finally {
    await store.close();
  }
}

try {
  const setup = await timed(async () => {
    const versions = await deployVersions();
    const firstDay = Math.floor(Date.now() / DAY_MS) * DAY_MS - (days + 10) * DAY_MS;
    const folder = outputFolderLayout(loadConfig(configFile).output_folder_path).predictionLog;
    const entries = await writeGeneratedLog(folder, { firstDay, days, perDay, versions });
    if (labelCount > 0) writeLabels(firstDay);
    return entries;
  });
  console.log(
    `setup: ${versionCount} versions deployed, ${setup.result.toLocaleString('en-US')} entries in ${days} days written${labelCount ? `, ${labelCount.toLocaleString('en-US')} labels stored` : ''}, ${seconds(setup.ms)}`,
  );

  // each run is a pair: a pass with no calibrator kept (the file removed first), then one that reuses them
  const calibrationFile = outputFolderLayout(loadConfig(configFile).output_folder_path).monitoringCalibration;
  const wall = { cold: [] as number[], warm: [] as number[] };
  const peaks: number[] = [];
  for (let run = 1; run <= runs; run++) {
    for (const kind of ['cold', 'warm'] as const) {
      if (kind === 'cold') rmSync(calibrationFile, { force: true });
      const peakFile = join(dir, `peak-rss-kb-${run}-${kind}`);
      const { result, ms } = await timed(() =>
        promisify(execFile)('npm', ['run', '--silent', 'monitor', '--', '--config', configFile], {
          cwd: ROOT,
          env: { ...process.env, NODE_OPTIONS: `--import ${peakPreload}`, BENCH_PEAK_RSS_FILE: peakFile },
          maxBuffer: 64 << 20,
        }),
      );
      const peaksKb = readdirSync(dir)
        .filter((name) => name.startsWith(`peak-rss-kb-${run}-${kind}.`))
        .map((name) => Number(readFileSync(join(dir, name), 'utf8')));
      const peak = Math.max(...peaksKb) / 1024;
      wall[kind].push(ms);
      peaks.push(peak);
      console.log(
        `run ${run}, ${kind === 'cold' ? 'calibrators fitted' : 'calibrators kept '}: npm run monitor ${ms.toFixed(0)} ms, peak RSS ${peak.toFixed(0)} MB; ${result.stdout.split('\n')[0]}`,
      );
    }
  }
  console.log(
    `monitor over ${(days * perDay).toLocaleString('en-US')} entries, ${runs} runs each: median ${median(wall.cold).toFixed(0)} ms with the calibrators fitted, ${median(wall.warm).toFixed(0)} ms with them kept from the last pass; median peak RSS ${median(peaks).toFixed(0)} MB`,
  );

  const config = loadConfig(configFile);
  const logFolder = outputFolderLayout(config.output_folder_path).predictionLog;
  console.log(await storeReads(logFolder));
  console.log(await phases(config, logFolder));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
