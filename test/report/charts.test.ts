import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confusionHeatmapSvg } from '../../src/report/charts/confusion-heatmap.ts';
import { distributionBarsSvg } from '../../src/report/charts/distribution-bars.ts';
import { textWidth } from '../../src/report/charts/text-metrics.ts';

test('distributionBarsSvg draws one bar per bin and sample, labelled for assistive tech', async () => {
  const svg = await distributionBarsSvg(
    { bins: ['[0, 10)', '[10, 20]'], reference: [0.25, 0.75], current: [0.5, 0.5] },
    { label: 'Distribution of a & b $& $1', width: 300, height: 200 },
  );
  assert.match(
    svg,
    /^<svg[^>]* width="300" height="200"[^>]* role="img" aria-label="Distribution of a &amp; b \$&amp; \$1"><title>Distribution of a &amp; b \$&amp; \$1<\/title>/,
  );
  assert.deepEqual(svg.match(/aria-label="bin: [^"]*"/g), [
    'aria-label="bin: [0, 10); share of rows: 25%; sample: reference"',
    'aria-label="bin: [0, 10); share of rows: 50%; sample: current"',
    'aria-label="bin: [10, 20]; share of rows: 75%; sample: reference"',
    'aria-label="bin: [10, 20]; share of rows: 50%; sample: current"',
  ]);
  for (const text of ['[0, 10)', '[10, 20]', 'reference', 'current', 'share of rows'])
    assert.ok(svg.includes(text), text);
  assert.ok(!svg.includes('font-family="Arial'), 'only the generic family is used');
});

test('confusionHeatmapSvg has the four counts, the cell names and the axis titles', async () => {
  const svg = await confusionHeatmapSvg(
    [
      [5, 1],
      [2, 1234],
    ],
    { title: 'CM', width: 300, height: 260 },
  );
  for (const text of [
    '>5<',
    '>1<',
    '>2<',
    '>1,234<',
    'true negative',
    'false positive',
    'false negative',
    'true positive',
    '>actual<',
    '>predicted<',
  ]) {
    assert.ok(svg.includes(text), text);
  }
});

test('textWidth uses DejaVu Sans advances: digits are 0.636 em, bold is wider', () => {
  assert.equal(textWidth('00', 10, false), 12.72);
  assert.ok(textWidth('share', 12, true) > textWidth('share', 12, false));
});
