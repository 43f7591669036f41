/**
 * `npm run labels`: reads the new or changed CSV files of `labels_folder_path` into the label store
 * (pipeline/steps/read-labels.ts) and prints, per file, its rows and how many labels were stored, were
 * duplicates or conflicted. Exit codes: 0 done (refused rows are reported, not failures), 1 a failure,
 * 2 a configuration error.
 */
import { relative } from 'node:path';
import { loadCommandConfig } from './command-config.ts';
import { FileLabelStore } from '../labels/file-label-store.ts';
import { readLabels } from '../pipeline/steps/read-labels.ts';
import { LABELS_REJECTS_CSV, outputLayout } from '../records/output-layout.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT, runCommand } from './run-command.ts';

await runCommand('labels', async () => {
  const args = parseCommandArgs(process.argv.slice(2));
  const config = loadCommandConfig(args.configFile);
  const store = new FileLabelStore(outputLayout(config).output.labels);
  try {
    const result = await readLabels(config, store);
    const folder = relative(config.baseDir, config.labels_folder_path) || '.';
    const lines = result.files.map((file) =>
      file.skipped
        ? `${file.name}: skipped (${file.skipped})`
        : `${file.name}: ${file.rows_read} rows, ${file.rows_rejected} refused; ${file.stored} stored, ${file.duplicates} duplicates, ${file.conflicts} conflicts`,
    );
    lines.push(
      `${result.files.length} labels files read from ${folder}${result.unchanged ? ` (${result.unchanged} unchanged since last read)` : ''}: ${result.stored} labels stored, ${result.duplicates} duplicates, ${result.conflicts} conflicts`,
    );
    if (result.rowsRejected > 0 || result.files.some((f) => f.skipped))
      lines.push(`refused rows and files: ${LABELS_REJECTS_CSV} in the output folder`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
});
