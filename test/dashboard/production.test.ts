/**
 * The dashboard's Production section over monitoring.json fixtures (built by monitoring-fixture.ts,
 * checked by the file's schema): one chart mark per chunk, oldest left; the alert, partial and
 * no-reference chunks marked; the table of the newest chunks; the empty state, a corrupt file, a
 * hostile model id; the charts re-rendered only when the file changes and their rendering time for
 * 400 chunks; and the section in headless Chromium without console errors.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProductionCache } from '../../src/dashboard/production-data.ts';
import type { MonitoringChunk } from '../../src/records/monitoring-file.ts';
import { outputFolderLayout } from '../../src/records/output-layout.ts';
import { startTestServer, type TestServer } from '../helpers/api-server.ts';
import { blockRequests, collectProblems, launchChromium, skipWithoutChromium } from '../helpers/browser.ts';
import { makeTempProject, type TempProject } from '../helpers/temp-project.ts';
import {
  alertChunk,
  driftedChunk,
  fixtureChunk,
  monitoringFile,
  noReferenceChunk,
  steadyChunks,
  writeMonitoringFile,
} from '../helpers/monitoring-fixture.ts';

/** Oldest first: five chunks of model-a, two of a version without reference, five of model-b. */
const CHUNKS: MonitoringChunk[] = [
  ...[0, 1, 2, 3, 4].map((i) => fixtureChunk(i, 'model-a')),
  noReferenceChunk(5, 'model-old'),
  noReferenceChunk(6, 'model-old'),
  fixtureChunk(7, 'model-b'),
  driftedChunk(8, 'model-b'),
  alertChunk(9, 'model-b'),
  { ...fixtureChunk(10, 'model-b'), realized: { ...fixtureChunk(10).realized, f1: 0.5 }, realized_alert: true },
  { ...fixtureChunk(11, 'model-b'), partial: true },
];
const WITH_REFERENCE = CHUNKS.filter((c) => c.reference === 'ok');

/** A project serving the dashboard, with `content` (a monitoring result or raw text) as monitoring.json. */
async function serve(
  content: MonitoringChunk[] | string | null,
): Promise<{ project: TempProject; server: TestServer }> {
  const project = makeTempProject({ seed: [] });
  const path = outputFolderLayout(project.config.output_folder_path).monitoring;
  if (typeof content === 'string') await writeFile(path, content);
  else if (content) writeMonitoringFile(path, monitoringFile(content));
  return { project, server: await startTestServer(project.config) };
}

async function page(server: TestServer): Promise<string> {
  const response = await fetch(`${server.url}/dashboard`);
  assert.equal(response.status, 200);
  return response.text();
}

/** The markup of the element with `id` up to its closing tag `end`. */
function part(html: string, id: string, end: string): string {
  const start = html.indexOf(`id="${id}"`);
  assert.ok(start >= 0, `#${id} is on the page`);
  return html.slice(start, html.indexOf(end, start));
}

/** The number of marks (paths, lines) in the first mark group whose class starts with `className`. */
function groupPaths(svg: string, className: string): number {
  const start = svg.indexOf(`class="${className}`);
  assert.ok(start >= 0, className);
  return svg.slice(start, svg.indexOf('</g>', start)).match(/<(path|line) /g)?.length ?? 0;
}

/** The wide rendering of a chart figure. */
const wide = (html: string, id: string) => part(part(html, id, '</figure>'), id, '<div class="chart-narrow">');

/** The marks of a wide chart whose accessible label matches `pattern`, with their attributes. */
function marks(svg: string, pattern: string): { label: string; attrs: string }[] {
  return [...svg.matchAll(new RegExp(`<path aria-label="(chunk [^"]*${pattern}[^"]*)"([^>]*)>`, 'g'))].map((m) => ({
    label: m[1]!,
    attrs: m[2]!,
  }));
}

const week = (c: MonitoringChunk) => `week of ${c.start.slice(0, 10)}`;

