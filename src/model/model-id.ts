/**
 * Model ids: the UTC training time to the second, then 8 hex digits of a SHA-256 over the parameters and
 * the exact time, e.g. `20261126T051200Z-ab12cd34`. Ids sort by training time (to the second) as
 * strings and are safe as folder names.
 */
import { createHash } from 'node:crypto';
import type { LinearModel } from './logistic-regression.ts';

/** The id of `model` trained at `trainedAt`. */
export function makeModelId(model: LinearModel, trainedAt: Date): string {
  const iso = trainedAt.toISOString(); // 2026-11-26T05:12:00.123Z
  const stamp = `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
  const hash = createHash('sha256')
    .update(JSON.stringify([iso, model.features, model.coefficients, model.intercept]))
    .digest('hex')
    .slice(0, 8);
  return `${stamp}-${hash}`;
}
