import assert from 'node:assert/strict';
import { test } from 'node:test';
import { svgToPng } from '../../src/report/svg-to-png.ts';
import { pngSize } from './png.ts';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
<rect width="120" height="40" fill="#eef"/><text x="8" y="26" font-family="sans-serif" font-size="16">drift 42</text></svg>`;

test('svgToPng renders at the SVG size', () => {
  assert.deepEqual(pngSize(svgToPng(SVG)), { width: 120, height: 40 });
});

test('svgToPng still makes a valid PNG without any font, and text adds pixels when fonts exist', () => {
  const bare = svgToPng(SVG, { loadSystemFonts: false });
  assert.deepEqual(pngSize(bare), { width: 120, height: 40 });
  const withText = svgToPng(SVG);
  assert.notDeepEqual(
    withText,
    bare,
    'text did not render: is fonts-dejavu-core installed (scripts/ensure-chromium.sh)?',
  );
});