describe('the Production section with monitoring results', () => {
  let project: TempProject;
  let server: TestServer;
  let html: string;
  before(async () => {
    ({ project, server } = await serve(CHUNKS));
    html = await page(server);
  });
  after(async () => {
    await server?.close();
    project?.cleanup();
  });

  it('comes with its four charts, wide and narrow', () => {
    const section = part(html, 'production', '</section>');
    assert.match(section, /<h2 id="production-title">Production<\/h2>/);
    assert.match(section, /weekly chunks/);
    for (const id of [
      'production-f1-chart',
      'production-rows-chart',
      'production-drift-chart',
      'production-coverage-chart',
    ]) {
      const figure = part(html, id, '</figure>');
      assert.equal(figure.match(/<svg\b/g)?.length, 2, `${id}: wide and narrow`);
    }
  });

  it('draws one F1 point per chunk with an estimate, oldest left, over its band and thresholds', () => {
    const svg = wide(html, 'production-f1-chart');
    const points = marks(svg, ': estimated F1 ');
    assert.equal(points.length, WITH_REFERENCE.length);
    const x = (attrs: string) => Number(/transform="translate\(([\d.]+),/.exec(attrs)?.[1]);
    const byPosition = [...points].sort((a, b) => x(a.attrs) - x(b.attrs)).map((p) => p.label.split(',')[0]);
    assert.deepEqual(
      byPosition,
      WITH_REFERENCE.map((c) => `chunk ${week(c)}`),
    );
    assert.ok(points[0]!.label.includes('[0.690, 0.750], thresholds 0.620 – 0.900'), points[0]!.label);
    assert.equal(groupPaths(svg, 'mark-rect role-mark'), WITH_REFERENCE.length, 'a band per estimate');
    assert.equal(groupPaths(svg, 'mark-rule role-mark'), 2 * WITH_REFERENCE.length, 'two thresholds per chunk');
  });

  it('marks the alert chunk red and the partial chunk hollow', () => {
    const points = marks(wide(html, 'production-f1-chart'), ': estimated F1 ');
    const alerts = points.filter((p) => p.label.includes('ALERT'));
    assert.deepEqual(
      alerts.map((p) => p.label.split(',')[0]),
      [`chunk ${week(CHUNKS[9]!)}`],
    );
    assert.match(alerts[0]!.attrs, /fill="#b91c1c"/);
    const partial = points.filter((p) => p.label.endsWith(', partial'));
    assert.deepEqual(
      partial.map((p) => p.label.split(',')[0]),
      [`chunk ${week(CHUNKS[11]!)}`],
    );
    assert.match(partial[0]!.attrs, /fill="white"/);
    assert.ok(
      points
        .filter((p) => !p.label.includes('ALERT') && !p.label.endsWith('partial'))
        .every((p) => /fill="#2563eb"/.test(p.attrs)),
    );
  });

  it('draws a bar of rows per chunk coloured by version, the partial one lighter', () => {
    const bars = marks(wide(html, 'production-rows-chart'), ' rows');
    assert.deepEqual(
      bars.map((b) => b.label),
      CHUNKS.map(
        (c) =>
          `chunk ${week(c)}, model ${c.model_id}: ${c.rows.toLocaleString('en-US')} rows${c.partial ? ' (partial)' : ''}`,
      ),
    );
    const fill = (i: number) => /fill="([^"]+)"/.exec(bars[i]!.attrs)?.[1];
    assert.equal(new Set([0, 5, 7].map(fill)).size, 3, 'three versions, three colours');
    assert.equal(fill(0), fill(4));
    assert.match(bars[11]!.attrs, /opacity="0.4"/);
    assert.match(bars[10]!.attrs, /opacity="1"/);
  });

  it('draws the realized F1 of every chunk with labels beside the estimate, red outside the thresholds', () => {
    const squares = marks(wide(html, 'production-f1-chart'), ': realized F1 ');
    assert.equal(squares.length, CHUNKS.length);
    const outside = squares.filter((p) => p.label.includes('outside the thresholds'));
    assert.deepEqual(
      outside.map((p) => p.label.split(',')[0]),
      [`chunk ${week(CHUNKS[10]!)}`],
    );
    assert.match(outside[0]!.attrs, /fill="#b91c1c"/);
    assert.ok(squares[0]!.label.includes('realized F1 0.700 on labelled rows (40 % covered)'), squares[0]!.label);
    const table = part(html, 'production', '</table>');
    assert.match(table, /0\.500 <span class="badge badge--alert">outside thresholds<\/span>/);
  });

  it('draws the share of rows labelled per chunk', () => {
    const bars = marks(wide(html, 'production-coverage-chart'), ' rows labelled');
    assert.equal(bars.length, CHUNKS.length);
    assert.ok(bars[0]!.label.includes('40% of 1,000 rows labelled'), bars[0]!.label);
  });

  it('draws the drifted share per chunk with a drift result, dataset drift in red', () => {
    const bars = marks(wide(html, 'production-drift-chart'), ' of features drifted');
    assert.equal(bars.length, WITH_REFERENCE.length);
    const drifted = bars.filter((b) => b.label.includes('(dataset drift)'));
    assert.deepEqual(
      drifted.map((b) => b.label.split(',')[0]),
      [`chunk ${week(CHUNKS[8]!)}`],
    );
    assert.ok(drifted[0]!.label.includes('66.7% of features drifted'));
    assert.match(drifted[0]!.attrs, /fill="#dc2626"/);
  });

  it('lists the newest ten chunks, newest first, with "no reference" where the version has none', () => {
    const table = part(html, 'production', '</table>');
    const rows = [
      ...table.matchAll(/<tr data-model-id="([^"]*)" data-alert="(\w+)" data-partial="(\w+)">([\s\S]*?)<\/tr>/g),
    ];
    const newest = [...CHUNKS].reverse().slice(0, 10);
    assert.deepEqual(
      rows.map((r) => r[1]),
      newest.map((c) => c.model_id),
    );
    for (const [i, row] of rows.entries()) {
      const chunk = newest[i]!;
      const cells = row[4]!;
      assert.ok(cells.includes(`datetime="${chunk.start}">${week(chunk)}</time>`), cells);
      assert.equal(cells.includes('no reference'), chunk.reference === 'missing', chunk.start);
      assert.equal(cells.includes('badge--alert">alert'), chunk.alert, chunk.start);
      assert.equal(cells.includes('badge--partial">partial'), chunk.partial, chunk.start);
      assert.equal(cells.includes('dataset drift'), chunk.drift?.dataset_drift === true, chunk.start);
    }
    assert.match(
      rows[2]![4]!,
      /0\.550 <span class="small">\[0\.520, 0\.580\]<\/span>/,
      'the alert chunk’s estimate and band',
    );
    assert.match(rows[2]![4]!, /0\.620 – 0\.900/, 'its thresholds');
  });

  it('re-renders the charts when monitoring.json changes, and only then', async () => {
    const path = outputFolderLayout(project.config.output_folder_path).monitoring;
    const cache = new ProductionCache(path);
    const first = await cache.get();
    assert.equal(await cache.get(), first, 'the same file: the same rendering');
    writeMonitoringFile(
      path,
      monitoringFile([...CHUNKS.slice(0, 11), fixtureChunk(11, 'model-b'), fixtureChunk(12, 'model-b')]),
    );
    const second = await cache.get();
    assert.notEqual(second, first);
    assert.equal(second.state === 'ready' && second.charts.rows?.count, 13);
    assert.equal(marks(wide(await page(server), 'production-rows-chart'), ' rows').length, 13, 'the page follows');
  });
});

