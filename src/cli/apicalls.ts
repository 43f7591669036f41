/**
 * `npm run apicalls [-- --url URL]`: calls every endpoint of a running server (default: config
 * server.url, else http://host:port) and writes apireturns.txt/json into the model folder. Exits 1
 * with one line when the server cannot be reached.
 */
import { loadCommandConfig } from './command-config.ts';
import { callApi, writeApiReturns } from '../pipeline/steps/call-api.ts';
import { parseCommandArgs } from './args.ts';
import { runCommand } from './run-command.ts';
import { serverUrl } from './server-url.ts';

await runCommand('apicalls', async () => {
  const args = parseCommandArgs(process.argv.slice(2), { url: { type: 'string' } });
  const config = loadCommandConfig(args.configFile);
  const record = await callApi(typeof args.values.url === 'string' ? args.values.url : serverUrl(config));
  const paths = await writeApiReturns(config.output_model_path, record);
  process.stdout.write(
    `${JSON.stringify({ ...paths, calls: record.calls.map((c) => `${c.method} ${c.path} ${c.status}`) }, null, 2)}\n`,
  );
});
