import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinLabels, UNLABELLED } from '../../src/labels/label-join.ts';
import { LabelIndex } from '../../src/labels/label-index.ts';
import type { Label } from '../../src/labels/label.ts';

const DAY = 86_400_000;
const H = 30 * DAY;

function index(labels: Label[]): LabelIndex {
  const held = new LabelIndex();
  for (const label of labels) held.add(label);
  return held;
}

describe('joinLabels', () => {
  it('a label observed at T is the truth for its id’s predictions made in [T − horizon, T], bounds included', () => {
    const T = 100 * DAY;
    const labels = index([{ id: 'a', exited: 1, observedAt: T }]).entries;
    const times = [T - H - 1, T - H, T - DAY, T, T + 1];
    const truth = joinLabels(Float64Array.from(times), ['a', 'a', 'a', 'a', 'a'], labels, H);
    assert.deepEqual(Array.from(truth), [UNLABELLED, 1, 1, 1, UNLABELLED]);
  });

  it('the latest covering label wins; predictions without an id or with an unknown id stay unlabelled', () => {
    const labels = index([
      { id: 'a', exited: 0, observedAt: 10 * DAY },
      { id: 'a', exited: 1, observedAt: 20 * DAY },
      { id: 'a', exited: 0, observedAt: 60 * DAY },
      { id: 'b', exited: 1, observedAt: 5 * DAY },
    ]).entries;
    const seen = new Set<string>();
    const truth = joinLabels(
      Float64Array.from([1 * DAY, 15 * DAY, 25 * DAY, 45 * DAY, 1 * DAY, 1 * DAY, 1 * DAY]),
      ['a', 'a', 'a', 'a', 'b', null, 'zz'],
      labels,
      H,
      seen,
    );
    // day 1: labels of days 10 and 20 cover it, 20 wins; day 15: 20; day 25: none of 10/20 (before), 60 is 35 days on;
    // day 45: 60; b at day 1: day 5
    assert.deepEqual(Array.from(truth), [1, 1, UNLABELLED, 0, 1, UNLABELLED, UNLABELLED]);
    assert.deepEqual([...seen].sort(), ['a', 'b']);
  });

  it('agrees with a scan of every label on random data', () => {
    let state = 7;
    const random = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    const labels: Label[] = [];
    const keys = new Set<string>();
    while (labels.length < 2000) {
      const label: Label = {
        id: `c${Math.floor(random() * 50)}`,
        exited: random() < 0.3 ? 1 : 0,
        observedAt: Math.floor(random() * 400) * DAY,
      };
      const key = `${label.id}@${label.observedAt}`;
      if (keys.has(key)) continue;
      keys.add(key);
      labels.push(label);
    }
    const times = Float64Array.from({ length: 5000 }, () => Math.floor(random() * 400 * DAY));
    const ids = Array.from(times, () => (random() < 0.1 ? null : `c${Math.floor(random() * 60)}`));
    const truth = joinLabels(times, ids, index(labels).entries, H);
    times.forEach((t, i) => {
      const covering = labels
        .filter((l) => l.id === ids[i] && l.observedAt >= t && l.observedAt - H <= t)
        .sort((x, y) => y.observedAt - x.observedAt);
      assert.equal(truth[i], covering[0]?.exited ?? UNLABELLED, `row ${i}`);
    });
  });
});
