/**
 * A throw-away project with the seed model deployed (ingest, train, score, deploy on practicedata), for
 * benchmarks that need a live model.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../src/config.ts';
import { deploy } from '../src/pipeline/steps/deploy.ts';
import { ingest } from '../src/pipeline/steps/ingest.ts';
import { score } from '../src/pipeline/steps/score.ts';
import { train } from '../src/pipeline/steps/train.ts';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');

/** Creates the project under the system temp folder; `name` prefixes its folder. */
export async function deployedProject(name: string): Promise<{ dir: string; configFile: string; config: Config }> {
  const dir = mkdtempSync(join(tmpdir(), `attrition-bench-${name}-`));
  for (const folder of ['practicedata', 'testdata']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ input_folder_path: 'practicedata' }));
  const config = loadConfig(configFile);
  await ingest(config);
  await train(config);
  await score(config);
  await deploy(config);
  return { dir, configFile, config };
}
