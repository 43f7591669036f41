import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderDriftHtml } from '../../src/report/drift-html.ts';
import { driftReportFixture, hostileDriftReport } from './fixtures/drift-report.ts';

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

test('the summary shows the verdict, drifted share, threshold, sizes and time', async () => {
  const html = await renderDriftHtml(driftReportFixture, {
    title: 'Drift: practice vs source',
    referenceName: 'practicedata',
    currentName: 'sourcedata',
  });
  const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="columns"'));
  for (const text of [
    'Dataset drift detected',
    '2 of 4 columns drifted (50%)',
    'Drift share threshold',
    '1,250',
    '10,384',
    '2024-05-01',
  ]) {
    assert.ok(summary.includes(text), text);
  }
  assert.ok(html.includes('<title>Drift: practice vs source</title>'));
  assert.ok(html.includes('<strong>practicedata</strong>') && html.includes('<strong>sourcedata</strong>'));
  assert.ok(html.includes('datetime="2024-05-01T12:34:56.789Z"'));
});

test('no dataset drift reads as such', async () => {
  const html = await renderDriftHtml({
    ...driftReportFixture,
    dataset_drift: false,
    share_drifted: 0.25,
    drift_share: 0.5,
  });
  assert.ok(html.includes('No dataset drift'));
  assert.ok(!html.includes('Dataset drift detected'));
});

test('the table has a header row and one row per column with score, threshold, mark and missing counts', async () => {
  const html = await renderDriftHtml(driftReportFixture);
  const table = html.slice(html.indexOf('id="columns"'), html.indexOf('id="distributions"'));
  assert.equal(count(table, /<th scope="col">/g) + count(table, /<th scope="col" class="num">/g), 8);
  assert.equal(count(table, /<th scope="row">/g), 5, 'four columns and the prediction');
  assert.equal(count(table, /▲ <\/span>Drifted/g), 3, 'drift is marked by symbol and text, not colour alone');
  assert.equal(count(table, /✓ <\/span>No drift/g), 2);
  assert.equal(count(table, /model output, not counted in the share/g), 1);
  for (const text of [
    '>0.0031<',
    '>3.2e-9<',
    '>0.0427<',
    '>0.412<',
    '>0.05<',
    '>0.1<',
    'wasserstein',
    'distance',
    'p-value',
    'categorical',
    '>3<',
  ]) {
    assert.ok(table.includes(text), text);
  }
});

test("a column's note shows in the table and beside its chart", async () => {
  const { exited } = driftReportFixture.columns;
  assert.ok(exited);
  const note = 'no non-missing values in current: the test was not run';
  const html = await renderDriftHtml({
    ...driftReportFixture,
    columns: { exited: { ...exited, score: 1, note } },
    prediction: null,
  });
  assert.equal(count(html, new RegExp(note, 'g')), 2);
});

test('one labelled chart per column, in report order', async () => {
  const html = await renderDriftHtml(driftReportFixture);
  const charts = html.slice(html.indexOf('id="distributions"'));
  assert.equal(count(charts, /<svg\b/g), 5);
  assert.equal(count(charts, /<figure class="card chart" id="col-\d"/g), 5);
  const labels = [...charts.matchAll(/<svg[^>]*aria-label="Distribution of ([^:"]+):/g)].map((m) => m[1]);
  assert.deepEqual(labels, ['lastmonth_activity', 'lastyear_activity', 'number_of_employees', 'exited', 'prediction']);
  assert.equal(count(charts, /<title>Distribution of /g), 5);
  assert.ok(charts.includes('ks p-value 0.0031 (threshold 0.05) · statistic 0.213'));
});

test('strings from the data are escaped: a <script> column name and a markup bin label stay text', async () => {
  const html = await renderDriftHtml(hostileDriftReport(), { title: '<b>t</b>', referenceName: '"ref"' });
  assert.ok(!/<script/i.test(html), 'no script element');
  assert.ok(!/<img/i.test(html), 'no img element');
  assert.ok(!html.includes('<b>t</b>'));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('&quot;ref&quot;'));
});

test('the page loads nothing: no network URL, no script, link, image, frame, import or url()', async () => {
  const html = await renderDriftHtml(driftReportFixture);
  assert.ok(!/https?:\/\//i.test(html), 'no http(s) URL at all');
  assert.ok(
    !/\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:[a-z]+:)?\/\//i.test(html),
    'no src/href to a network location',
  );
  assert.ok(!/<(?:script|link|img|iframe|object|embed|image|use)\b/i.test(html));
  assert.ok(!/@import|url\(\s*['"]?(?!#)/i.test(html), 'url() only for in-page clip paths');
  const hrefs = [...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1] ?? '');
  assert.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('#')), 'only in-page links');
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/,
  );
});

test('chart ids are unique on the page and every url(#id) points to one of them', async () => {
  const html = await renderDriftHtml(driftReportFixture);
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length);
  const refs = [...html.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(refs.every((r) => ids.includes(r)));
});

test('a report without columns still renders', async () => {
  const html = await renderDriftHtml({
    ...driftReportFixture,
    columns: {},
    prediction: null,
    share_drifted: 0,
    dataset_drift: false,
  });
  assert.ok(html.includes('No columns were tested.'));
  assert.equal(count(html, /<svg\b/g), 0);
});
