import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideRealizedDrift } from '../../../src/pipeline/cycle/realized-drift.ts';
import type { MonitoringFile } from '../../../src/records/monitoring-file.ts';

/** A pass whose chunks (newest first) hold only what the decision reads. */
function pass(chunks: { start: string; model: string; f1: number | null; lower: number | null; rows?: number }[]) {
  return {
    chunks: chunks.map((c) => ({
      start: c.start,
      model_id: c.model,
      realized: { f1: c.f1, labelled_rows: c.rows ?? 150 },
      thresholds: c.lower === null ? null : { f1_lower: c.lower, f1_upper: 1 },
    })),
  } as unknown as MonitoringFile;
}

describe('decideRealizedDrift', () => {
  it('judges the newest chunk of the live model that has realized metrics and a lower threshold', () => {
    const decision = decideRealizedDrift(
      pass([
        { start: '2027-01-05', model: 'm2', f1: 0.1, lower: 0.5 }, // another version
        { start: '2027-01-04', model: 'm1', f1: null, lower: 0.5 }, // too few labels
        { start: '2027-01-03', model: 'm1', f1: 0.4, lower: null }, // no thresholds
        { start: '2027-01-02', model: 'm1', f1: 0.45, lower: 0.5, rows: 300 },
        { start: '2027-01-01', model: 'm1', f1: 0.9, lower: 0.5 },
      ]),
      'm1',
    );
    assert.deepEqual(decision, {
      model_id: 'm1',
      chunk_start: '2027-01-02',
      realized_f1: 0.45,
      f1_lower: 0.5,
      labelled_rows: 300,
      drifted: true,
    });
  });

  it('is not drifted at the threshold, nor without a chunk to judge, and says why', () => {
    assert.equal(decideRealizedDrift(pass([{ start: 's', model: 'm1', f1: 0.5, lower: 0.5 }]), 'm1').drifted, false);
    const none = decideRealizedDrift(pass([{ start: 's', model: 'm2', f1: 0.1, lower: 0.5 }]), 'm1');
    assert.equal(none.drifted, false);
    assert.equal(none.chunk_start, null);
    assert.match(none.note!, /no chunk served by m1/);
    assert.match(decideRealizedDrift(null, 'm1').note!, /no production-monitoring pass/);
  });
});
