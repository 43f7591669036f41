/**
 * Opens the drift HTML report in headless Debian Chromium (playwright-core, never a downloaded
 * browser) as a file:// URL with every non-file request aborted, and checks what a reader sees.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { renderDriftHtml } from '../../src/report/drift-html.ts';
import { blockRequests, collectProblems, launchChromium, skipWithoutChromium } from '../helpers/browser.ts';
import { driftReportFixture } from './fixtures/drift-report.ts';
import { pngSize } from './png.ts';

test('the drift report opens offline in Chromium: summary, one chart per column, screenshot', {
  skip: skipWithoutChromium,
  timeout: 60_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'drift-html-browser-'));
  const context = await launchChromium(dir);
  try {
    const file = join(dir, 'drift_report.html');
    await writeFile(
      file,
      await renderDriftHtml(driftReportFixture, { referenceName: 'practicedata', currentName: 'sourcedata' }),
    );
    const attempted = await blockRequests(context, (url) => url.protocol === 'file:');
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    const summary = page.locator('#summary');
    assert.ok(await summary.isVisible());
    const summaryText = await summary.innerText();
    for (const text of ['Dataset drift detected', '2 of 4 columns drifted', '1,250', '10,384'])
      assert.ok(summaryText.includes(text), text);

    const charts = page.locator('#distributions figure svg[role="img"]');
    assert.equal(await charts.count(), 5, 'one per column and one for the predictions');
    for (const chart of await charts.all()) {
      assert.ok(await chart.isVisible());
      assert.match((await chart.getAttribute('aria-label')) ?? '', /^Distribution of /);
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 200 && box.height > 100, 'chart is laid out at a readable size');
    }
    const badgeColor = await page.evaluate(`getComputedStyle(document.querySelector('.badge--drift')).color`);
    assert.equal(badgeColor, 'rgb(185, 28, 28)', 'inline CSS applied under the page CSP');

    const screenshot = join(dir, 'drift_report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.equal(pngSize(await readFile(screenshot)).width, 1280);

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(overflow <= 0, `page scrolls sideways on a phone by ${overflow}px`);

    assert.deepEqual(attempted, [], 'the report tried to load from the network');
    assert.deepEqual(problems, [], 'console errors (CSP violations show up here)');

    // Control: the same blocking does catch a page that asks for a network image.
    const control = await context.newPage();
    const failed = control.waitForEvent('requestfailed');
    await control.setContent('<img src="http://198.51.100.1/pixel.png" alt="">');
    await failed;
    assert.deepEqual(attempted, ['http://198.51.100.1/pixel.png']);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
