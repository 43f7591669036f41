/**
 * Reading the cycle records of runs.jsonl for the dashboard and GET /runs: pages from the end of the
 * file, each line validated with the run record schema (a line that does not fit is skipped). Their
 * texts name files relative to the project, also in records that named them by absolute paths
 * (project-paths.ts).
 */
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { NotFoundError } from '../errors.ts';
import type { RunRecord } from '../records/run-record.ts';
import { parseRunRecord, readRunsPage } from '../records/run-log.ts';
import type { RunsPageResponse } from './api-schemas.ts';
import { RUNS_JSONL } from '../records/output-layout.ts';
import { ProjectPaths } from '../project-paths.ts';

/** The path of the cycle history of `config`. */
export function runsPath(config: Config): string {
  return join(config.output_folder_path, RUNS_JSONL);
}

/** One page of runs, newest first; NotFoundError when `before` names no recorded run. */
export async function runsPage(
  config: Config,
  query: { limit: number; before?: string | undefined },
): Promise<RunsPageResponse> {
  const page = await readRunsPage(runsPath(config), {
    limit: query.limit,
    before: query.before,
    accept: parseRunRecord,
  });
  if (!page.found) throw new NotFoundError(`no run with id '${query.before}' in the history`);
  const runs = new ProjectPaths(config).inStrings(page.runs);
  return { runs, next_before: page.more ? (runs.at(-1)?.id ?? null) : null };
}

/** The newest `limit` runs, newest first. */
export async function latestRuns(config: Config, limit: number): Promise<RunRecord[]> {
  const { runs } = await readRunsPage(runsPath(config), { limit, accept: parseRunRecord });
  return new ProjectPaths(config).inStrings(runs);
}