describe('the Production section without usable results', () => {
  it('shows the empty state without monitoring.json and with a pass that found no chunk', async () => {
    for (const content of [null, []]) {
      const { project, server } = await serve(content);
      try {
        const html = await page(server);
        assert.ok(
          html.includes(
            'No predictions logged yet: the log fills as <code>/prediction</code> answers; <code>npm run monitor</code> or a cycle computes this section.',
          ),
        );
        assert.ok(!html.includes('production-f1-chart'));
      } finally {
        await server.close();
        project.cleanup();
      }
    }
  });

  it('says why a corrupt monitoring.json cannot be read, without its path, and the rest of the page still renders', async () => {
    const broken = JSON.stringify({ ...monitoringFile(CHUNKS.slice(0, 2)), chunks: [{ start: 'yesterday' }] });
    for (const [content, reason] of [
      [
        '{"computed_at": "2026-04-',
        /monitoring\.json cannot be read \(monitoring\.json: corrupt monitoring result, not valid JSON/,
      ],
      [
        broken,
        /monitoring\.json cannot be read \(monitoring\.json: corrupt monitoring result, field chunks\.0\.start: /,
      ],
    ] as const) {
      const { project, server } = await serve(content);
      try {
        const html = await page(server);
        const message = part(html, 'production-error', '</p>');
        assert.match(message, reason);
        assert.ok(message.includes('run <code>npm run monitor</code> to write it again'));
        assert.ok(!message.includes(project.dir), 'the server’s folders stay private');
        assert.ok(html.includes('id="cycles-title"'), 'the rest of the page');
      } finally {
        await server.close();
        project.cleanup();
      }
    }
  });

  it('escapes a hostile model id in the table, the charts and their labels', async () => {
    const hostile = `<img src=x onerror="alert(1)">'&</svg><script>alert(2)</script>`;
    const { project, server } = await serve([
      fixtureChunk(0, hostile),
      alertChunk(1, hostile),
      noReferenceChunk(2, hostile),
    ]);
    try {
      const html = await page(server);
      assert.ok(!html.includes('<img'), 'no element from the model id');
      assert.ok(!html.includes('<script>alert'), 'no script from the model id');
      const escaped =
        '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;&lt;/svg&gt;&lt;script&gt;alert(2)&lt;/script&gt;';
      assert.ok(html.includes(`<td class="mono" data-label="model">${escaped}</td>`));
      assert.equal(marks(wide(html, 'production-rows-chart'), ' rows').length, 3, 'the bars survive the id');
      assert.equal(marks(wide(html, 'production-f1-chart'), ': estimated F1 ').length, 2);
    } finally {
      await server.close();
      project.cleanup();
    }
  });
});

describe('the Production section in the browser', () => {
  it('renders without console errors, at a readable size, and fits a phone', {
    skip: skipWithoutChromium,
    timeout: 120_000,
  }, async () => {
    const { project, server } = await serve(steadyChunks(30));
    const dir = await mkdtemp(join(tmpdir(), 'production-browser-'));
    const context = await launchChromium(dir);
    try {
      const origin = new URL(server.url).origin;
      const attempted = await blockRequests(context, (url) => url.origin === origin);
      const browserPage = await context.newPage();
      const problems = collectProblems(browserPage);
      await browserPage.goto(`${server.url}/dashboard`, { waitUntil: 'load' });
      assert.equal(await browserPage.locator('#production .chart-wide svg g.chunk_f1_marks > path').count(), 30);
      for (const id of [
        'production-f1-chart',
        'production-rows-chart',
        'production-drift-chart',
        'production-coverage-chart',
      ]) {
        const box = await browserPage.locator(`#${id} .chart-wide svg`).boundingBox();
        assert.ok(box && box.width > 400 && box.height > 150, `${id} is laid out at a readable size`);
      }
      assert.equal(await browserPage.locator('table.chunks tbody tr').count(), 10);
      assert.equal(await browserPage.locator('table.chunks tbody tr').first().getAttribute('data-partial'), 'true');
      await browserPage.setViewportSize({ width: 390, height: 844 });
      const overflow = Number(await browserPage.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      assert.ok(overflow <= 0, `page scrolls sideways on a phone by ${overflow}px`);
      assert.ok(await browserPage.locator('#production-f1-chart .chart-narrow svg').isVisible());
      assert.deepEqual(attempted, [], 'the page tried to load from the network');
      assert.deepEqual(problems, [], 'console errors');
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
      await server.close();
      project.cleanup();
    }
  });
});
