import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FilePredictionLogStore } from '../../src/prediction-log/file-store.ts';
import { plainRows, tempLogFolder } from './helpers/batches.ts';
import { expectedEntry } from './helpers/kill-writer.ts';

const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'helpers', 'kill-writer.ts');

/** Runs the writing child on `folder`, kills it (SIGKILL) after its third completed flush; returns its last report. */
function runAndKill(folder: string): Promise<{ recorded: number; written: number; flushes: number }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error' };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, folder], { env });
    const last = { recorded: 0, written: 0, flushes: 0 };
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (data) => (stderr += data));
    child.stdout.on('data', (data) => {
      buffered += data;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [recorded, written] = line.split(' ').map(Number) as [number, number];
        if (written > last.written) last.flushes++;
        Object.assign(last, { recorded, written });
      }
      if (last.flushes >= 3 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the writer did not flush 3 times in 20 s: ${stderr}`));
    }, 20_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`the writer exited (${code}) before it was killed: ${stderr}`));
    });
  });
}

describe('prediction log: a writer killed with SIGKILL', () => {
  it('leaves intact entries, no duplicates, and loses only what was recorded since its last flush', async () => {
    const temp = tempLogFolder();
    try {
      const report = await runAndKill(temp.folder);
      const store = new FilePredictionLogStore(temp.folder);
      const rows = await store.read({ from: 0, to: Number.POSITIVE_INFINITY });
      await store.close();
      assert.ok(rows.skipped <= 1, `only a torn last line can be unreadable (${rows.skipped} lines skipped)`);
      // entries come back as a prefix 0..n-1 of what was recorded, each exactly as recorded
      const read = plainRows(rows);
      for (const [i, entry] of read.entries()) assert.deepEqual(entry, expectedEntry(i));
      // nothing the writer had reported written is lost: what is lost was recorded after the last flush began
      assert.ok(read.length >= report.written, `${read.length} entries read, ${report.written} reported written`);
      assert.ok(report.written > 0 && report.recorded >= report.written);
    } finally {
      temp.cleanup();
    }
  });
});
