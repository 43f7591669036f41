/**
 * `npm run token -- create --name NAME --role read|predict|label|admin` prints a new access token once
 * (only its hash is stored: auth/token-store.ts); `npm run token -- list` lists the names, roles and
 * dates (never a token); `npm run token -- revoke NAME` removes one. A running server sees the change
 * within about a second. Exit codes: 0 done, 1 a failure (a name taken, a token not found), 2 a
 * configuration or usage error.
 */
import { relative } from 'node:path';
import { ROLES, type Role } from '../auth/roles.ts';
import { createToken, readTokens, revokeToken, tokensPath } from '../auth/token-store.ts';
import { loadCommandConfig } from './command-config.ts';
import { ConfigError } from '../errors.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT, runCommand } from './run-command.ts';

const USAGE = 'npm run token -- create --name NAME --role read|predict|label|admin | list | revoke NAME';

await runCommand('token', async () => {
  const args = parseCommandArgs(process.argv.slice(2), { name: { type: 'string' }, role: { type: 'string' } });
  const config = loadCommandConfig(args.configFile);
  const path = tokensPath(config);
  const [action, target] = args.positionals;
  if (action === 'create') {
    const name = args.values.name;
    const role = args.values.role;
    if (typeof name !== 'string' || typeof role !== 'string')
      throw new ConfigError(`token create needs --name and --role (${USAGE})`);
    if (!(ROLES as readonly string[]).includes(role))
      throw new ConfigError(`token create: --role is one of ${ROLES.join(', ')}, not '${role}'`);
    const token = await createToken(path, name, role as Role);
    process.stderr.write(`token '${name}' (${role}) created; it is shown once, here:\n`);
    process.stdout.write(`${token}\n`);
    return EXIT.ok;
  }
  if (action === 'list') {
    const tokens = await readTokens(path);
    const where = relative(config.baseDir, path) || path;
    const lines = tokens.map((t) => `${t.name}\t${t.role}\t${t.created_at}`);
    process.stdout.write(`${tokens.length} tokens in ${where}${lines.length ? `\n${lines.join('\n')}` : ''}\n`);
    return EXIT.ok;
  }
  if (action === 'revoke') {
    if (!target) throw new ConfigError(`token revoke needs the name (${USAGE})`);
    if (!(await revokeToken(path, target))) {
      process.stderr.write(`token: no token is named '${target}'\n`);
      return EXIT.failed;
    }
    process.stdout.write(`token '${target}' revoked\n`);
    return EXIT.ok;
  }
  throw new ConfigError(`token: ${action ? `unknown action '${action}'` : 'an action is needed'} (${USAGE})`);
});
