import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CONFUSION_MATRIX_SIZE,
  renderConfusionMatrixPng,
  renderConfusionMatrixSvg,
} from '../../src/report/confusion-matrix.ts';
import { pngSize } from './png.ts';

const MATRIX = [
  [812, 47],
  [63, 278],
] as const;

test('renderConfusionMatrixSvg shows the counts, the title and the model id', async () => {
  const svg = await renderConfusionMatrixSvg(MATRIX, { modelId: 'v-2024-05-01' });
  for (const count of [812, 47, 63, 278]) assert.ok(svg.includes(`>${count}<`), String(count));
  assert.ok(svg.includes('>Confusion matrix<'));
  assert.ok(svg.includes('model v-2024-05-01'));
  assert.match(svg, /^<svg[^>]* width="480" height="400"/);
});

test('renderConfusionMatrixPng is a PNG of the stated size', async () => {
  const png = await renderConfusionMatrixPng(MATRIX, { title: 'Champion on testdata' });
  assert.deepEqual(pngSize(png), CONFUSION_MATRIX_SIZE);
  assert.deepEqual(CONFUSION_MATRIX_SIZE, { width: 480, height: 400 });
});
