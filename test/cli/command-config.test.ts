/**
 * config.json's `file_mode`: which modes are accepted, and the umask each gives (folders get x where r
 * is set).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { folderModeFor, umaskFor } from '../../src/cli/command-config.ts';
import { parseConfig } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';

describe('file_mode', () => {
  it('defaults to 0600, and gives the umask of files with that mode and folders with x where r is set', () => {
    assert.equal(parseConfig({}, 'config.json').file_mode, '0600');
    assert.equal(umaskFor(0o600), 0o077);
    assert.equal(folderModeFor(0o640), 0o750);
    assert.equal(umaskFor(0o640), 0o027);
    assert.equal(folderModeFor(0o664), 0o775);
    assert.equal(umaskFor(0o666), 0o000);
  });

  it('accepts the modes where the owner reads and writes and nobody executes', () => {
    for (const mode of ['0600', '600', '0640', '0644', '0660', '0666'])
      assert.equal(parseConfig({ file_mode: mode }, 'config.json').file_mode, mode);
    for (const mode of ['0400', '0700', '0650', '0601', '0755', '1600', '0o600', 'rw', '0x180'])
      assert.throws(() => parseConfig({ file_mode: mode }, 'config.json'), ConfigError, mode);
  });
});
