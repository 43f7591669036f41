/**
 * Every answer says nosniff and no-store, whichever path made it (fast path, Express, an error, a
 * refusal); every HTML page has a CSP that forbids framing, the drift report included.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCycle } from '../../src/pipeline/cycle/fullprocess.ts';
import { startTestServer } from '../helpers/api-server.ts';
import { makeTempProject } from '../helpers/temp-project.ts';

describe('security headers', () => {
  it('nosniff and no-store on every answer; frame-ancestors none on every page', async () => {
    const project = makeTempProject();
    await runCycle(project.config);
    await runCycle({ ...project.config, input_folder_path: join(project.dir, 'sourcedata') });
    const api = await startTestServer(project.config);
    try {
      const record = { lastmonth_activity: 1, lastyear_activity: 2, number_of_employees: 3 };
      const answers = {
        health: await fetch(`${api.url}/health`),
        fast: await fetch(`${api.url}/prediction`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ records: [record] }),
        }),
        invalid: await fetch(`${api.url}/prediction`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"records": [{}]}',
        }),
        express: await fetch(`${api.url}/prediction`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'x',
        }),
        json: await fetch(`${api.url}/drift`),
        missing: await fetch(`${api.url}/nope`),
        dashboard: await fetch(`${api.url}/dashboard`),
        report: await fetch(`${api.url}/drift/report`),
      };
      for (const [name, answer] of Object.entries(answers)) {
        assert.equal(answer.headers.get('x-content-type-options'), 'nosniff', name);
        assert.equal(answer.headers.get('cache-control'), 'no-store', name);
      }
      assert.deepEqual(
        Object.entries(answers).map(([name, a]) => `${name} ${a.status}`),
        [
          'health 200',
          'fast 200',
          'invalid 400',
          'express 415',
          'json 200',
          'missing 404',
          'dashboard 200',
          'report 200',
        ],
      );
      for (const page of [answers.dashboard, answers.report])
        assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    } finally {
      await api.close();
      project.cleanup();
    }
  });
});
