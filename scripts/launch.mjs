// Runs a command from the compiled code: `node scripts/launch.mjs <command> [args]` imports
// dist/cli/<command>.js, as every npm script but the tests does. Before that it checks that dist/ was
// built from the sources on disk: missing or stale, it is rebuilt when TypeScript is installed (a
// clone after `npm ci`), and refused with exit code 2 when it is not (a production install must
// carry a fresh dist/). The check hashes src/ (a few milliseconds), never runs tsc when fresh.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, findBundler } from './build.mjs';
import { buildState } from './build-state.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const command = process.argv[2] ?? '';
const entry = join(root, 'dist', 'cli', `${command}.js`);

function fail(message) {
  process.stderr.write(`attrition-monitor: ${message}\n`);
  process.exit(2);
}

const state = buildState(root);
if (state === 'missing' || state === 'stale') {
  const what = state === 'missing' ? 'dist/ has not been built yet' : 'dist/ was built from other sources than src/';
  if (!findBundler(root))
    fail(
      `${what}, and esbuild (a devDependency) is not installed here to rebuild it: run \`npm run build\` where the devDependencies are installed and deploy dist/ with the sources it came from`,
    );
  process.stderr.write(`attrition-monitor: ${what}; building it (npm run build)\n`);
  try {
    build(root);
  } catch (error) {
    fail(error.message);
  }
}
if (!/^[a-z][a-z-]*$/.test(command) || !existsSync(entry))
  fail(`unknown command '${command}' (no dist/cli/${command}.js)`);
process.argv.splice(2, 1);
await import(pathToFileURL(entry).href);
