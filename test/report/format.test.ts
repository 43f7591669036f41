import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatPercent, formatScore, formatTime } from '../../src/report/format.ts';

test('formatScore keeps three significant digits and goes scientific below 1e-4', () => {
  assert.equal(formatScore(0.04231), '0.0423');
  assert.equal(formatScore(0.05), '0.05');
  assert.equal(formatScore(0.41234), '0.412');
  assert.equal(formatScore(3.2e-9), '3.2e-9');
  assert.equal(formatScore(1.234e-5), '1.23e-5');
  assert.equal(formatScore(0), '0');
  assert.equal(formatScore(1), '1');
});

test('formatPercent and formatCount', () => {
  assert.equal(formatPercent(0.5), '50%');
  assert.equal(formatPercent(1 / 3), '33.3%');
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatCount(10384), '10,384');
});

test('formatTime shows UTC minutes and passes unparsable text through', () => {
  assert.equal(formatTime('2024-05-01T12:34:56.789Z'), '2024-05-01 12:34 UTC');
  assert.equal(formatTime('yesterday'), 'yesterday');
});
