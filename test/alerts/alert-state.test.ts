import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { advance, type Evaluation, type Finding } from '../../src/alerts/alert-state.ts';
import type { AlertKind } from '../../src/alerts/kinds.ts';
import type { AlertState } from '../../src/records/alert-files.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2027-01-01T00:00:00.000Z');

const finding = (kind: AlertKind, subject = 'm1'): Finding => ({
  kind,
  subject,
  summary: `${kind} of ${subject}`,
  numbers: { x: 1 },
  links: { run_id: 'r' },
});

function evaluation(judged: AlertKind[], holding: Finding[], events: Finding[] = []): Evaluation {
  return { judged: new Set(judged), holding, events, links: { run_id: 'now' } };
}

/** Runs evaluations one hour apart from an empty state; the alerts of each, as "status kind subject". */
function run(evaluations: Evaluation[], repeatHours = 24): string[][] {
  let state: AlertState = { active: {} };
  let n = 0;
  return evaluations.map((e, hour) => {
    const next = advance(state, e, new Date(T0 + hour * HOUR), repeatHours * HOUR, () => `id${n++}`);
    state = next.state;
    return next.alerts.map((a) => `${a.status} ${a.kind} ${a.subject}`);
  });
}

describe('alert state', () => {
  it('fires once when a condition starts, stays quiet while it holds, resolves once when it clears', () => {
    const drift = evaluation(['dataset_drift'], [finding('dataset_drift', 'input data')]);
    const clear = evaluation(['dataset_drift'], []);
    assert.deepEqual(run([drift, drift, drift, clear, clear]), [
      ['firing dataset_drift input data'],
      [],
      [],
      ['resolved dataset_drift input data'],
      [],
    ]);
  });

  it('repeats a condition that still holds after repeat_after_hours, keeping when it started', () => {
    let state: AlertState = { active: {} };
    const holds = evaluation(['cycle_failed'], [finding('cycle_failed', 'cycle')]);
    const at = (hours: number) => new Date(T0 + hours * HOUR);
    const statuses: string[] = [];
    for (const hours of [0, 1, 2, 3, 4, 5]) {
      const next = advance(state, holds, at(hours), 2 * HOUR, () => `id${hours}`);
      state = next.state;
      statuses.push(...next.alerts.map((a) => `${hours}: ${a.status} since ${a.since.slice(11, 13)}`));
    }
    assert.deepEqual(statuses, ['0: firing since 00', '2: repeat since 00', '4: repeat since 00']);
  });

  it('resolves only what an evaluation judged; each subject is its own condition; events are sent each time', () => {
    const estimated = (subjects: string[]) =>
      evaluation(
        ['estimated_f1_out_of_thresholds'],
        subjects.map((s) => finding('estimated_f1_out_of_thresholds', s)),
      );
    const notJudged = evaluation(['cycle_failed'], [], [finding('model_deployed', 'm2')]);
    assert.deepEqual(run([estimated(['m1', 'm2']), notJudged, estimated(['m2']), notJudged]), [
      ['firing estimated_f1_out_of_thresholds m1', 'firing estimated_f1_out_of_thresholds m2'],
      ['event model_deployed m2'],
      ['resolved estimated_f1_out_of_thresholds m1'],
      ['event model_deployed m2'],
    ]);
  });

  it('gives a resolved alert the severity of its kind, when the condition started and the links of the evaluation', () => {
    let state: AlertState = { active: {} };
    state = advance(
      state,
      evaluation(['cycle_failed'], [finding('cycle_failed', 'cycle')]),
      new Date(T0),
      HOUR,
      () => 'a',
    ).state;
    const { alerts, state: after } = advance(
      state,
      evaluation(['cycle_failed'], []),
      new Date(T0 + HOUR),
      HOUR,
      () => 'b',
    );
    assert.equal(alerts.length, 1);
    assert.deepEqual(
      { ...alerts[0], summary: alerts[0]!.summary.slice(0, 9) },
      {
        id: 'b',
        kind: 'cycle_failed',
        subject: 'cycle',
        severity: 'critical',
        status: 'resolved',
        summary: 'resolved:',
        numbers: {},
        links: { run_id: 'now' },
        since: new Date(T0).toISOString(),
        at: new Date(T0 + HOUR).toISOString(),
      },
    );
    assert.deepEqual(after, { active: {} });
  });
});
