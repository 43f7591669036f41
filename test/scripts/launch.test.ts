/**
 * scripts/launch.mjs, which every npm script but the tests goes through: it runs the bundled command
 * from dist/, builds dist/ first when it is missing or was built from other sources, refuses to run
 * a stale dist/ where esbuild is not installed (a production install), and runs dist/ as it is when
 * the sources are not deployed at all. Each case works on a copy of the project's sources in a
 * temporary folder, never on the repository's own dist/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { childEnv, REPO_ROOT } from '../helpers/temp-project.ts';

const BUILDING = /building it \(npm run build\)/;

/** A copy of what the launcher needs (sources, build scripts, manifests), with or without node_modules. */
function projectCopy(withModules: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'attrition-launch-'));
  for (const path of ['src', 'package.json', 'package-lock.json', 'tsconfig.json'])
    cpSync(join(REPO_ROOT, path), join(dir, path), { recursive: true });
  mkdirSync(join(dir, 'scripts'));
  for (const file of ['launch.mjs', 'build.mjs', 'build-state.mjs'])
    cpSync(join(REPO_ROOT, 'scripts', file), join(dir, 'scripts', file));
  if (withModules) symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ input_folder_path: 'practicedata' }));
  return dir;
}

function launch(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(dir, 'scripts/launch.mjs'), ...args], {
    cwd: dir,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/launch.mjs', () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('builds a missing dist/, reuses it while src/ is unchanged, rebuilds it after an edit', () => {
    const dir = projectCopy(true);
    dirs.push(dir);
    const first = launch(dir, ['history', '--config', 'config.json']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /dist\/ has not been built yet; building it/);
    assert.match(first.stdout, /no cycles recorded yet/);

    const second = launch(dir, ['history', '--config', 'config.json']);
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stderr, BUILDING);

    appendFileSync(join(dir, 'src/cli/history.ts'), '\n// an edit\n');
    const third = launch(dir, ['history', '--config', 'config.json']);
    assert.equal(third.status, 0, third.stderr);
    assert.match(third.stderr, /dist\/ was built from other sources than src\/; building it/);
  });

  it('refuses a stale dist/ where esbuild is not installed, and runs dist/ as it is when no sources are deployed', () => {
    const built = projectCopy(true);
    dirs.push(built);
    assert.equal(launch(built, ['history', '--config', 'config.json']).status, 0);
    const production = projectCopy(false); // as after npm ci --omit=dev: no esbuild
    dirs.push(production);
    cpSync(join(built, 'dist'), join(production, 'dist'), { recursive: true });
    appendFileSync(join(production, 'src/config.ts'), '\n// an edit made after the build\n');
    const refused = launch(production, ['history', '--config', 'config.json']);
    assert.equal(refused.status, 2);
    assert.match(
      refused.stderr,
      /dist\/ was built from other sources than src\/, and esbuild \(a devDependency\) is not installed here/,
    );
    assert.match(refused.stderr, /npm run build/);

    rmSync(join(production, 'src'), { recursive: true });
    const noSources = launch(production, ['nope']);
    assert.equal(noSources.status, 2);
    assert.match(
      noSources.stderr,
      /unknown command 'nope'/,
      'the staleness check is skipped, the command name is checked',
    );
  });
});
