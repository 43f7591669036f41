/**
 * The child of the alerts kill -9 test: with the config file given as its first argument, raises a
 * "cycle failed" condition and a deployment event (the outbox written, the state stored), prints
 * `raised`, then, with `deliver` as its second argument, starts a delivery round (which waits on a
 * receiver that never answers) and prints `delivering`; either way it then waits to be killed.
 */
import { deliverDue } from '../../../src/alerts/deliver.ts';
import { raiseAlerts } from '../../../src/alerts/raise.ts';
import { loadConfig } from '../../../src/config.ts';

const config = loadConfig(process.argv[2]!);
await raiseAlerts(config, {
  judged: new Set(['cycle_failed']),
  holding: [
    { kind: 'cycle_failed', subject: 'cycle', summary: 'cycle r9 failed', numbers: {}, links: { run_id: 'r9' } },
  ],
  events: [{ kind: 'model_deployed', subject: 'm9', summary: 'model m9 deployed', numbers: {}, links: {} }],
  links: { run_id: 'r9' },
});
process.stdout.write('raised\n');
if (process.argv[3] === 'deliver') {
  process.stdout.write('delivering\n');
  void deliverDue(config, { timeoutMs: 60_000 });
}
setInterval(() => {}, 1000);
