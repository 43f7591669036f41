import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinLabels, UNLABELLED } from '../../src/labels/label-join.ts';
import { LabelIndex } from '../../src/labels/label-index.ts';
import type { Label } from '../../src/labels/label.ts';
import { LabelTable } from '../../src/labels/label-table.ts';
import { md5IdHashes } from '../helpers/memory-log-store.ts';

const DAY = 86_400_000;
const H = 30 * DAY;

/** The labels' table, ids hashed as the memory store hashes them; `ids` lists the labelled ids in table order. */
function table(labels: Label[]) {
  const held = new LabelIndex();
  for (const label of labels) held.add(label);
  const ids = [...held.entries.keys()];
  return { ids, table: LabelTable.of({ count: held.count, byId: held.entries, skipped: 0 }, md5IdHashes(ids)) };
}

/** The truth of each prediction (time, id) under `labels`, and the labelled ids met. */
function join(times: number[] | Float64Array, ids: (string | null)[], labels: Label[]) {
  const { ids: labelled, table: byHash } = table(labels);
  const seen = new Uint8Array(byHash.slotCount);
  const truth = joinLabels(Float64Array.from(times), md5IdHashes(ids), byHash, H, seen);
  const hashes = md5IdHashes(labelled);
  const slotOf = (k: number) => byHash.slotIndex(byHash.find(hashes.high[k]!, hashes.low[k]!));
  return { truth: Array.from(truth), seen: labelled.filter((_, k) => seen[slotOf(k)]) };
}

describe('joinLabels', () => {
  it('a label observed at T is the truth for its id’s predictions made in [T − horizon, T], bounds included', () => {
    const T = 100 * DAY;
    const times = [T - H - 1, T - H, T - DAY, T, T + 1];
    const { truth } = join(times, ['a', 'a', 'a', 'a', 'a'], [{ id: 'a', exited: 1, observedAt: T }]);
    assert.deepEqual(truth, [UNLABELLED, 1, 1, 1, UNLABELLED]);
  });

  it('the latest covering label wins; predictions without an id or with an unknown id stay unlabelled', () => {
    const labels: Label[] = [
      { id: 'a', exited: 0, observedAt: 10 * DAY },
      { id: 'a', exited: 1, observedAt: 20 * DAY },
      { id: 'a', exited: 0, observedAt: 60 * DAY },
      { id: 'b', exited: 1, observedAt: 5 * DAY },
      { id: 'c', exited: 1, observedAt: 5 * DAY },
    ];
    const { truth, seen } = join(
      [1 * DAY, 15 * DAY, 25 * DAY, 45 * DAY, 1 * DAY, 1 * DAY, 1 * DAY],
      ['a', 'a', 'a', 'a', 'b', null, 'zz'],
      labels,
    );
    // day 1: labels of days 10 and 20 cover it, 20 wins; day 15: 20; day 25: none of 10/20 (before), 60 is 35 days on;
    // day 45: 60; b at day 1: day 5
    assert.deepEqual(truth, [1, 1, UNLABELLED, 0, 1, UNLABELLED, UNLABELLED]);
    assert.deepEqual(seen, ['a', 'b']);
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
    const { truth } = join(times, ids, labels);
    times.forEach((t, i) => {
      const covering = labels
        .filter((l) => l.id === ids[i] && l.observedAt >= t && l.observedAt - H <= t)
        .sort((x, y) => y.observedAt - x.observedAt);
      assert.equal(truth[i], covering[0]?.exited ?? UNLABELLED, `row ${i}`);
    });
  });
});
